// Credentials as an employer would receive them, anchored on a running `hardhat node`: registries
// deployed, a body appointed that accredits the university under its legal name, batches built by
// src/credential, hashed by src/merkle and anchored by src/chain, the last credential revoked. And
// a stranger's forgeries: the same contracts deployed by someone else, who appoints themselves
// body and anchors credentials that borrow the university's name. The same steps as
// test/verifier/fixtures.ts, but over HTTP, because the page under test reads the chain itself.

import { ed25519 } from "@noble/curves/ed25519";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import { type Address, createPublicClient, createWalletClient, type Hex, http } from "viem";
import { hardhat } from "viem/chains";
import { deployRegistries } from "../../scripts/lib/deployRegistries.ts";
import {
  ACCREDITATION_FOREVER,
  anchorBatch,
  changeCredentialStatus,
  declareSigningKey,
  type RegistryWriter,
} from "../../src/chain/index.ts";
import {
  attachAnchor,
  attachSignature,
  buildCredential,
  type CredanchorCredential,
  type CredanchorCredentialV2,
  type CredentialRecord,
  credentialTypeId,
} from "../../src/credential/index.ts";
import { createEddsaProof, verificationMethodOf } from "../../src/dataIntegrity/index.ts";
import { buildMerkleTree } from "../../src/merkle/index.ts";
import { contextV2, issuerDidKey, signingSeed } from "../credential/support.ts";
import { holderRecord } from "../helpers/issuedBatch.ts";

/** The university's legal name as its accreditation body recorded it on chain. */
export const ISSUER_NAME = "Northwind Polytechnic";
export const ISSUER_DOMAIN = "northwind-poly.example";
export const BODY_NAME = "Accreditation Council of Testland";
export const BODY_JURISDICTION = "DE";
/** What a credential may call its issuer that is not the registered legal name. */
export const OTHER_NAME = "Northwind Polytechnic University";
/** A claim holding a right-to-left override: on screen it would read "ssalc tsrif". */
export const BIDI_RESULT = "First class\u202E ssalc dnoces";
const TYPE_NAME = "BachelorDegree";
const MANIFEST_CID = `0x01551220${"cd".repeat(32)}` as Hex;

/** A pair of registries on the node, as a deployments/<network>.json record describes it. */
export type Registries = {
  chainId: number;
  credentialRegistry: Address;
  accreditationRegistry: Address;
  deployBlock: number;
};

export type AnchoredCredentials = {
  connection: NetworkConnection;
  genuine: Registries;
  /** The stranger's own deployment of this project's contracts. */
  stranger: Registries;
  university: Address;
  body: Address;
  strangerAccount: Address;
  /** Index 0 and 1 stand; index 2 is revoked. */
  credentials: CredanchorCredential[];
  /** A signed format v2 credential of the university, its key declared on chain; its holder's
   * identifiers are an e-mail address in clear and a hashed school identifier. */
  v2: CredanchorCredentialV2;
  /** Genuine and standing, but its issuer.name is OTHER_NAME. */
  misnamed: CredanchorCredential;
  /** Genuine and standing, with BIDI_RESULT as its result. */
  bidi: CredanchorCredential;
  /** In the stranger's registry: the stranger's account, the university's name, "accredited". */
  forged: CredanchorCredential;
  /** In the stranger's registry: the university's address and name, anchored by the stranger. */
  forgedAddress: CredanchorCredential;
};

/** test/helpers' graduate `i`, with a subject DID and the result given. */
function record(i: number, result = "Upper second class"): CredentialRecord {
  return holderRecord(i, {
    subjectId: `did:example:holder-${i}`,
    results: [{ name: "Classification", value: result }],
  });
}

