// Hardhat is a development dependency: an install without it must say how to get it (exit 2),
// not fail with a module-resolution trace.
import { expect } from "chai";
import { loadHardhat } from "../../src/cli/hardhat.ts";
import { exitCodeFor } from "../../src/cli/output.ts";

describe("cli/hardhat", () => {
  it("says to install Hardhat, or to use a running node, when it cannot be imported", async () => {
    const missing = Object.assign(new Error("Cannot find package 'hardhat'"), {
      code: "ERR_MODULE_NOT_FOUND",
    });
    const error = await loadHardhat("--network hardhat", () => Promise.reject(missing)).then(
      () => undefined,
      (e: unknown) => e as Error & { code: string },
    );
    expect(error?.code).to.equal("HARDHAT_UNAVAILABLE");
    expect(error?.message)
      .to.include("--network hardhat")
      .and.to.include("npm install hardhat")
      .and.to.include("--network localhost")
      .and.to.include("--rpc-url");
    expect(exitCodeFor(error)).to.equal(2);
  });
});
