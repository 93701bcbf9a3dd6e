// @credanchor/sdk/merkle: a credential's leaf and proof verification, plain synchronous
// JavaScript. The tree builder (WebAssembly, worker threads) is Node-only: credanchor/merkle.
export * from "../dist/merkle/errors.js";
export * from "../dist/merkle/leaf.js";
export * from "../dist/merkle/verifyProof.js";
