// One file per holder, in <out>/credentials/: `<id>.credential.json`, exactly the
// CredanchorCredentialV2 type: the credential with its anchor and Merkle proof, the issuer's
// eddsa-rdfc-2022 signature (made here, on the worker thread, over the anchored document without
// its proofs, dated by the anchoring block), and the link and key to its encrypted copy on IPFS
// (`proof[0].encryptedCopy`, which `credanchor disclose` drops; the signature does not cover it).
// Each file is written whole through a rename, so writing a holder again (on a rerun) replaces
// its file and never duplicates one. Writes are synchronous: this runs on worker threads, where a
// thread-pool round trip per file system call would cost more than the call.
import { join } from "node:path";
import type { Hex } from "viem";
import { attachAnchor, attachEncryptedCopy, attachSignature } from "../credential/attachAnchor.ts";
import { createEddsaProof, type Ed25519Signer } from "../dataIntegrity/index.ts";
import { writeFileAtomicSync } from "./atomicFile.ts";
import type { StagedCredential } from "./stageCredential.ts";

/** The anchor every credential of a batch gets. */
export interface BatchAnchor {
  root: Hex;
  transactionHash: Hex;
  blockNumber: number;
  manifestCid: string;
  /** Credentials in the batch: stated in each file so a verifier can pick decoy status words. */
  leafCount: number;
  /** The anchoring block's time, YYYY-MM-DDThh:mm:ssZ: both proofs' `created`. */
  blockTime: string;
}

/** Staged credentials of one batch with their proofs: a job for a worker. */
export interface HolderJob {
  /** Staging lines (JSON of StagedCredential). */
  lines: string[];
  /** The Merkle proof of each line's credential. */
  proofs: Hex[][];
  anchor: BatchAnchor;
  /** Folder of the holder files. */
  dir: string;
}

/** The issuer's key, as a worker signs with it. */
export interface HolderSigner {
  verificationMethod: string;
  sign: Ed25519Signer;
}

export const CREDENTIAL_SUFFIX = ".credential.json";

/** Writes the signed file of every holder of the job; resolves to how many holders. */
export async function writeHolders(job: HolderJob, signer: HolderSigner): Promise<number> {
  for (let i = 0; i < job.lines.length; i++) {
    const staged = JSON.parse(job.lines[i]!) as StagedCredential;
    const anchored = attachAnchor(staged.credential, {
      merkleRoot: job.anchor.root,
      merkleProof: job.proofs[i]!,
      transactionHash: job.anchor.transactionHash,
      blockNumber: job.anchor.blockNumber,
      manifestCid: job.anchor.manifestCid,
      leafCount: job.anchor.leafCount,
      blockTime: job.anchor.blockTime,
    });
    const { proof: _, ...unsigned } = anchored;
    const signature = await createEddsaProof(unsigned, {
      verificationMethod: signer.verificationMethod,
      created: job.anchor.blockTime,
      sign: signer.sign,
    });
    const signed = attachSignature(anchored, signature as Parameters<typeof attachSignature>[1]);
    const credential = attachEncryptedCopy(signed, { cid: staged.cid, key: staged.key });
    writeFileAtomicSync(
      join(job.dir, `${staged.id}${CREDENTIAL_SUFFIX}`),
      `${JSON.stringify(credential, null, 2)}\n`,
    );
  }
  return job.lines.length;
}
