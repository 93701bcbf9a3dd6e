// Worker threads that run the keccak kernels beside the main thread, over the same shared
// WebAssembly memory. The pool is made on first use and kept for later trees; idle workers are
// unreferenced, so they never keep a process alive. The workers run this very module (spawned
// from import.meta.url), which works the same from the TypeScript sources and from built output.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { instantiateKernels, type TreeKernels, treeKernelsModule } from "./wasmKernels.ts";

export type KernelName = "hashLeaves" | "hashNodes";

/** Ranges per kernel call: short enough that V8 tiers a kernel up early in the first big call. */
const CHUNK = 4096;

const WORKER_ROLE = "credanchor:merkle-hash-worker";

interface RunMessage {
  /** Identifies the memory the kernels run over; the memory itself is sent the first time. */
  memoryId: number;
  memory?: WebAssembly.Memory;
  kernel: KernelName | "detach";
  args: number[];
}

/**
 * Runs one kernel over its whole range in chunks (descending for hashNodes, as it must).
 * hashLeaves(at, firstIndex, count, textAt) first parses the digests from 66-byte texts at
 * textAt when textAt is not -1. Returns -1, or the index of the first digest that did not parse.
 */
export function runKernel(kernels: TreeKernels, kernel: KernelName, args: number[]): number {
  if (kernel === "hashLeaves") {
    const [at, firstIndex, count, textAt] = args as [number, number, number, number];
    for (let done = 0; done < count; done += CHUNK) {
      const size = Math.min(CHUNK, count - done);
      if (textAt !== -1) {
        const parsed = kernels.parseHex(textAt + 66 * done, at + 32 * done, size);
        if (parsed < size) return firstIndex + done + parsed;
      }
      kernels.hashLeaves(at + 32 * done, firstIndex + done, size);
    }
  } else {
    const [tree, from, to] = args as [number, number, number];
    for (let end = to; end > from; end -= CHUNK) {
      kernels.hashNodes(tree, Math.max(from, end - CHUNK), end);
    }
  }
  return -1;
}

/** One worker thread. Replies come back in the order of the requests, so a queue matches them. */
class PoolWorker {
  readonly worker: Worker;
  /** The memories this worker has kernels over (their ids). */
  readonly attached = new Set<number>();
  private readonly queue: {
    resolve: (result: number) => void;
    reject: (error: unknown) => void;
  }[] = [];
  private failure: unknown;

  constructor(module: WebAssembly.Module) {
    this.worker = new Worker(new URL(import.meta.url), {
      workerData: { role: WORKER_ROLE, module },
      execArgv: workerExecArgv(),
    });
    this.worker.unref();
    this.worker.on("message", (result: number) => {
      this.queue.shift()?.resolve(result);
      if (this.queue.length === 0) this.worker.unref();
    });
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => this.fail(new Error(`merkle hash worker exited (${code})`)));
  }

  get alive(): boolean {
    return this.failure === undefined;
  }

  run(message: RunMessage): Promise<number> {
    if (!this.alive) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject });
      this.worker.ref();
      this.worker.postMessage(message);
    });
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const pending of this.queue.splice(0)) pending.reject(error);
    this.worker.unref();
  }
}

/**
 * This process's Node options, less those that only concern a main script given as a string
 * (`node -e`, `-p`, `--input-type`): a worker inheriting them refuses to start.
 */
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

const workers: PoolWorker[] = [];
let nextMemoryId = 0;

/** The kernels on the main thread and on `threads - 1` workers, all over one shared memory. */
export class KernelTeam {
  readonly memory: WebAssembly.Memory;
  readonly kernels: TreeKernels;
  readonly threads: number;
  private readonly memoryId = nextMemoryId++;
  private readonly helpers: PoolWorker[];

  constructor(memory: WebAssembly.Memory, threads: number) {
    const module = treeKernelsModule();
    this.memory = memory;
    this.kernels = instantiateKernels(module, memory);
    for (let i = workers.length - 1; i >= 0; i--) {
      if (!workers[i]!.alive) workers.splice(i, 1);
    }
    while (workers.length < threads - 1) workers.push(new PoolWorker(module));
    this.helpers = workers.slice(0, Math.max(0, threads - 1));
    this.threads = this.helpers.length + 1;
  }

  /**
   * Runs `kernel` once per argument list: the first here, the others on the workers. Resolves
   * to the lowest failure runKernel reported, or -1.
   */
  async run(kernel: KernelName, argLists: number[][]): Promise<number> {
    const remote = argLists.slice(1).map((args, i) => this.post(this.helpers[i]!, kernel, args));
    const results = [runKernel(this.kernels, kernel, argLists[0]!), ...(await Promise.all(remote))];
    const failures = results.filter((result) => result !== -1);
    return failures.length === 0 ? -1 : Math.min(...failures);
  }

  /** Lets the workers drop their view of this memory, so it can be collected with the tree. */
  async release(): Promise<void> {
    const attached = this.helpers.filter((helper) => helper.attached.has(this.memoryId));
    await Promise.all(attached.map((helper) => this.post(helper, "detach", [])));
  }

  private post(helper: PoolWorker, kernel: RunMessage["kernel"], args: number[]): Promise<number> {
    const message: RunMessage = { memoryId: this.memoryId, kernel, args };
    if (kernel === "detach") helper.attached.delete(this.memoryId);
    else if (!helper.attached.has(this.memoryId)) {
      message.memory = this.memory;
      helper.attached.add(this.memoryId);
    }
    return helper.run(message);
  }
}

/** The worker side: kernels per memory, so builds running at the same time share the pool. */
function serveKernels(module: WebAssembly.Module): void {
  const kernelsByMemory = new Map<number, TreeKernels>();
  parentPort!.on("message", (message: RunMessage) => {
    if (message.memory !== undefined) {
      kernelsByMemory.set(message.memoryId, instantiateKernels(module, message.memory));
    }
    let result = -1;
    if (message.kernel === "detach") kernelsByMemory.delete(message.memoryId);
    else result = runKernel(kernelsByMemory.get(message.memoryId)!, message.kernel, message.args);
    parentPort!.postMessage(result);
  });
}

if (!isMainThread && workerData?.role === WORKER_ROLE) serveKernels(workerData.module);
