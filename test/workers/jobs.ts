// Worker jobs for hostedWorker.test.ts: echo, hold a reply until another request releases it,
// throw a CredanchorError, or end the thread.
import { CredanchorError } from "../../src/errors.ts";
import { exportJobs } from "../../src/workers/index.ts";

export type TestRequest =
  | { echo: string }
  | { holdUntilReleased: string }
  | { release: string }
  | { throwCode: string }
  | { exitWith: number };

export const testJobs = exportJobs(import.meta.url, "testJobs", {
  start(prefix: string) {
    const held = new Map<string, () => void>();
    return async (request: TestRequest): Promise<string> => {
      if ("echo" in request) return `${prefix}${request.echo}`;
      if ("holdUntilReleased" in request) {
        await new Promise<void>((resolve) => held.set(request.holdUntilReleased, resolve));
        return `released ${request.holdUntilReleased}`;
      }
      if ("release" in request) {
        held.get(request.release)!();
        return `releasing ${request.release}`;
      }
      if ("throwCode" in request) {
        throw new CredanchorError(request.throwCode, "thrown in the worker", { row: 7 });
      }
      process.exit(request.exitWith);
    };
  },
});

/** The same jobs under a name the module does not export. */
export const misnamedJobs = exportJobs(import.meta.url, "noSuchExport", testJobs);
