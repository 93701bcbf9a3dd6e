// Data Integrity for credanchor v2 (browser-safe): the shipped JSON-LD contexts and their offline
// loader, did:key for Ed25519, eddsa-rdfc-2022 signing and verification over a fast canonicaliser
// for credanchor's vocabulary (the general JSON-LD path is loaded only for other documents), and
// the W3C Bitstring Status List encoding.
export { decodeBase58btc } from "./base58.ts";
export { type Canonicalizer, canonicalizeWith, canonicalNQuads } from "./canonicalize.ts";
export {
  type ContextDocument,
  contextDocument,
  documentLoader,
  type RemoteDocument,
  SHIPPED_CONTEXTS,
} from "./contexts.ts";
export { CREDANCHOR_CONTEXT_URL, credanchorContext } from "./credanchorContext.ts";
export {
  didKeyFromPublicKey,
  multikeyFromPublicKey,
  publicKeyFromDidKey,
  verificationMethodOf,
} from "./didKey.ts";
export {
  type CreateEddsaProofOptions,
  createEddsaProof,
  type DataIntegrityProof,
  type Ed25519Signer,
  type EddsaVerifyOptions,
  verifyEddsaProof,
} from "./eddsaRdfc2022.ts";
export { DataIntegrityError, type DataIntegrityErrorCode } from "./errors.ts";
export {
  decodeStatusList,
  encodeStatusList,
  STATUS_LIST_MIN_BITS,
  statusBitAt,
} from "./statusList.ts";
