// The verifier as a web app meets it: a Vite build of an entry importing `verify` from the built
// @credanchor/sdk stays within the bundle budget and needs nothing from Node
// (test/package/verifyBundle.ts builds it; bench/bundle.bench.ts records the same figure).
import { expect } from "chai";
import { buildVerifyBundle, VERIFY_BUNDLE_BUDGET, type VerifyBundle } from "./verifyBundle.ts";

describe("package: the verify bundle", function () {
  // Builds the packages first (tsc), then bundles.
  this.timeout(300_000);
  let bundle: VerifyBundle;

  before(async () => {
    bundle = await buildVerifyBundle();
  });

  it(`stays within ${VERIFY_BUNDLE_BUDGET.toLocaleString("en-US")} bytes gzipped`, () => {
    expect(bundle.gzipBytes).to.be.at.most(VERIFY_BUNDLE_BUDGET);
  });

  it("imports no Node built-in", () => {
    expect(bundle.nodeBuiltins).to.deep.equal([]);
  });

  it("carries the batchView fragment, not the registries' whole ABIs", () => {
    expect(bundle.modules.filter((m) => /\/chain\/abi\.[jt]s$/.test(m))).to.deep.equal([]);
    // Names only the full ABIs hold: a write of each registry.
    expect(bundle.code).to.not.include("anchorWithSig");
    expect(bundle.code).to.not.include("appointBody");
  });
});
