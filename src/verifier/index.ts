// Verification of credanchor credentials, for employers and other programs: verify() one file,
// verifyMany() a pile of them in one round trip per batch, and export the reports as JSON or CSV.
// Browser-safe: viem for chain reads and plain JavaScript hashing; no Node built-ins, Hardhat,
// IPFS or WebAssembly.
export { VerifyOptionsError } from "./errors.ts";
export type { VerifyManyOptions, VerifyOptions } from "./options.ts";
export { CSV_COLUMNS, toCsv } from "./toCsv.ts";
export { toJson } from "./toJson.ts";
export {
  CHECK_IDS,
  type CheckId,
  type CheckResult,
  type VerificationCheck,
  type VerificationReport,
  type VerificationStatus,
} from "./types.ts";
export { unreadableReport, verify } from "./verify.ts";
export { verifyMany } from "./verifyMany.ts";
