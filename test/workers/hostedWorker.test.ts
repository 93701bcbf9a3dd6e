// The worker host (src/workers): requests and replies matched by id, errors carried back with
// their code, a dead worker's debts rejected, and a clear error for jobs it cannot find.
import { expect } from "chai";
import { CredanchorError } from "../../src/errors.ts";
import { HostedWorker } from "../../src/workers/index.ts";
import { misnamedJobs, testJobs } from "./jobs.ts";

describe("workers: hosted worker", function () {
  this.timeout(30_000);
  const started: HostedWorker<string, unknown, unknown>[] = [];
  const start = (jobs = testJobs) => {
    const worker = new HostedWorker(jobs, "setup:", { name: "test worker" });
    started.push(worker as HostedWorker<string, unknown, unknown>);
    return worker;
  };
  after(async () => {
    await Promise.all(started.map((worker) => worker.terminate()));
  });

  it("starts the jobs with their setup and answers a request", async () => {
    expect(await start().request({ echo: "hello" })).to.equal("setup:hello");
  });

  it("gives each caller its own reply when the worker answers out of order", async () => {
    const worker = start();
    const held = worker.request({ holdUntilReleased: "a" });
    expect(worker.pending).to.equal(1);
    expect(await worker.request({ release: "a" })).to.equal("releasing a");
    expect(await held).to.equal("released a");
    expect(worker.pending).to.equal(0);
  });

  it("rethrows a CredanchorError from the worker with its name, code and details", async () => {
    const error = await start()
      .request({ throwCode: "MERKLE_BYTES32_INVALID" })
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(CredanchorError);
    expect(error).to.include({ code: "MERKLE_BYTES32_INVALID", message: "thrown in the worker" });
    expect((error as CredanchorError).details).to.deep.equal({ row: 7 });
  });

  it("rejects what a worker owes when it exits, and refuses requests after", async () => {
    const worker = start();
    const error = await worker.request({ exitWith: 3 }).catch((e: Error) => e);
    expect((error as Error).message).to.equal("test worker exited (3)");
    expect(worker.alive).to.equal(false);
    const later = await worker.request({ echo: "x" }).catch((e: Error) => e);
    expect(later).to.equal(error);
  });

  it("names the module and export when the jobs are not exported under their name", async () => {
    const error = await start(misnamedJobs)
      .request({ echo: "x" })
      .catch((e: Error) => e);
    expect((error as Error).message).to.match(/jobs\.ts exports no worker jobs named noSuchExport/);
  });
});
