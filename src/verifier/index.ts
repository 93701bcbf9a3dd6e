// Verification of credanchor credentials, for employers and other programs: verify() one file,
// verifyMany() a pile of them in one round trip per batch, and export the reports as JSON or CSV.
// Browser-safe: viem for chain reads and plain JavaScript hashing; no Node built-ins, Hardhat,
// IPFS or WebAssembly. What it trusts is the caller's choice (trust.ts), never the file's.
export {
  CHECK_CODES,
  CHECK_PHRASES,
  type CheckCode,
  type CheckParams,
  type CheckPhrase,
} from "./checkCodes.ts";
export { VerifyOptionsError } from "./errors.ts";
export type {
  ThirdPartyChecker,
  ThirdPartyPolicy,
  VerifyManyOptions,
  VerifyOptions,
} from "./options.ts";
export { CSV_COLUMNS, resultsText, toCsv } from "./toCsv.ts";
export { toJson } from "./toJson.ts";
export {
  checkTrustList,
  describeTrust,
  findTrust,
  knownTrust,
  parseTrustEntry,
  type TrustedRegistry,
  trustFromDeployment,
} from "./trust.ts";
export {
  type AccreditorProfile,
  CHECK_IDS,
  type CheckId,
  type CheckResult,
  type ReportedStatusChange,
  type SubjectSummary,
  type VerificationCheck,
  type VerificationReport,
  type VerificationStatus,
  type VerificationWarning,
  WARNING_CODES,
  type WarningCode,
} from "./types.ts";
export {
  codePointLabel,
  hasUnsafeCharacters,
  neutralise,
  replaceUnsafe,
  splitUnsafe,
} from "./unsafeText.ts";
export { unreadableReport, verify } from "./verify.ts";
export { verifyMany } from "./verifyMany.ts";
