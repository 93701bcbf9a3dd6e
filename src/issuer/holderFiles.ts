// One file per holder, in <out>/credentials/: `<id>.credential.json`, exactly the
// CredanchorCredential type: the credential with its anchor and Merkle proof, and the link and key
// to its encrypted copy on IPFS (`proof.encryptedCopy`, which `credanchor disclose` drops). Each
// file is written whole through a rename, so writing a holder again (on a rerun) replaces its file
// and never duplicates one. Writes are synchronous: this runs on worker threads, where a
// thread-pool round trip per file system call would cost more than the call.
import { join } from "node:path";
import type { Hex } from "viem";
import { attachAnchor, attachEncryptedCopy } from "../credential/attachAnchor.ts";
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

export const CREDENTIAL_SUFFIX = ".credential.json";

/** Writes the file of every holder of the job; resolves to how many holders. */
export async function writeHolders(job: HolderJob): Promise<number> {
  for (let i = 0; i < job.lines.length; i++) {
    const staged = JSON.parse(job.lines[i]!) as StagedCredential;
    const anchored = attachAnchor(staged.credential, {
      merkleRoot: job.anchor.root,
      merkleProof: job.proofs[i]!,
      transactionHash: job.anchor.transactionHash,
      blockNumber: job.anchor.blockNumber,
      manifestCid: job.anchor.manifestCid,
      leafCount: job.anchor.leafCount,
    });
    const credential = attachEncryptedCopy(anchored, { cid: staged.cid, key: staged.key });
    writeFileAtomicSync(
      join(job.dir, `${staged.id}${CREDENTIAL_SUFFIX}`),
      `${JSON.stringify(credential, null, 2)}\n`,
    );
  }
  return job.lines.length;
}
