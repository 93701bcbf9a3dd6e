// Worker threads that run the keccak kernels beside the main thread, over the same shared
// WebAssembly memory. The pool is made on first use and kept for later trees; the worker host
// (src/workers) unreferences idle workers, so they never keep a process alive.
import { exportJobs, HostedWorker } from "../workers/index.ts";
import { instantiateKernels, type TreeKernels, treeKernelsModule } from "./wasmKernels.ts";

export type KernelName = "hashLeaves" | "hashNodes";

/** Ranges per kernel call: short enough that V8 tiers a kernel up early in the first big call. */
const CHUNK = 4096;

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

/** The jobs of a hash worker: kernels per memory, so builds at the same time share the pool. */
export const kernelJobs = exportJobs(import.meta.url, "kernelJobs", {
  start(module: WebAssembly.Module) {
    const kernelsByMemory = new Map<number, TreeKernels>();
    return (message: RunMessage): number => {
      if (message.memory !== undefined) {
        kernelsByMemory.set(message.memoryId, instantiateKernels(module, message.memory));
      }
      if (message.kernel === "detach") {
        kernelsByMemory.delete(message.memoryId);
        return -1;
      }
      return runKernel(kernelsByMemory.get(message.memoryId)!, message.kernel, message.args);
    };
  },
});

/** A hash worker and the memories it has kernels over (their ids). */
interface Helper {
  worker: HostedWorker<WebAssembly.Module, RunMessage, number>;
  attached: Set<number>;
}

const workers: Helper[] = [];
let nextMemoryId = 0;

/** The kernels on the main thread and on `threads - 1` workers, all over one shared memory. */
export class KernelTeam {
  readonly memory: WebAssembly.Memory;
  readonly kernels: TreeKernels;
  readonly threads: number;
  private readonly memoryId = nextMemoryId++;
  private readonly helpers: Helper[];

  constructor(memory: WebAssembly.Memory, threads: number) {
    const module = treeKernelsModule();
    this.memory = memory;
    this.kernels = instantiateKernels(module, memory);
    for (let i = workers.length - 1; i >= 0; i--) {
      if (!workers[i]!.worker.alive) workers.splice(i, 1);
    }
    while (workers.length < threads - 1) {
      const worker = new HostedWorker(kernelJobs, module, { name: "merkle hash worker" });
      workers.push({ worker, attached: new Set() });
    }
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

  private post(helper: Helper, kernel: RunMessage["kernel"], args: number[]): Promise<number> {
    const message: RunMessage = { memoryId: this.memoryId, kernel, args };
    if (kernel === "detach") helper.attached.delete(this.memoryId);
    else if (!helper.attached.has(this.memoryId)) {
      message.memory = this.memory;
      helper.attached.add(this.memoryId);
    }
    return helper.worker.request(message);
  }
}
