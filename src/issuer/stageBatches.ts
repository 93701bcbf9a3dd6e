// The second pass over the input: each valid row becomes a staged credential (built and sealed on
// worker threads), its encrypted body goes into the content store, its staging line into the
// batch's staging file, and its digest into the batch's digest list at the row's index, which the
// batch's random permutation gives (indexPermutation.ts). A batch's staging and digest files
// appear (renamed into place, flushed) only once every body of the batch is stored, so a staged
// batch on disk is always whole. Batches the journal already has are skipped. Each batch's
// credentials name its status list, whose URL comes from the same journaled key (statusListUrl.ts).
import { type FileHandle, open, rename } from "node:fs/promises";
import { join } from "node:path";
import type { CID } from "multiformats/cid";
import type { Hex } from "viem";
import type { ContentStore } from "../storage/contentStore.ts";
import { syncDirectory, writeFileAtomic } from "./atomicFile.ts";
import { JournalError } from "./errors.ts";
import { batchPermutation } from "./indexPermutation.ts";
import { readFilePass } from "./inputFile.ts";
import type { BatchPlan } from "./journal.ts";
import { readRecords } from "./readRecords.ts";
import type { RecordJob, StagedOutput } from "./stageCredential.ts";
import { statusListUrl } from "./statusListUrl.ts";
import type { InputSource, ValidatedInput } from "./validateInput.ts";
import type { WorkerPool } from "./workerPool.ts";

/** Records per job sent to a worker. */
const JOB_RECORDS = 200;
/** Bodies per content-store write (one database batch in the embedded node). */
const PUT_GROUP = 256;
/** Content-store writes in flight. */
const PUT_CONCURRENCY = 4;
/** Puts in flight per write for a store without putMany: 64 in all, as many HTTP requests. */
const PUT_LANES = 16;
/** Staging bytes gathered before one write. */
const WRITE_BYTES = 1 << 20;

export interface StagedBatch {
  batch: number;
  /** Credential digests, 32 bytes each, in index order. */
  digests: Uint8Array;
  /** File names in the staging folder (absent in a dry run). */
  staging?: string;
  digestsFile?: string;
  /** Bodies put into the store. */
  bodies: number;
}

export interface StageBatchesParams {
  source: InputSource;
  validated: ValidatedInput;
  plan: readonly BatchPlan[];
  /** Batches already staged by an earlier run. */
  skip: ReadonlySet<number>;
  /** The run's permutation key: row i of batch b gets index batchPermutation(key, b, count)[i]. */
  indexKey: Hex;
  /** The folder URL of the status lists: batch b's is statusListUrl(statusBase, indexKey, b). */
  statusBase: string;
  pool: WorkerPool;
  /** Where bodies go; without one (a dry run) nothing is stored or written. */
  store?: ContentStore;
  stagingDir?: string;
  /** Pin each body in the store. */
  pinBodies: boolean;
  /** Called once per batch, in order, when it is whole on disk (or in memory for a dry run). */
  onStaged(batch: StagedBatch): Promise<void>;
  onProgress?(credentials: number): void;
}

export function stagingName(batch: number): string {
  return `batch-${String(batch).padStart(5, "0")}.jsonl`;
}

export function digestsName(batch: number): string {
  return `batch-${String(batch).padStart(5, "0")}.digests`;
}

