// The table `credanchor verify` prints: one row per credential (holder, achievement, award date,
// results, the issuer as far as it is established, accreditor, anchoring time, the deciding check
// in the reader's language), the warnings loudest first, and a count by status. Text from a file
// is shown neutralised: one line per cell, control and bidirectional characters made visible.
import {
  checkMessage,
  type Language,
  message,
  reasonLabel,
  warningMessage,
} from "../../labels/index.ts";
import { neutralise, resultsText, type VerificationReport } from "../../verifier/index.ts";

function short(address: string | null): string {
  return address === null ? "-" : `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/**
 * The issuer as far as it is established: the legal name a trusted registry recorded for the
 * account, else the file's own claim, quoted and marked unproven.
 */
function issuerCell(r: VerificationReport): string {
  const account = short(r.issuer.address);
  if (r.trust !== null && r.issuer.registeredName !== null) {
    return `${r.issuer.registeredName} (${account})`;
  }
  if (r.issuer.name === null) return account;
  return `"${r.issuer.name}" (unproven) ${account}`;
}

function accreditorCell(r: VerificationReport): string {
  const body = r.accreditor;
  if (body === null) return "-";
  if (body.name === "") return short(body.address);
  return body.jurisdiction === "" ? body.name : `${body.name} (${body.jurisdiction})`;
}

/** One line per warning, a differing issuer name first and loudest. */
function warningLines(reports: readonly VerificationReport[], lang: Language): string[] {
  const lines = reports.flatMap((r) =>
    r.warnings.map((w) => ({
      loud: w.code === "ISSUER_NAME_DIFFERS",
      text: `${r.source ?? "-"}: ${warningMessage(lang, w)} [${w.code}]`,
    })),
  );
  return [
    ...lines.filter((l) => l.loud).map((l) => `!! WARNING ${l.text}`),
    ...lines.filter((l) => !l.loud).map((l) => `warning ${l.text}`),
  ].map(neutralise);
}

/** The holder's name, or why there is none. */
function holderCell(r: VerificationReport, lang: Language): string {
  if (r.subject?.name != null) return r.subject.name;
  return r.subject?.nameHidden ? `(${message(lang, "nameHidden")})` : "-";
}

function awardCell(r: VerificationReport, lang: Language): string {
  if (r.subject?.awardDateHidden) return `(${message(lang, "awardDateHidden")})`;
  return r.subject?.awardDate == null ? "-" : r.subject.awardDate.slice(0, 10);
}

function resultsCell(r: VerificationReport): string {
  const shown = resultsText(r);
  const hidden = r.subject?.resultsHidden ?? 0;
  if (hidden === 0) return shown ?? "-";
  return `${shown === null ? "" : `${shown}; `}+${hidden} hidden`;
}

/** "revoked 2026-12-04 10:00:00Z: issued in error (reason 1)" for a revoked or suspended one. */
export function statusChangeText(r: VerificationReport, lang: Language): string | null {
  const change = r.statusChange;
  if (change == null) return null;
  const key = change.action === "suspended" ? "suspendedOn" : "revokedOn";
  return message(lang, key, {
    time: change.at.replace("T", " ").replace(/\.000Z$/, "Z"),
    reason: `${reasonLabel(lang, change.reason)} (${change.reason})`,
  });
}

function reasonCell(r: VerificationReport, lang: Language): string {
  const cause = r.cause === null ? "" : `${r.cause.check}: ${checkMessage(lang, r.cause)}`;
  const change = statusChangeText(r, lang);
  return change === null ? cause : `${change}. ${cause}`;
}

export function formatTable(reports: readonly VerificationReport[], lang: Language): string {
  const rows = reports
    .map((r) => [
      r.source ?? "-",
      r.status,
      holderCell(r, lang),
      r.subject?.achievement ?? "-",
      awardCell(r, lang),
      resultsCell(r),
      issuerCell(r),
      accreditorCell(r),
      r.anchoredAt === null ? "-" : r.anchoredAt.replace("T", " ").replace(/\.000Z$/, "Z"),
      reasonCell(r, lang),
    ])
    // Text from a file is untrusted: line breaks, controls and bidirectional marks are shown as
    // <U+XXXX>, so a cell is one line and reads as it is stored.
    .map((row) => row.map(neutralise));
  // One catalogue entry, the columns separated by "|", so a translator sees them together.
  const header = message(lang, "tableHeader").split("|");
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  const counts = new Map<string, number>();
  for (const r of reports) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const summary = [...counts].map(([status, n]) => `${n} ${status}`).join(", ");
  const warnings = warningLines(reports, lang);
  return [
    line(header),
    ...rows.map(line),
    ...(warnings.length === 0 ? [] : ["", ...warnings]),
    "",
    message(lang, reports.length === 1 ? "tableSummaryOne" : "tableSummaryMany", {
      count: reports.length,
      summary,
    }),
  ].join("\n");
}
