// The worker side of the host: imports the module that exports the worker's jobs, starts them
// with the setup, then answers each request with its id and a result or a flattened error.
import { parentPort } from "node:worker_threads";
import { errorToData, type ReplyMessage, type RequestMessage } from "./messages.ts";
import type { WorkerJobs } from "./workerJobs.ts";

export interface WorkerStartData {
  /** URL of the module that exports the jobs, and the export's name. */
  module: string;
  name: string;
  setup: unknown;
}

type AnyJobs = WorkerJobs<unknown, unknown, unknown>;

export function serveJobs({ module, name, setup }: WorkerStartData): void {
  // Listening at once: a request that arrives while the module loads waits for it, and a module
  // that fails to load fails each request with its error instead of killing the thread.
  const ready = import(module).then((exports) => {
    const jobs = exports[name] as AnyJobs | undefined;
    if (typeof jobs?.start !== "function") {
      throw new Error(`${module} exports no worker jobs named ${name} (see exportJobs)`);
    }
    return { handle: jobs.start(setup), transfer: jobs.transfer };
  });
  const port = parentPort!;
  port.on("message", async ({ id, request }: RequestMessage<unknown>) => {
    try {
      const { handle, transfer } = await ready;
      const result = await handle(request);
      port.postMessage({ id, result } satisfies ReplyMessage<unknown>, transfer?.(result));
    } catch (error) {
      port.postMessage({ id, error: errorToData(error) } satisfies ReplyMessage<unknown>);
    }
  });
}
