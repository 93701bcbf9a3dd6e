// The CPU-heavy parts of a batch run on worker threads: building and sealing credentials (every
// claim is hashed, every body encrypted) and turning staged credentials into holder files (parse,
// attach the anchor, sign, serialise, write). Jobs of a few hundred records go to the least busy
// worker; each job's results come back in its order. With one thread everything runs inline.
// The workers run this very module (spawned from import.meta.url). Each worker gets the issuer's
// Ed25519 seed in its workerData: it is copied in-process to the thread (never written to a file
// or passed through the environment) and becomes a node:crypto key there.
import { availableParallelism } from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { IssuanceContext, IssuanceContextV2 } from "../credential/types.ts";
import { CredanchorError } from "../errors.ts";
import { type HolderJob, type HolderSigner, writeHolders } from "./holderFiles.ts";
import { issuerKeyOf, signerOf } from "./issuerKey.ts";
import { type RecordJob, type StagedOutput, stageCredential } from "./stageCredential.ts";

const WORKER_ROLE = "credanchor:issuer-worker";

export interface WorkerPool {
  readonly threads: number;
  /**
   * Builds, seals and prices (CID) the records of one job, results in the job's order; the
   * credentials name `statusListCredential`, their batch's status list.
   */
  stage(jobs: RecordJob[], statusListCredential: string): Promise<StagedOutput[]>;
  /** Writes the holder files of one job; resolves to how many holders were written. */
  writeHolders(job: HolderJob): Promise<number>;
  close(): Promise<void>;
}

type Job =
  | { kind: "stage"; records: RecordJob[]; statusListCredential: string }
  | { kind: "holders"; holders: HolderJob };

/** What every worker is started with. */
interface WorkerSetup {
  context: IssuanceContext;
  /** The issuer's Ed25519 seed (32 bytes): signs the holder files. */
  seed: Uint8Array;
}
type Request = Job & { job: number };

type Reply =
  | { job: number; result: StagedOutput[] | number }
  | { job: number; error: { name: string; code?: string; message: string; details?: object } };

/**
 * A pool of `threads` workers (default: one per core), or the calling thread when 1, building
 * v2 credentials of `context` signed by the key of `seed` (the issuer's Ed25519 seed).
 */
export function createWorkerPool(
  context: IssuanceContext,
  seed: Uint8Array,
  threads?: number,
): WorkerPool {
  const count = Math.max(1, Math.floor(threads ?? availableParallelism()));
  if (count === 1) {
    const worker = workerOf({ context, seed });
    return {
      threads: 1,
      stage: (records, list) => worker.stage(records, list),
      writeHolders: (holders) => writeHolders(holders, worker.signer),
      async close() {},
    };
  }
  const workers = Array.from({ length: count }, () => spawn({ context, seed }));
  let nextJob = 0;
  const send = <T>(request: Job): Promise<T> => {
    const worker = workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const job = nextJob++;
    return new Promise((resolve, reject) => {
      worker.pending.set(job, { resolve: resolve as (value: unknown) => void, reject });
      worker.thread.ref();
      worker.thread.postMessage({ ...request, job });
    });
  };
  return {
    threads: count,
    stage: (records, statusListCredential) =>
      send({ kind: "stage", records, statusListCredential }),
    writeHolders: (holders) => send({ kind: "holders", holders }),
    async close() {
      await Promise.all(workers.map((w) => w.thread.terminate()));
    },
  };
}

/** What one thread does with the setup it was given. */
function workerOf(setup: WorkerSetup) {
  const key = issuerKeyOf(setup.seed);
  const base = { ...setup.context, issuerDid: key.didKey };
  const signer: HolderSigner = {
    verificationMethod: key.verificationMethod,
    sign: signerOf(setup.seed),
  };
  return {
    signer,
    async stage(records: RecordJob[], statusListCredential: string): Promise<StagedOutput[]> {
      const context: IssuanceContextV2 = { ...base, statusListCredential };
      const out: StagedOutput[] = [];
      for (const record of records) out.push(await stageCredential(record, context));
      return out;
    },
  };
}

/** Young generation of each worker (V8's semi-spaces are a third of it each). */
const YOUNG_GENERATION_MB = 96;

interface PoolWorker {
  thread: Worker;
  pending: Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>;
}

function spawn(setup: WorkerSetup): PoolWorker {
  const thread = new Worker(new URL(import.meta.url), {
    workerData: { role: WORKER_ROLE, setup },
    execArgv: workerExecArgv(),
    // Each credential is some hundred kilobytes of short-lived objects: a young generation this
    // size is scavenged far less often than V8's default, and a job's data dies before promotion.
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  const worker: PoolWorker = { thread, pending: new Map() };
  thread.unref();
  thread.on("message", (reply: Reply) => {
    const waiting = worker.pending.get(reply.job);
    worker.pending.delete(reply.job);
    if (worker.pending.size === 0) thread.unref();
    if ("result" in reply) waiting?.resolve(reply.result);
    else waiting?.reject(rebuildError(reply.error));
  });
  const failAll = (error: unknown) => {
    for (const { reject } of worker.pending.values()) reject(error);
    worker.pending.clear();
  };
  thread.on("error", failAll);
  thread.on("exit", (code) => failAll(new Error(`issuer worker exited (${code})`)));
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

function serve(setup: WorkerSetup): void {
  const worker = workerOf(setup);
  parentPort!.on("message", async (request: Request) => {
    try {
      if (request.kind === "stage") {
        const result = await worker.stage(request.records, request.statusListCredential);
        const transfer = result.flatMap((r) => [r.envelope.buffer, r.digest.buffer]);
        parentPort!.postMessage(
          { job: request.job, result } satisfies Reply,
          transfer as ArrayBuffer[],
        );
      } else {
        const result = await writeHolders(request.holders, worker.signer);
        parentPort!.postMessage({ job: request.job, result } satisfies Reply);
      }
    } catch (error) {
      const e = error as Error & { code?: string; details?: object };
      parentPort!.postMessage({
        job: request.job,
        error: { name: e.name, code: e.code, message: e.message, details: e.details },
      } satisfies Reply);
    }
  });
}

if (!isMainThread && workerData?.role === WORKER_ROLE) serve(workerData.setup);
