// One batch as it is built: each credential's digest goes into the batch's digest list at its
// index (the batch's random permutation, indexPermutation.ts), its encrypted body into the content
// store (grouped, a few writes in flight) and its staging line into the batch's staging file. The
// staging and digest files appear (renamed into place, flushed) only once every body is stored,
// so a built batch on disk is always whole. Without a body sink (a dry run) only digests are kept.
import { type FileHandle, open, rename } from "node:fs/promises";
import { join } from "node:path";
import type { CID } from "multiformats/cid";
import type { Hex } from "viem";
import type { ContentStore } from "../storage/index.ts";
import { syncDirectory, writeFileAtomic } from "./atomicFile.ts";
import { batchPermutation } from "./indexPermutation.ts";
import type { BatchRange } from "./journal.ts";
import type { StagedOutput } from "./stageCredential.ts";
import { statusListUrl } from "./statusListUrl.ts";

/** Bodies per content-store write (one database batch in the embedded node). */
const PUT_GROUP = 256;
/** Content-store writes in flight. */
const PUT_CONCURRENCY = 4;
/** Puts in flight per write for a store without putMany: 64 in all, as many HTTP requests. */
const PUT_LANES = 16;
/** Staging bytes gathered before one write. */
const WRITE_BYTES = 1 << 20;

export interface BuiltBatch {
  batch: number;
  /** Credential digests, 32 bytes each, in index order. */
  digests: Uint8Array;
  /** Bodies put into the store (0 without a body sink). */
  bodies: number;
}

/** Where a run keeps what it builds: bodies in a store, staging lines in a folder. */
export interface BodySink {
  store: ContentStore;
  stagingDir: string;
  /** Pin each body in the store. */
  pinBodies: boolean;
}

/** What a batch writer needs of the run. */
export interface BatchWriterSettings {
  /** The run's permutation key: row i of batch b gets index batchPermutation(key, b, count)[i]. */
  indexKey: Hex;
  /** The folder URL of the status lists: batch b's is statusListUrl(statusBase, indexKey, b). */
  statusBase: string;
  /** Where bodies and staging lines go; without one (a dry run) nothing is stored or written. */
  bodies: BodySink | undefined;
}

export function stagingName(batch: number): string {
  return `batch-${String(batch).padStart(5, "0")}.jsonl`;
}

export function digestsName(batch: number): string {
  return `batch-${String(batch).padStart(5, "0")}.digests`;
}

/** Gathers one batch: puts bodies, writes staging lines, keeps digests. */
export class BatchWriter {
  readonly range: BatchRange;
  readonly statusListCredential: string;
  private readonly params: BatchWriterSettings;
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
    range: BatchRange,
    params: BatchWriterSettings,
    handle: FileHandle | undefined,
    tempPath: string | undefined,
    onProgress: (n: number) => void,
  ) {
    this.range = range;
    this.params = params;
    this.handle = handle;
    this.tempPath = tempPath;
    this.onProgress = onProgress;
    this.digests = new Uint8Array(32 * range.count);
    this.permutation = batchPermutation(params.indexKey, range.batch, range.count);
    this.statusListCredential = statusListUrl(params.statusBase, params.indexKey, range.batch);
  }

  /** The index of the batch's `row`-th row. */
  indexOf(row: number): number {
    return this.permutation[row]!;
  }

  static async open(
    range: BatchRange,
    params: BatchWriterSettings,
    onProgress: (n: number) => void,
  ): Promise<BatchWriter> {
    if (params.bodies === undefined) {
      return new BatchWriter(range, params, undefined, undefined, onProgress);
    }
    const tempPath = join(
      params.bodies.stagingDir,
      `.${stagingName(range.batch)}.tmp-${process.pid}`,
    );
    const handle = await open(tempPath, "w", 0o600);
    return new BatchWriter(range, params, handle, tempPath, onProgress);
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
    const { store, pinBodies } = this.params.bodies!;
    const options = { pin: pinBodies };
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

  async finish(): Promise<BuiltBatch> {
    if (this.handle !== undefined) await this.flushGroup();
    await Promise.all(this.puts);
    if (this.failure !== undefined) throw this.failure;
    const { batch } = this.range;
    if (this.handle === undefined) return { batch, digests: this.digests, bodies: 0 };
    const dir = this.params.bodies!.stagingDir;
    await this.handle.write(this.text);
    this.text = "";
    await this.handle.datasync();
    await this.handle.close();
    await rename(this.tempPath!, join(dir, stagingName(batch)));
    await writeFileAtomic(join(dir, digestsName(batch)), this.digests, { durable: true });
    await syncDirectory(dir);
    return { batch, digests: this.digests, bodies: this.count };
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