export async function stageBatches(params: StageBatchesParams): Promise<void> {
  const { plan, skip, pool } = params;
  const todo = plan.filter((b) => !skip.has(b.batch));
  if (todo.length === 0) return;
  const batchSize = plan[0]!.count;
  const pass = readFilePass(params.source.file);
  const inFlight: Array<Promise<StagedOutput[]>> = [];
  const maxInFlight = pool.threads * 3;
  let current: BatchWriter | undefined;
  let job: RecordJob[] = [];
  let validIndex = -1;
  let staged = 0;

  const dispatch = async () => {
    if (job.length === 0) return;
    inFlight.push(pool.stage(job, current!.statusListCredential));
    job = [];
    while (inFlight.length >= maxInFlight) await current!.take(await inFlight.shift()!);
  };
  const finishBatch = async () => {
    await dispatch();
    while (inFlight.length > 0) await current!.take(await inFlight.shift()!);
    await params.onStaged(await current!.finish());
    current = undefined;
  };

  try {
    for await (const item of readRecords(pass.chunks, params.source)) {
      if (item.kind === "problem" || params.validated.rejectedLines.has(item.line)) continue;
      validIndex++;
      const batch = Math.floor(validIndex / batchSize);
      if (skip.has(batch)) continue;
      if (current !== undefined && current.plan.batch !== batch) await finishBatch();
      if (current === undefined) {
        current = await BatchWriter.open(plan[batch]!, params, (n) => {
          staged += n;
          params.onProgress?.(staged);
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

/** Gathers one batch: puts bodies, writes staging lines, keeps digests. */
class BatchWriter {
  readonly plan: BatchPlan;
  readonly statusListCredential: string;
  private readonly params: StageBatchesParams;
  private readonly digests: Uint8Array;
  private readonly permutation: Uint32Array;
  private readonly handle: FileHandle | undefined;
  private readonly tempPath: string | undefined;
  private readonly onProgress: (n: number) => void;
  private text = "";
  private count = 0;
  private puts = new Set<Promise<void>>();
  private group: StagedOutput[] = [];
  private failure: unknown;

  private constructor(
    plan: BatchPlan,
    params: StageBatchesParams,
    handle: FileHandle | undefined,
    tempPath: string | undefined,
    onProgress: (n: number) => void,
  ) {
    this.plan = plan;
    this.params = params;
    this.handle = handle;
    this.tempPath = tempPath;
    this.onProgress = onProgress;
    this.digests = new Uint8Array(32 * plan.count);
    this.permutation = batchPermutation(params.indexKey, plan.batch, plan.count);
    this.statusListCredential = statusListUrl(params.statusBase, params.indexKey, plan.batch);
  }

  /** The index of the batch's `row`-th row. */
  indexOf(row: number): number {
    return this.permutation[row]!;
  }

  static async open(
    plan: BatchPlan,
    params: StageBatchesParams,
    onProgress: (n: number) => void,
  ): Promise<BatchWriter> {
    if (params.stagingDir === undefined || params.store === undefined) {
      return new BatchWriter(plan, params, undefined, undefined, onProgress);
    }
    const tempPath = join(params.stagingDir, `.${stagingName(plan.batch)}.tmp-${process.pid}`);
    const handle = await open(tempPath, "w", 0o600);
    return new BatchWriter(plan, params, handle, tempPath, onProgress);
  }

  async take(results: StagedOutput[]): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    for (const result of results) {
      this.digests.set(result.digest, 32 * result.index);
      if (this.handle === undefined) continue;
      this.text += `${result.line}\n`;
      this.group.push(result);
      if (this.group.length >= PUT_GROUP) await this.flushGroup();
    }
    this.count += results.length;
    this.onProgress(results.length);
    if (this.handle !== undefined && this.text.length >= WRITE_BYTES) {
      await this.handle.write(this.text);
      this.text = "";
    }
  }

  /** Sends the gathered bodies to the store as one write, at most PUT_CONCURRENCY at a time. */
  private async flushGroup(): Promise<void> {
    const group = this.group;
    this.group = [];
    if (group.length === 0) return;
    while (this.puts.size >= PUT_CONCURRENCY) await Promise.race(this.puts);
    if (this.failure !== undefined) throw this.failure;
    const put = this.put(group).finally(() => this.puts.delete(put));
    this.puts.add(put);
  }

  private async put(group: StagedOutput[]): Promise<void> {
    const store = this.params.store!;
    const options = { pin: this.params.pinBodies };
    try {
      const envelopes = group.map((result) => result.envelope);
      const cids =
        store.putMany === undefined
          ? await putEach(store, envelopes, options)
          : await store.putMany(envelopes, options);
      group.forEach((result, i) => {
        if (cids[i]?.toString() !== result.cid) {
          throw new Error(`the store gave ${cids[i]} for a body whose CID is ${result.cid}`);
        }
      });
    } catch (error) {
      this.failure ??= error;
    }
  }

  async finish(): Promise<StagedBatch> {
    if (this.handle !== undefined) await this.flushGroup();
    await Promise.all(this.puts);
    if (this.failure !== undefined) throw this.failure;
    const { batch } = this.plan;
    if (this.handle === undefined) return { batch, digests: this.digests, bodies: 0 };
    const dir = this.params.stagingDir!;
    await this.handle.write(this.text);
    this.text = "";
    await this.handle.datasync();
    await this.handle.close();
    await rename(this.tempPath!, join(dir, stagingName(batch)));
    await writeFileAtomic(join(dir, digestsName(batch)), this.digests, { durable: true });
    await syncDirectory(dir);
    return {
      batch,
      digests: this.digests,
      staging: stagingName(batch),
      digestsFile: digestsName(batch),
      bodies: this.count,
    };
  }

  async abandon(): Promise<void> {
    await Promise.allSettled(this.puts);
    await this.handle?.close().catch(() => {});
  }
}

/** One put per content, PUT_LANES at a time (stores without putMany, e.g. over HTTP). */
async function putEach(
  store: ContentStore,
  contents: readonly Uint8Array[],
  options: { pin: boolean },
): Promise<CID[]> {
  const cids: CID[] = new Array(contents.length);
  let next = 0;
  const lane = async () => {
    while (next < contents.length) {
      const i = next++;
      cids[i] = await store.put(contents[i]!, options);
    }
  };
  await Promise.all(Array.from({ length: PUT_LANES }, lane));
  return cids;
}
