// Off-chain storage: one content-store interface over an embedded Helia node (the default), a
// Kubo node, and read-only trustless gateways, all giving the same CIDv1 for the same bytes and
// checking every byte they return against its CID; encrypted credential envelopes; a client
// that takes pins off a remote pinning service. Storage moves bytes; what they mean (the batch
// manifest) is src/recovery's. Browser-safe files (no Node built-ins, no Helia): envelope.ts, fetchAndOpen.ts, gatewaySource.ts,
// readContent.ts, pinningService.ts; the browser verifier imports those directly.
export type {
  ContentSource,
  ContentStore,
  PutOptions,
  ReadOptions,
  RemovedContent,
  WriteOptions,
} from "./contentStore.ts";
export {
  createEmbeddedStore,
  type EmbeddedNetworkOptions,
  type EmbeddedStore,
  type EmbeddedStoreOptions,
} from "./embeddedStore.ts";
export { CONTENT_LAYOUT, type ContentLayout, encodeContent } from "./encodeContent.ts";
export {
  ENVELOPE_KEY_BYTES,
  ENVELOPE_MAGIC,
  ENVELOPE_VERSION,
  openEnvelope,
  type SealedCredential,
  sealCredential,
} from "./envelope.ts";
export {
  ContentIntegrityError,
  ContentNotFoundError,
  ContentTooLargeError,
  EnvelopeDecryptionError,
  EnvelopeFormatError,
  EnvelopeKeyError,
  EnvelopeVersionError,
  InvalidCidError,
  ManifestFormatError,
  ManifestIndexError,
  ManifestRootMismatchError,
  StoreUnreachableError,
  type UnreachableReason,
  UnsupportedContentError,
} from "./errors.ts";
export { fetchAndOpen } from "./fetchAndOpen.ts";
export {
  createGatewaySource,
  type GatewayAttempt,
  type GatewaySourceOptions,
} from "./gatewaySource.ts";
export { createKuboStore, type KuboStoreOptions } from "./kuboStore.ts";
export { parseCid } from "./parseCid.ts";
export {
  createPinningServiceClient,
  PIN_STATUSES,
  type PinningServiceClient,
  type PinningServiceOptions,
  type PinRequest,
  type PinRequestStatus,
} from "./pinningService.ts";
