// What a module hands to the worker host to run on worker threads: how a worker starts from its
// setup, and what it does with each request. The module exports it (exportJobs) and the host
// imports that module by URL inside each worker, so the module itself has no side effects.
import type { TransferListItem } from "node:worker_threads";

export interface WorkerJobs<Setup, Request, Result> {
  /** Runs once in each worker, with the setup it was started with; returns its request handler. */
  start(setup: Setup): (request: Request) => Result | Promise<Result>;
  /** The buffers of a result to move to the caller instead of copying (they are detached here). */
  transfer?(result: Result): TransferListItem[];
}

/** Jobs with the place a worker finds them: the exporting module's URL and the export's name. */
export interface ExportedJobs<Setup, Request, Result> extends WorkerJobs<Setup, Request, Result> {
  readonly module: string;
  readonly name: string;
}

/**
 * Marks `jobs` as exported by the module at `module` (its import.meta.url) under `name`:
 * `export const fooJobs = exportJobs(import.meta.url, "fooJobs", { start(setup) { ... } })`.
 */
export function exportJobs<Setup, Request, Result>(
  module: string,
  name: string,
  jobs: WorkerJobs<Setup, Request, Result>,
): ExportedJobs<Setup, Request, Result> {
  return { ...jobs, module, name };
}
