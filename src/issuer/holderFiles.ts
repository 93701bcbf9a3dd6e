// The holder files of a batch: one per holder, in <out>/credentials/: `<id>.credential.json`, the
// CredanchorCredentialV2 type: the credential with its anchor and Merkle proof, the issuer's
// eddsa-rdfc-2022 signature (made here, on the worker thread, over the anchored document without
// its proofs, dated by the anchoring block), and the link and key to its encrypted copy on IPFS
// (`proof[0].encryptedCopy`, which `credanchor disclose` drops; the signature does not cover it).
// Each file is written whole through a rename, so writing a holder again (on a rerun) replaces
// its file and never duplicates one. The batch's staging file is read here, each line gets its
// proof from the batch tree, and worker threads sign and write a few hundred holders per job
// (writeHolders, synchronous: a thread-pool round trip per file system call would cost more than
// the call).
import { createReadStream } from "node:fs";
import { join } from "node:path";
import type { Hex } from "viem";
import { attachAnchor, attachEncryptedCopy, attachSignature } from "../credential/attachAnchor.ts";
import { createEddsaProof, type Ed25519Signer } from "../dataIntegrity/index.ts";
import type { MerkleTree } from "../merkle/index.ts";
import { writeFileAtomicSync } from "./atomicFile.ts";
import { StagingError } from "./errors.ts";
import type { StagedCredential } from "./stageCredential.ts";
import type { WorkerPool } from "./workerPool.ts";

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

/** On a worker: writes the signed file of every holder of the job; resolves to how many. */
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

export interface WriteHolderFilesParams {
  stagingFile: string;
  tree: MerkleTree;
  anchor: BatchAnchor;
  /** Folder of the holder files. */
  dir: string;
  pool: WorkerPool;
  onProgress?(written: number): void;
  /** Called once when half of the batch's holders are written. */
  onHalfway?(): void;
}

const JOB_HOLDERS = 250;
const INDEX_PREFIX = /^\{"index":(\d+),/;

/** Writes the files of every holder of one batch from its staging file; returns how many. */
export async function writeHolderFiles(params: WriteHolderFilesParams): Promise<number> {
  const { tree, pool } = params;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let written = 0;
  let seen = 0;
  let halfway = false;
  let job: HolderJob = next();

  function next(): HolderJob {
    return { lines: [], proofs: [], anchor: params.anchor, dir: params.dir };
  }
  const dispatch = async () => {
    if (job.lines.length === 0) return;
    while (inFlight.size >= pool.threads * 2) await Promise.race(inFlight);
    if (failure !== undefined) throw failure;
    const sent: Promise<void> = pool
      .writeHolders(job)
      .then((count) => {
        written += count;
        params.onProgress?.(written);
        if (!halfway && written * 2 >= tree.leafCount) {
          halfway = true;
          params.onHalfway?.();
        }
      })
      .catch((error) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(sent));
    inFlight.add(sent);
    job = next();
  };

  for await (const line of stagingLines(params.stagingFile)) {
    const index = Number(INDEX_PREFIX.exec(line)?.[1] ?? Number.NaN);
    if (!(index < tree.leafCount)) {
      throw new StagingError(params.stagingFile, `line ${seen + 1} names no index of the batch`);
    }
    seen++;
    job.lines.push(line);
    job.proofs.push(tree.proof(index));
    if (job.lines.length >= JOB_HOLDERS) await dispatch();
  }
  await dispatch();
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;
  if (written !== tree.leafCount) {
    throw new StagingError(
      params.stagingFile,
      `holds ${written} credentials; the batch has ${tree.leafCount}`,
    );
  }
  return written;
}

/** The lines of a staging file, read in large chunks. */
async function* stagingLines(file: string): AsyncGenerator<string> {
  let rest = "";
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    const lines = text.split("\n");
    rest = lines.pop()!;
    for (const line of lines) if (line !== "") yield line;
  }
  if (rest !== "") yield rest;
}