/** Deploys, accredits, issues the genuine credentials and the stranger's, on the node at `rpcUrl`. */
export async function anchorCredentials(rpcUrl: string): Promise<AnchoredCredentials> {
  const connection = await network.create({ network: "localhost", override: { url: rpcUrl } });
  const { ethers } = connection;
  const [governance, body, university, stranger] = await ethers.getSigners();
  const typeId = credentialTypeId(TYPE_NAME);
  const writerFor = (account: Address): RegistryWriter => ({
    wallet: createWalletClient({ account, chain: hardhat, transport: http(rpcUrl) }),
    reader: createPublicClient({ chain: hardhat, transport: http(rpcUrl) }),
  });

  /** Deploys a pair of registries whose governance appoints `bodySigner`, who accredits `issuer`. */
  async function deployAndAccredit(
    deployer: NonNullable<typeof governance>,
    bodySigner: NonNullable<typeof governance>,
    issuer: Address,
  ): Promise<Registries> {
    const deployed = await deployRegistries(ethers, { deployer, adminDelay: 0n });
    const accreditation = deployed.accreditationRegistry;
    await (
      await accreditation.appointBody(
        bodySigner.address,
        [typeId],
        "0x",
        BODY_NAME,
        BODY_JURISDICTION,
      )
    ).wait();
    const latest = await ethers.provider.getBlock("latest");
    await (
      await accreditation
        .connect(bodySigner)
        .accredit(
          issuer,
          typeId,
          latest!.timestamp - 1_000,
          ACCREDITATION_FOREVER,
          "0x",
          ISSUER_NAME,
          ISSUER_DOMAIN,
        )
    ).wait();
    return {
      chainId: deployed.chainId,
      credentialRegistry: deployed.contracts.CredentialRegistry.address as Address,
      accreditationRegistry: deployed.contracts.AccreditationRegistry.address as Address,
      deployBlock: deployed.contracts.CredentialRegistry.deployBlock,
    };
  }

  /** Builds one credential per record naming `issuer`, anchors them as one batch by `anchoredBy`. */
  async function issue(
    registries: Registries,
    issuer: Address,
    anchoredBy: Address,
    records: { record: CredentialRecord; issuerName: string }[],
  ) {
    const built = records.map((r, index) =>
      buildCredential({
        record: r.record,
        index,
        context: {
          chainId: registries.chainId,
          registryAddress: registries.credentialRegistry,
          issuerAddress: issuer,
          credentialType: TYPE_NAME,
          issuerProfile: { name: r.issuerName, url: `https://${ISSUER_DOMAIN}` },
        },
      }),
    );
    const tree = await buildMerkleTree(built.map((c) => c.proof.credentialDigest));
    const writer = writerFor(anchoredBy);
    const anchored = await anchorBatch(writer, {
      registry: registries.credentialRegistry,
      issuer: anchoredBy,
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
    return { credentials, root: tree.root, writer };
  }

  const universityAddress = university!.address as Address;
  const strangerAddress = stranger!.address as Address;
  const genuine = await deployAndAccredit(governance!, body!, universityAddress);
  // The stranger governs their own deployment, appoints themselves body under the real body's
  // name and accredits their own account under the university's name.
  const forgery = await deployAndAccredit(stranger!, stranger!, strangerAddress);

  const named = (r: CredentialRecord) => ({ record: r, issuerName: ISSUER_NAME });
  const main = await issue(
    genuine,
    universityAddress,
    universityAddress,
    [0, 1, 2].map((i) => named(record(i))),
  );
  await changeCredentialStatus(main.writer, {
    registry: genuine.credentialRegistry,
    issuer: universityAddress,
    root: main.root,
    leafCount: main.credentials.length,
    action: "revoke",
    indices: [2],
    reason: 1,
  });
  const odd = await issue(genuine, universityAddress, universityAddress, [
    { record: record(3), issuerName: OTHER_NAME },
    named(record(4, BIDI_RESULT)),
  ]);
  const forged = await issue(forgery, strangerAddress, strangerAddress, [named(record(5))]);
  // The stranger cannot anchor in the university's name, only next to it: the batch is theirs.
  const forgedAddress = await issue(forgery, universityAddress, strangerAddress, [
    named(record(6)),
  ]);
  return {
    connection,
    genuine,
    stranger: forgery,
    university: universityAddress,
    body: body!.address as Address,
    strangerAccount: strangerAddress,
    credentials: main.credentials,
    misnamed: odd.credentials[0]!,
    bidi: odd.credentials[1]!,
    forged: forged.credentials[0]!,
    forgedAddress: forgedAddress.credentials[0]!,
    v2: await issueV2(genuine, universityAddress),
  };

  /**
   * A format v2 credential of the university: its signing key declared on chain, then a batch
   * anchored and signed (eddsa-rdfc-2022) with it, as the issuer's pipeline writes it.
   */
  async function issueV2(registries: Registries, issuer: Address): Promise<CredanchorCredentialV2> {
    const writer = writerFor(issuer);
    await declareSigningKey(writer, {
      registry: registries.credentialRegistry,
      publicKey: `0x${Buffer.from(ed25519.getPublicKey(signingSeed)).toString("hex")}`,
    });
    // A hashed school identifier too, so the holder meets an identifier hash and its salt.
    const withSchoolId = (r: CredentialRecord, i: number): CredentialRecord => ({
      ...r,
      identifiers: [
        ...(r.identifiers ?? []),
        { identityType: "sourcedId", value: `S-000${i}`, hashed: true },
      ],
    });
    const built = [7, 8].map((i, index) =>
      buildCredential({
        record: withSchoolId(record(i), i),
        index,
        context: {
          ...contextV2,
          chainId: registries.chainId,
          registryAddress: registries.credentialRegistry,
          issuerAddress: issuer,
          credentialType: TYPE_NAME,
          issuerProfile: { name: ISSUER_NAME, url: `https://${ISSUER_DOMAIN}` },
        },
      }),
    );
    const tree = await buildMerkleTree(built.map((c) => c.proof[0].credentialDigest));
    const anchored = await anchorBatch(writer, {
      registry: registries.credentialRegistry,
      issuer,
      root: tree.root,
      leafCount: built.length,
      credentialType: typeId,
      manifestCid: MANIFEST_CID,
    });
    if (anchored.status !== "anchored") throw new Error("the fresh v2 batch was already anchored");
    const blockTime = new Date(anchored.anchoredAt * 1000).toISOString().replace(".000Z", "Z");
    const withAnchor = attachAnchor(built[0]!, {
      merkleRoot: tree.root,
      merkleProof: tree.proof(0),
      transactionHash: anchored.txHash,
      blockNumber: Number(anchored.blockNumber),
      blockTime,
    });
    const signature = await createEddsaProof(withAnchor as never, {
      verificationMethod: verificationMethodOf(issuerDidKey),
      created: blockTime,
      sign: (message) => ed25519.sign(message, signingSeed),
    });
    return attachSignature(withAnchor, signature as never);
  }
}
