// Building and sealing credentials is the CPU-heavy part of a batch (every claim is hashed and
// every body encrypted), so it runs on worker threads: jobs of a few hundred records go to the
// least busy worker, each job's results in record order. With one thread it runs inline. The workers run this very module (spawned from import.meta.url).
import { availableParallelism } from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { IssuanceContext } from "../credential/types.ts";
import { CredanchorError } from "../errors.ts";
import { type RecordJob, type StagedOutput, stageCredential } from "./stageCredential.ts";

const WORKER_ROLE = "credanchor:issuer-stage-worker";

export interface StagePool {
  readonly threads: number;
  /** Stages the records of one job, results in the job's order. */
  stage(jobs: RecordJob[]): Promise<StagedOutput[]>;
  close(): Promise<void>;
}

type Reply =
  | { job: number; results: StagedOutput[] }
  | { job: number; error: { name: string; code?: string; message: string; details?: object } };

/** A pool of `threads` workers (default: one per core), or the calling thread when 1. */
export function createStagePool(context: IssuanceContext, threads?: number): StagePool {
  const count = Math.max(1, Math.floor(threads ?? availableParallelism()));
  if (count === 1) {
    return {
      threads: 1,
      async stage(jobs) {
        const out: StagedOutput[] = [];
        for (const job of jobs) out.push(await stageCredential(job, context));
        return out;
      },
      async close() {},
    };
  }
  const workers = Array.from({ length: count }, () => spawn(context));
  let nextJob = 0;
  return {
    threads: count,
    stage(jobs) {
      const worker = workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const job = nextJob++;
      return new Promise((resolve, reject) => {
        worker.pending.set(job, { resolve, reject });
        worker.thread.ref();
        worker.thread.postMessage({ job, jobs });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.thread.terminate()));
    },
  };
}

interface PoolWorker {
  thread: Worker;
  pending: Map<
    number,
    { resolve: (results: StagedOutput[]) => void; reject: (error: unknown) => void }
  >;
}

function spawn(context: IssuanceContext): PoolWorker {
  const thread = new Worker(new URL(import.meta.url), {
    workerData: { role: WORKER_ROLE, context },
    execArgv: workerExecArgv(),
  });
  const worker: PoolWorker = { thread, pending: new Map() };
  thread.unref();
  thread.on("message", (reply: Reply) => {
    const waiting = worker.pending.get(reply.job);
    worker.pending.delete(reply.job);
    if (worker.pending.size === 0) thread.unref();
    if ("results" in reply) waiting?.resolve(reply.results);
    else waiting?.reject(rebuildError(reply.error));
  });
  const failAll = (error: unknown) => {
    for (const { reject } of worker.pending.values()) reject(error);
    worker.pending.clear();
  };
  thread.on("error", failAll);
  thread.on("exit", (code) => failAll(new Error(`credential build worker exited (${code})`)));
  return worker;
}

function rebuildError(error: Extract<Reply, { error: unknown }>["error"]): Error {
  if (error.code !== undefined) {
    const rebuilt = new CredanchorError(error.code, error.message, { ...error.details });
    rebuilt.name = error.name;
    return rebuilt;
  }
  return new Error(error.message);
}

/** This process's Node options, less those a worker refuses (`-e`, `-p`, `--input-type`). */
function workerExecArgv(): string[] {
  const kept: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (["-e", "--eval", "-p", "--print", "-pe"].includes(arg)) i++;
    else if (!/^--(input-type|eval|print)=/.test(arg)) kept.push(arg);
  }
  return kept;
}

function serve(context: IssuanceContext): void {
  parentPort!.on("message", async ({ job, jobs }: { job: number; jobs: RecordJob[] }) => {
    try {
      const results: StagedOutput[] = [];
      for (const one of jobs) results.push(await stageCredential(one, context));
      const transfer = results.flatMap((r) => [r.envelope.buffer, r.digest.buffer]);
      parentPort!.postMessage({ job, results } satisfies Reply, transfer as ArrayBuffer[]);
    } catch (error) {
      const e = error as Error & { code?: string; details?: object };
      parentPort!.postMessage({
        job,
        error: { name: e.name, code: e.code, message: e.message, details: e.details },
      } satisfies Reply);
    }
  });
}

if (!isMainThread && workerData?.role === WORKER_ROLE) serve(workerData.context);
