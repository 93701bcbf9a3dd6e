// One worker thread, seen from the thread that started it. Requests go out numbered and their
// replies may come back in any order; a worker that fails or exits rejects all it still owes.
// An idle worker is unreferenced, so a pool kept between uses never keeps a process alive.
// Every worker runs this very module (spawned from import.meta.url, which works the same from the
// TypeScript sources and from built output); it then imports the module that has its jobs.
import { isMainThread, type TransferListItem, Worker, workerData } from "node:worker_threads";
import { errorFromData, type ReplyMessage, type RequestMessage } from "./messages.ts";
import { serveJobs, type WorkerStartData } from "./serveJobs.ts";
import { workerExecArgv } from "./workerExecArgv.ts";
import type { ExportedJobs } from "./workerJobs.ts";

const WORKER_ROLE = "credanchor:hosted-worker";

export interface HostedWorkerOptions {
  /** Names the worker in the error when it exits, e.g. "issuer worker". */
  name: string;
  /** V8's young generation for the worker, where a measure showed the default too small. */
  youngGenerationMb?: number;
}

interface Waiting {
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
}

export class HostedWorker<Setup, Request, Result> {
  private readonly thread: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private failure: unknown;

  /** Starts a worker running `jobs` with `setup`, which is structured-cloned into the thread. */
  constructor(
    jobs: ExportedJobs<Setup, Request, Result>,
    setup: Setup,
    options: HostedWorkerOptions,
  ) {
    const start: WorkerStartData = { module: jobs.module, name: jobs.name, setup };
    this.thread = new Worker(new URL(import.meta.url), {
      workerData: { role: WORKER_ROLE, ...start },
      execArgv: workerExecArgv(),
      resourceLimits:
        options.youngGenerationMb === undefined
          ? {}
          : { maxYoungGenerationSizeMb: options.youngGenerationMb },
    });
    this.thread.unref();
    this.thread.on("message", (reply: ReplyMessage<Result>) => {
      const waiting = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) this.thread.unref();
      if ("result" in reply) waiting?.resolve(reply.result as never);
      else waiting?.reject(errorFromData(reply.error));
    });
    this.thread.on("error", (error) => this.fail(error));
    this.thread.on("exit", (code) => this.fail(new Error(`${options.name} exited (${code})`)));
  }

  /** False once the worker has failed or exited: it takes no more requests. */
  get alive(): boolean {
    return this.failure === undefined;
  }

  /** Requests sent and not yet answered. */
  get pending(): number {
    return this.waiting.size;
  }

  /** Sends one request; `transfer` lists buffers to move to the worker instead of copying. */
  request(request: Request, transfer?: readonly TransferListItem[]): Promise<Result> {
    if (!this.alive) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<Result>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: never) => void, reject });
      this.thread.ref();
      this.thread.postMessage({ id, request } satisfies RequestMessage<Request>, transfer);
    });
  }

  async terminate(): Promise<void> {
    await this.thread.terminate();
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
    this.thread.unref();
  }
}

if (!isMainThread && workerData?.role === WORKER_ROLE) serveJobs(workerData as WorkerStartData);
