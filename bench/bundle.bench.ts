// What `verify` costs a web page: a Vite build of an app entry that imports it, gzipped
// (test/package/verifyBundle.ts). Deterministic, so recorded once; test/package/bundle.test.ts
// holds CI to the same budget. A bundle that imports a Node built-in fails the bench: it would
// not load in a browser.
import {
  buildVerifyBundle,
  VERIFIER_ENTRY,
  VERIFY_BUNDLE_BUDGET,
} from "../test/package/verifyBundle.ts";
import type { BenchModule } from "./harness.ts";

const bench: BenchModule = {
  name: "bundle",
  async run(ctx) {
    ctx.log(`bundling verify from ${VERIFIER_ENTRY}`);
    const bundle = await buildVerifyBundle();
    if (bundle.nodeBuiltins.length > 0) {
      throw new Error(
        `the verify bundle imports Node built-ins: ${bundle.nodeBuiltins.join(", ")}`,
      );
    }
    ctx.record("bundle.verify.gzipBytes", bundle.gzipBytes, "bytes", { max: VERIFY_BUNDLE_BUDGET });
  },
};

export default bench;
