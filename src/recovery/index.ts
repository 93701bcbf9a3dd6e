// Rebuilding what a holder lost from public data: a credential's Merkle proof from the batch
// manifest on IPFS and the anchor on chain, a whole credential from its encrypted copy. A workflow
// above storage, merkle and credential (it uses all three), so none of them imports it.
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
