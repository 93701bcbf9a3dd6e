// The chain side of the install test: a `hardhat node` with the registries deployed by
// scripts/deploy.ts (test/cli/support.ts), an accreditation body appointed, the university
// accredited, and one batch anchored by it, written to disk as holders' files. Everything here
// runs from the repository; the installed packages only ever see the files and the RPC URL.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Hex } from "viem";
import {
  ACCREDITATION_FOREVER,
  accreditIssuer,
  anchorBatch,
  appointBody,
} from "../../src/chain/index.ts";
import { attachAnchor, buildCredential, credentialTypeId } from "../../src/credential/index.ts";
import { buildMerkleTree } from "../../src/merkle/index.ts";
import { ACCOUNTS, type CliChain, startCliChain, writerFor } from "../cli/support.ts";

const TYPE_NAME = "BachelorDegree";
export const ISSUER_NAME = "Northwind Polytechnic";
/** A well-formed CIDv1 (raw, sha2-256); the verifier never fetches the manifest. */
const MANIFEST_CID = `0x01551220${"cd".repeat(32)}` as Hex;

export interface AnchoredChain {
  chain: CliChain;
  /** Holders' files of one anchored batch, in the chain's temporary folder. */
  files: string[];
  /** `--trust` value naming the deployed CredentialRegistry. */
  trustEntry: string;
}

export async function startAnchoredChain(size = 2): Promise<AnchoredChain> {
  const chain = await startCliChain();
  try {
    const typeId = credentialTypeId(TYPE_NAME);
    await appointBody(writerFor(chain, ACCOUNTS.governance), {
      accreditationRegistry: chain.accreditationRegistry,
      body: ACCOUNTS.body,
      scope: [typeId],
      metadataCid: "0x",
      name: "Accreditation Council of Testland",
      jurisdiction: "DE",
    });
    await accreditIssuer(writerFor(chain, ACCOUNTS.body), {
      accreditationRegistry: chain.accreditationRegistry,
      issuer: ACCOUNTS.university,
      credentialType: typeId,
      validFrom: 0,
      validUntil: ACCREDITATION_FOREVER,
      evidenceCid: "0x",
      issuerName: ISSUER_NAME,
      issuerDomain: "northwind-poly.example",
    });
    const context = {
      chainId: 31337,
      registryAddress: chain.registry,
      issuerAddress: ACCOUNTS.university,
      credentialType: TYPE_NAME,
      issuerProfile: { name: ISSUER_NAME, url: "https://northwind-poly.example" },
    };
    const built = Array.from({ length: size }, (_, index) =>
      buildCredential({
        record: {
          holderName: `Holder ${index}`,
          identifiers: [{ identityType: "emailAddress", value: `holder${index}@mail.example` }],
          achievement: {
            name: "BEng Mechatronics",
            description: "Bachelor of Engineering in Mechatronics.",
            criteria: "Earn 180 ECTS.",
          },
          validFrom: "2025-07-14",
          results: [{ name: "Classification", value: "First class" }],
        },
        index,
        context,
      }),
    );
    const tree = await buildMerkleTree(built.map((c) => c.proof.credentialDigest));
    const anchored = await anchorBatch(writerFor(chain, ACCOUNTS.university), {
      registry: chain.registry,
      issuer: ACCOUNTS.university,
      root: tree.root,
      leafCount: size,
      credentialType: typeId,
      manifestCid: MANIFEST_CID,
    });
    if (anchored.status !== "anchored") throw new Error("the test batch was anchored before");
    const files: string[] = [];
    for (const [index, credential] of built.entries()) {
      const file = path.join(chain.dir, `holder-${index}.json`);
      const withAnchor = attachAnchor(credential, {
        merkleRoot: tree.root,
        merkleProof: tree.proof(index),
        transactionHash: anchored.txHash,
        blockNumber: Number(anchored.blockNumber),
      });
      await writeFile(file, `${JSON.stringify(withAnchor, null, 2)}\n`);
      files.push(file);
    }
    return { chain, files, trustEntry: `eip155:31337:${chain.registry}` };
  } catch (error) {
    await chain.stop();
    throw error;
  }
}
