// The batch pipeline of an issuer: a CSV or JSON export -> validated records -> credentials,
// sealed and stored -> one Merkle root per batch, anchored -> one credential file and one access
// file per holder, and a report. Journaled, so a run killed at any point resumes when run again.
// Node only (files, worker threads, the embedded store). The SDK never prints: progress and
// results go to the caller as events and a report.
export { type AtomicWriteOptions, writeFileAtomic } from "./atomicFile.ts";
export {
  type ColumnMapping,
  type FieldKind,
  type FieldSource,
  type IssuerProfileInput,
  type LoadedMapping,
  loadColumnMapping,
  parseColumnMapping,
} from "./columnMapping.ts";
export { reformatDate } from "./dateFormats.ts";
export {
  describeRowProblem,
  InputFileError,
  InputRowsInvalidError,
  IssueOptionError,
  JournalError,
  MappingError,
  type RowProblem,
  StagingError,
} from "./errors.ts";
export { CREDENTIAL_SUFFIX } from "./holderFiles.ts";
export {
  type Checkpoint,
  CREDENTIALS_DIR,
  DEFAULT_BATCH_SIZE,
  type IssueCredentialsOptions,
  type IssueEvent,
  issueCredentials,
  planBatches,
  REPORT_FILE,
  REPORT_TEXT_FILE,
} from "./issueCredentials.ts";
export { type IssuerKey, issuerKeyOf, signerOf } from "./issuerKey.ts";
export { JOURNAL_FILE, type JournalEntry, type RunFingerprint } from "./journal.ts";
export { readJournalLines } from "./journalLines.ts";
export { LOCK_FILE, lockOutput, type OutputLock } from "./outputLock.ts";
export { type CsvItem, type CsvTable, readCsv } from "./readCsv.ts";
export { type InputFormat, inputFormatOf } from "./readRecords.ts";
export {
  type BatchReport,
  formatIssueReport,
  ISSUE_PHASES,
  type IssuePhase,
  type IssueReport,
} from "./report.ts";
export * from "./shred.ts";
export type { StagedCredential } from "./stageCredential.ts";
export {
  type BatchRevocations,
  type BitstringStatusListCredential,
  buildStatusListCredential,
  revokedCount,
  type StatusListParams,
  statusListBits,
} from "./statusList.ts";
