// Reports as CSV for HR systems and spreadsheets: one row per credential, the same columns in the
// same order every time (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or
// line break). issuer_name is the file's claim; issuer_registered_name is what the trusted
// registry recorded. Text from a credential (an issuer name, a message quoting it) is untrusted:
// a field starting with = + - @ or a control character gets a leading apostrophe so a
// spreadsheet shows it as text instead of running it as a formula.
import { CHECK_IDS, type VerificationReport } from "./types.ts";

type Column = { name: string; value: (report: VerificationReport) => string | number | null };

const COLUMNS: readonly Column[] = [
  { name: "source", value: (r) => r.source },
  { name: "credential_id", value: (r) => r.credentialId },
  { name: "status", value: (r) => r.status },
  // Whose credential and what it says, beside the verdict (only what the file proves).
  { name: "holder_name", value: (r) => r.subject?.name ?? null },
  { name: "holder_name_hidden", value: (r) => String(r.subject?.nameHidden === true) },
  { name: "achievement", value: (r) => r.subject?.achievement ?? null },
  { name: "award_date", value: (r) => r.subject?.awardDate ?? null },
  { name: "results", value: (r) => resultsText(r) },
  { name: "results_hidden", value: (r) => r.subject?.resultsHidden ?? 0 },
  { name: "status_changed_at", value: (r) => r.statusChange?.at ?? null },
  { name: "status_reason", value: (r) => r.statusChange?.reason ?? null },
  { name: "cause_check", value: (r) => r.cause?.check ?? null },
  { name: "cause_code", value: (r) => r.cause?.code ?? null },
  { name: "cause_message", value: (r) => r.cause?.message ?? null },
  { name: "warnings", value: (r) => r.warnings.map((w) => w.code).join(";") || null },
  { name: "issuer_registered_name", value: (r) => r.issuer.registeredName },
  { name: "issuer_registered_domain", value: (r) => r.issuer.registeredDomain },
  { name: "issuer_name", value: (r) => r.issuer.name },
  { name: "issuer_id", value: (r) => r.issuer.id },
  { name: "issuer_address", value: (r) => r.issuer.address },
  { name: "credential_type", value: (r) => r.credentialType },
  { name: "accreditor", value: (r) => r.accreditor?.address ?? null },
  { name: "accreditor_name", value: (r) => r.accreditor?.name ?? null },
  { name: "accreditor_jurisdiction", value: (r) => r.accreditor?.jurisdiction ?? null },
  { name: "accreditor_now", value: (r) => r.accreditorNow?.address ?? null },
  { name: "anchored_at", value: (r) => r.anchoredAt },
  { name: "trust_label", value: (r) => r.trust?.label ?? null },
  { name: "chain", value: (r) => r.chain },
  { name: "registry", value: (r) => r.registry },
  { name: "root", value: (r) => r.root },
  { name: "index", value: (r) => r.index },
  { name: "valid_from", value: (r) => r.validFrom },
  { name: "valid_from_hidden", value: (r) => (r.validFromHidden === true ? "true" : "false") },
  { name: "valid_until", value: (r) => r.validUntil },
  { name: "checked_at", value: (r) => r.checkedAt },
  ...CHECK_IDS.map(
    (id): Column => ({
      name: `check_${id.replaceAll("-", "_")}`,
      value: (r) => r.checks.find((c) => c.id === id)?.result ?? null,
    }),
  ),
];

/** The CSV column names, in order. */
export const CSV_COLUMNS: readonly string[] = COLUMNS.map((c) => c.name);

export function toCsv(reports: readonly VerificationReport[]): string {
  const rows = [CSV_COLUMNS, ...reports.map((r) => COLUMNS.map((c) => cell(c.value(r))))];
  return `${rows.map((row) => row.map(quote).join(",")).join("\r\n")}\r\n`;
}

/** "Final grade: A; Thesis: pass": each shown result as name: value (status). */
export function resultsText(r: VerificationReport): string | null {
  const results = r.subject?.results ?? [];
  if (results.length === 0) return null;
  return results
    .map((result) => {
      const value = [result.value, result.status].filter((v) => v !== null).join(", ");
      return result.name === null ? value : `${result.name}: ${value}`;
    })
    .join("; ");
}

function cell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  return /^[=+\-@\t\r\n]/.test(value) ? `'${value}` : value;
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}
