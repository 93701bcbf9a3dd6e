// The last step of a batch: its staging file is read back, each staged credential gets its proof
// from the batch tree, and the worker pool signs and writes the holder files (holderFiles.ts), a
// few hundred holders per job.
import { createReadStream } from "node:fs";
import type { MerkleTree } from "../merkle/tree.ts";
import { StagingError } from "./errors.ts";
import type { BatchAnchor, HolderJob } from "./holderFiles.ts";
import type { WorkerPool } from "./workerPool.ts";

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

/** Writes the files of every holder of one batch; returns how many holders. */
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
