// Each batch's public manifest (batchManifest.ts: the record of the batch from which anything
// lost is rebuilt), and rebuilding what a holder lost from public data: a credential's Merkle
// proof from the batch manifest on IPFS and the anchor on chain, a whole credential from its encrypted copy. A workflow
// above storage, merkle and credential (it uses all three), so none of them imports it.
export {
  type BatchManifest,
  type BatchManifestHeader,
  decodeManifest,
  encodeManifest,
  getManifest,
  MANIFEST_MAGIC,
  MANIFEST_VERSION,
  manifestDigest,
  putManifest,
} from "./batchManifest.ts";
export { openEncryptedCopy } from "./openEncryptedCopy.ts";
export {
  type RecoverCredentialRequest,
  type RecoveredCredential,
  recoverCredential,
} from "./recoverCredential.ts";
export {
  buildManifestTree,
  type RecoveredProof,
  recoverProof,
  recoverProofs,
} from "./recoverProof.ts";
