// The second pass over the input builds the batches: each valid row becomes a credential, built
// and sealed on worker threads a few hundred rows per job, and goes to its batch's writer
// (batchWriter.ts: digest, stored body, staging line). Batches the journal already has are
// skipped; the input must be the bytes that were validated. Each batch's credentials name its
// status list (statusListUrl.ts).
import type { Hex } from "viem";
import { BatchWriter, type BodySink, type BuiltBatch } from "./batchWriter.ts";
import { JournalError } from "./errors.ts";
import { readFilePass } from "./inputFile.ts";
import type { BatchRange } from "./journal.ts";
import { readRecords } from "./readRecords.ts";
import type { RecordJob, StagedOutput } from "./stageCredential.ts";
import type { InputSource, ValidatedInput } from "./validateInput.ts";
import type { WorkerPool } from "./workerPool.ts";

/** Records per job sent to a worker. */
const JOB_RECORDS = 200;

export interface BuildBatchesParams {
  source: InputSource;
  validated: ValidatedInput;
  batches: readonly BatchRange[];
  /** Batches already built by an earlier run. */
  skip: ReadonlySet<number>;
  /** The run's permutation key: row i of batch b gets index batchPermutation(key, b, count)[i]. */
  indexKey: Hex;
  /** The folder URL of the status lists: batch b's is statusListUrl(statusBase, indexKey, b). */
  statusBase: string;
  pool: WorkerPool;
  /** Where bodies and staging lines go; without one (a dry run) nothing is stored or written. */
  bodies: BodySink | undefined;
  /** Called once per batch, in order, when it is whole on disk (or in memory for a dry run). */
  onBuilt(batch: BuiltBatch): Promise<void>;
  onProgress?(credentials: number): void;
}

export async function buildBatches(params: BuildBatchesParams): Promise<void> {
  const { batches, skip, pool } = params;
  const todo = batches.filter((b) => !skip.has(b.batch));
  if (todo.length === 0) return;
  const batchSize = batches[0]!.count;
  const pass = readFilePass(params.source.file);
  const inFlight: Array<Promise<StagedOutput[]>> = [];
  const maxInFlight = pool.threads * 3;
  let current: BatchWriter | undefined;
  let job: RecordJob[] = [];
  let validIndex = -1;
  let built = 0;

  const dispatch = async () => {
    if (job.length === 0) return;
    inFlight.push(pool.stage(job, current!.statusListCredential));
    job = [];
    while (inFlight.length >= maxInFlight) await current!.take(await inFlight.shift()!);
  };
  const finishBatch = async () => {
    await dispatch();
    while (inFlight.length > 0) await current!.take(await inFlight.shift()!);
    await params.onBuilt(await current!.finish());
    current = undefined;
  };

  try {
    for await (const item of readRecords(pass.chunks, params.source)) {
      if (item.kind === "problem" || params.validated.rejectedLines.has(item.line)) continue;
      validIndex++;
      const batch = Math.floor(validIndex / batchSize);
      if (skip.has(batch)) continue;
      if (current !== undefined && current.range.batch !== batch) await finishBatch();
      if (current === undefined) {
        current = await BatchWriter.open(batches[batch]!, params, (n) => {
          built += n;
          params.onProgress?.(built);
        });
      }
      const record: RecordJob = {
        index: current.indexOf(validIndex - batch * batchSize),
        line: item.line,
        record: item.record,
      };
      if (item.id !== undefined) record.id = item.id;
      job.push(record);
      if (job.length >= JOB_RECORDS) await dispatch();
    }
    if (current !== undefined) await finishBatch();
  } catch (error) {
    await Promise.allSettled(inFlight);
    await current?.abandon();
    throw error;
  }
  if (pass.sha256() !== params.validated.sha256 || validIndex + 1 !== params.validated.valid) {
    throw new JournalError(
      "INPUT_CHANGED",
      params.source.file,
      "changed while it was being issued (its bytes differ from the validated ones); nothing was anchored: run the command again",
    );
  }
}
