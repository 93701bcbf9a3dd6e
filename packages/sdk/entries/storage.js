// @credanchor/sdk/storage: what a verifier or wallet reads from IPFS without a node of its own:
// trustless gateways checked against the CID, encrypted envelopes, batch manifests (whose module
// is src/recovery/batchManifest.ts). The embedded Helia node and the Kubo store are Node-only:
// credanchor/storage.
export * from "../dist/recovery/batchManifest.js";
export * from "../dist/storage/contentStore.js";
export * from "../dist/storage/envelope.js";
export * from "../dist/storage/errors.js";
export * from "../dist/storage/fetchAndOpen.js";
export * from "../dist/storage/gatewaySource.js";
export * from "../dist/storage/parseCid.js";
export * from "../dist/storage/readContent.js";
