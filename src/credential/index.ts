// Credential model of credanchor: input records -> Open Badges 3.0 / VC 2.0 credentials with
// salted claims -> credential digest (bytes32), selective disclosure and integrity checks.
// The leaf, tree and proofs live in src/merkle; chain reads in src/chain. Browser-safe: no
// Node-only imports. The format is specified in docs/format.md.

export { type RandomSource, secureRandom } from "../random/index.ts";
export {
  type AnchorDetails,
  attachAnchor,
  attachEncryptedCopy,
  attachSignature,
} from "./attachAnchor.ts";
export {
  type BuildCredentialParams,
  buildCredential,
  buildValidatedCredential,
  type ValidatedBuildParams,
} from "./buildCredential.ts";
export { canonicalJson } from "./canonicalJson.ts";
export {
  checkOpenBadgesStructure,
  type StructureProblem,
  type StructureReport,
} from "./checkOpenBadgesStructure.ts";
export { claimDigest, encodeClaimPreimage } from "./claimDigest.ts";
export { isAlwaysDisclosed, isClaimPointer, isDisclosedUnlessHidden } from "./claims.ts";
export * from "./constants.ts";
export {
  type ClaimCommitment,
  credentialDigest,
  encodeCredentialPreimage,
} from "./credentialDigest.ts";
export { credentialTypeId } from "./credentialType.ts";
export { type DiscloseOptions, disclose } from "./disclose.ts";
export {
  type DisclosureChoice,
  type Hideable,
  listDisclosureChoices,
} from "./discloseList.ts";
export * from "./errors.ts";
export {
  didKeyVerificationMethod,
  ed25519KeyOfDidKey,
  isChecksummedAddress,
  isHttpsUrl,
  isLowerBytes32,
  isSignatureValue,
  isUtcSeconds,
} from "./formatV2.ts";
export { issuerDid, parseIssuerDid } from "./issuerId.ts";
export { comparePointers, formatPointer, parsePointer } from "./jsonPointer.ts";
export {
  type ClrMappingOptions,
  type ElmMappingOptions,
  elmText,
  recordFromElmAchievement,
  recordsFromClr,
  recordsFromElm,
  type SourceRecord,
  sourceRecordsOf,
} from "./mapping.ts";
export {
  CredentialJsonError,
  type CredentialJsonProblem,
  findDuplicateMember,
  parseCredentialJson,
} from "./parseCredentialJson.ts";
export {
  type AnchorSlot,
  type CredentialReading,
  type CredentialVersion,
  type ForeignCredential,
  type ForeignDataIntegrityProof,
  type ProofLayout,
  proofLayoutOf,
  readCredential,
  type StatusListEntry,
} from "./readCredential.ts";
export {
  describeRecordFields,
  type FieldGroup,
  fieldsOf,
  keysOf,
  placeOf,
  RECORD_FIELDS,
  type RecordField,
  type RecordFieldKind,
  recordFieldList,
  recordFieldOf,
} from "./recordSchema.ts";
export type * from "./types.ts";
export {
  type NormalizedContext,
  type NormalizedRecord,
  PROFILE_FIELDS,
  validateIssuanceContext,
  validateRecord,
} from "./validateRecord.ts";
export {
  type IntegrityFailure,
  type IntegrityFailureReason,
  type IntegrityResult,
  verifyIntegrity,
} from "./verifyIntegrity.ts";
