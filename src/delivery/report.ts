// The report of a delivery run: one type, written as <out>/delivery-report.json exactly, and as a
// table for people (the CLI). One line per holder file, saying what each graduate was sent.
import type { RecipientProblem } from "./recipients.ts";

/**
 * sent: mailed by this run; already-sent: by an earlier run (never again); written: its .eml
 * file is ready; failed: the server refused it (not delivered: a rerun sends it again);
 * uncertain: the connection dropped with the message in flight (see the server's log, then
 * --resend); not-sent: the run stopped before it; skipped: its row is unusable (--skip-invalid).
 */
export type DeliveryState =
  | "sent"
  | "already-sent"
  | "written"
  | "failed"
  | "uncertain"
  | "not-sent"
  | "skipped";

export interface DeliveryLine {
  /** The holder file's id. */
  id: string;
  file: string;
  credentialId: string | null;
  to: string | null;
  /** Line of the recipients file the address is on. */
  line: number | null;
  state: DeliveryState;
  messageId?: string;
  /** When it was sent (or last tried). */
  at?: string;
  /** The mail server's answer. */
  response?: string;
  /** Why it was not sent, and what to do. */
  reason?: string;
  /** The share link the message carries. */
  shareLink?: string;
  /** The .eml file (--eml). */
  eml?: string;
}

export interface DeliveryReport {
  mode: "smtp" | "eml";
  /** A dry run: nothing was sent, stored or written; not-sent lines say what would be. */
  dryRun: boolean;
  outDir: string;
  recipientsFile: string;
  /** The SMTP server (without password), or the .eml folder. */
  destination: string;
  /** The delivery journal (smtp) and the mail-merge CSV (eml). */
  journal: string | null;
  mailMerge: string | null;
  /** True when an earlier run had already sent some. */
  resumed: boolean;
  /** True when every graduate was sent (or written), by this run or an earlier one. */
  complete: boolean;
  /** Why the run stopped early (the mail server's answer), if it did. */
  stoppedBy: string | null;
  counts: Record<DeliveryState, number>;
  deliveries: DeliveryLine[];
  /** Holder files or rows that could not be mailed (skipped with --skip-invalid). */
  problems: RecipientProblem[];
  /** Rows of the recipients file naming no holder file of this folder (not mailed). */
  unmatchedRows: RecipientProblem[];
  startedAt: string;
  finishedAt: string;
}

export const REPORT_FILE = "delivery-report.json";

export function countStates(lines: readonly DeliveryLine[]): Record<DeliveryState, number> {
  const counts: Record<DeliveryState, number> = {
    sent: 0,
    "already-sent": 0,
    written: 0,
    failed: 0,
    uncertain: 0,
    "not-sent": 0,
    skipped: 0,
  };
  for (const line of lines) counts[line.state]++;
  return counts;
}

/** The report for people: a summary line, a table of graduates, and what to do next. */
export function formatDeliveryReport(report: DeliveryReport): string {
  const c = report.counts;
  const total = report.deliveries.length;
  const summary = report.dryRun
    ? `Dry run for ${report.outDir} (nothing sent, stored or written): ${c["not-sent"]} would be ${report.mode === "smtp" ? "sent" : "written"}, ${c["already-sent"]} sent before, ${c.uncertain} uncertain, ${c.skipped} skipped, of ${total}.`
    : report.mode === "smtp"
      ? `Delivery of ${report.outDir} through ${report.destination}: ${c.sent} sent now, ${c["already-sent"]} sent before, ${c.failed} refused, ${c.uncertain} uncertain, ${c["not-sent"]} not sent, ${c.skipped} skipped, of ${total}.`
      : `Messages for ${report.outDir} written to ${report.destination}: ${c.written} .eml files, ${c.skipped} skipped, of ${total}; mail-merge CSV ${report.mailMerge}.`;
  const rows = report.deliveries.map((d) => [
    d.id,
    d.to ?? "-",
    d.state,
    d.state === "sent" || d.state === "already-sent" || d.state === "written"
      ? (d.messageId ?? d.eml ?? "")
      : (d.reason ?? d.response ?? ""),
  ]);
  const header = ["id", "to", "state", "message id / reason"];
  const widths = header.map((h, i) =>
    Math.min(48, Math.max(h.length, ...rows.map((r) => r[i]!.length))),
  );
  const format = (r: string[]) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const lines = [summary, "", format(header), ...rows.map(format)];
  if (report.stoppedBy !== null) {
    lines.push(
      "",
      `Stopped: ${report.stoppedBy}. Run the same command again to send the rest: nobody is mailed twice.`,
    );
  }
  if (c.uncertain > 0) {
    lines.push(
      "",
      "Uncertain: the connection dropped while the server had the message. Look for its Message-ID in the mail server's log; if it is not there, send it again with --resend <id>.",
    );
  }
  if (c.failed > 0 && report.stoppedBy === null) {
    lines.push(
      "",
      "Refused messages are sent again by the next run (fix the address first if the server said it is unknown).",
    );
  }
  if (report.unmatchedRows.length > 0) {
    const first = report.unmatchedRows[0]!;
    lines.push(
      "",
      `${report.unmatchedRows.length} row(s) of ${report.recipientsFile} name no holder file of this folder and were not mailed (first: line ${first.line}, ${first.id}).`,
    );
  }
  if (report.journal !== null) lines.push(`journal: ${report.journal}`);
  return lines.join("\n");
}
