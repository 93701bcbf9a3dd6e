// The two files of each holder, in <out>/credentials/: `<id>.credential.json`, the credential
// with its anchor, exactly the CredanchorCredential type (what the holder shares), and
// `<id>.access.json`, the link to its encrypted copy on IPFS and the key (what the holder keeps
// to themselves). Each is written whole through a rename, so writing a holder again (on a rerun)
// replaces its files and never duplicates one.
import { join } from "node:path";
import type { Hex } from "viem";
import { attachAnchor } from "../credential/attachAnchor.ts";
import { writeFileAtomic } from "./atomicFile.ts";
import type { StagedCredential } from "./stageCredential.ts";

/** The holder's private companion of a credential file, exactly as written. */
export interface HolderAccess {
  type: "CredanchorCredentialAccess";
  version: 1;
  /** The credential's `id`. */
  credentialId: string;
  /** The credential file beside this one. */
  credentialFile: string;
  /** The credential body (without its anchor), encrypted, on IPFS. */
  encryptedCopy: {
    cid: string;
    url: string;
    /** XChaCha20-Poly1305 key of the envelope (32 bytes, 0x-hex): keep it private. */
    key: Hex;
  };
  /** The batch manifest on IPFS, from which a lost proof can be rebuilt. */
  manifestCid: string;
}

/** The anchor every credential of a batch gets. */
export interface BatchAnchor {
  root: Hex;
  transactionHash: Hex;
  blockNumber: number;
  manifestCid: string;
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
export const ACCESS_SUFFIX = ".access.json";
const WRITE_CONCURRENCY = 16;

/** Writes both files of every holder of the job; resolves to how many holders. */
export async function writeHolders(job: HolderJob): Promise<number> {
  const writes = new Set<Promise<unknown>>();
  let failure: unknown;
  for (let i = 0; i < job.lines.length; i++) {
    const staged = JSON.parse(job.lines[i]!) as StagedCredential;
    const credential = attachAnchor(staged.credential, {
      merkleRoot: job.anchor.root,
      merkleProof: job.proofs[i]!,
      transactionHash: job.anchor.transactionHash,
      blockNumber: job.anchor.blockNumber,
    });
    const credentialFile = `${staged.id}${CREDENTIAL_SUFFIX}`;
    const access: HolderAccess = {
      type: "CredanchorCredentialAccess",
      version: 1,
      credentialId: credential.id,
      credentialFile,
      encryptedCopy: { cid: staged.cid, url: `ipfs://${staged.cid}`, key: staged.key },
      manifestCid: job.anchor.manifestCid,
    };
    for (const [name, value] of [
      [credentialFile, credential],
      [`${staged.id}${ACCESS_SUFFIX}`, access],
    ] as const) {
      while (writes.size >= WRITE_CONCURRENCY) await Promise.race(writes);
      if (failure !== undefined) throw failure;
      const write: Promise<unknown> = writeFileAtomic(
        join(job.dir, name),
        `${JSON.stringify(value, null, 2)}\n`,
      )
        .catch((error) => {
          failure ??= error;
        })
        .finally(() => writes.delete(write));
      writes.add(write);
    }
  }
  await Promise.all(writes);
  if (failure !== undefined) throw failure;
  return job.lines.length;
}
