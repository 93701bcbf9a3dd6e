// Credentials as an employer would receive them, anchored on a running `hardhat node`: registries
// deployed, a body appointed that accredits the university, a batch built by src/credential,
// hashed by src/merkle and anchored by src/chain, and the last credential revoked. The same steps
// as test/verifier/fixtures.ts, but over HTTP, because the page under test reads the chain itself.
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import { type Address, createPublicClient, createWalletClient, type Hex, http } from "viem";
import { hardhat } from "viem/chains";
import { deployRegistries } from "../../scripts/lib/deployRegistries.ts";
import {
  ACCREDITATION_FOREVER,
  anchorBatch,
  changeCredentialStatus,
  type RegistryWriter,
} from "../../src/chain/index.ts";
import {
  attachAnchor,
  buildCredential,
  type CredanchorCredential,
  type CredentialRecord,
  credentialTypeId,
} from "../../src/credential/index.ts";
import { buildMerkleTree } from "../../src/merkle/index.ts";

export const ISSUER_NAME = "Northwind Polytechnic";
const TYPE_NAME = "BachelorDegree";
const MANIFEST_CID = `0x01551220${"cd".repeat(32)}` as Hex;

export type AnchoredCredentials = {
  connection: NetworkConnection;
  registry: Address;
  university: Address;
  body: Address;
  /** Index 0 and 1 stand; index 2 is revoked. */
  credentials: CredanchorCredential[];
};

function record(i: number): CredentialRecord {
  return {
    holderName: `Holder ${i}`,
    subjectId: `did:example:holder-${i}`,
    identifiers: [{ identityType: "emailAddress", value: `holder${i}@mail.example` }],
    achievement: {
      name: "BEng Mechatronics",
      description: "Bachelor of Engineering in Mechatronics, three years full time.",
      criteria: "Earn 180 ECTS including the final design project.",
      achievementType: "BachelorDegree",
    },
    validFrom: "2025-07-14",
    results: [{ name: "Classification", value: "Upper second class" }],
  };
}

/** Deploys, accredits, issues three credentials and revokes the last, on the node at `rpcUrl`. */
export async function anchorCredentials(rpcUrl: string): Promise<AnchoredCredentials> {
  const connection = await network.create({ network: "localhost", override: { url: rpcUrl } });
  const { ethers } = connection;
  const [governance, body, university] = await ethers.getSigners();
  const deployed = await deployRegistries(ethers, { deployer: governance!, adminDelay: 0n });
  const registry = deployed.contracts.CredentialRegistry.address as Address;
  const typeId = credentialTypeId(TYPE_NAME);
  const accreditation = deployed.accreditationRegistry;
  await (await accreditation.appointBody(body!.address, [typeId], "0x")).wait();
  const latest = await ethers.provider.getBlock("latest");
  await (
    await accreditation
      .connect(body!)
      .accredit(university!.address, typeId, latest!.timestamp - 1_000, ACCREDITATION_FOREVER, "0x")
  ).wait();

  const issuer = university!.address as Address;
  const context = {
    chainId: deployed.chainId,
    registryAddress: registry,
    issuerAddress: issuer,
    credentialType: TYPE_NAME,
    issuerProfile: { name: ISSUER_NAME, url: "https://northwind-poly.example" },
  };
  const built = [0, 1, 2].map((index) =>
    buildCredential({ record: record(index), index, context }),
  );
  const tree = await buildMerkleTree(built.map((c) => c.proof.credentialDigest));
  const writer: RegistryWriter = {
    wallet: createWalletClient({ account: issuer, chain: hardhat, transport: http(rpcUrl) }),
    reader: createPublicClient({ chain: hardhat, transport: http(rpcUrl) }),
  };
  const anchored = await anchorBatch(writer, {
    registry,
    issuer,
    root: tree.root,
    leafCount: built.length,
    credentialType: typeId,
    manifestCid: MANIFEST_CID,
  });
  if (anchored.status !== "anchored") throw new Error("the fresh batch was already anchored");
  const credentials = built.map((c, i) =>
    attachAnchor(c, {
      merkleRoot: tree.root,
      merkleProof: tree.proof(i),
      transactionHash: anchored.txHash,
      blockNumber: Number(anchored.blockNumber),
    }),
  );
  await changeCredentialStatus(writer, {
    registry,
    issuer,
    root: tree.root,
    leafCount: built.length,
    action: "revoke",
    indices: [2],
    reason: 1,
  });
  return { connection, registry, university: issuer, body: body!.address as Address, credentials };
}
