// Hands an issue run's holder files to their graduates: each gets one message with their file
// attached (and their share link and QR code when the caller makes them), through an SMTP server,
// or as .eml files plus a mail-merge CSV. Over SMTP the journal makes a rerun carry on where the
// last stopped without mailing anyone twice; rows that cannot be mailed stop the run before
// anything is sent, unless they are to be skipped.
import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { CredanchorError } from "../errors.ts";
import {
  CREDENTIAL_SUFFIX,
  CREDENTIALS_DIR,
  lockOutput,
  writeFileAtomic,
} from "../issuer/index.ts";
import { composeMessage, type MessageSettings, type ShareForMessage } from "./composeMessage.ts";
import { DeliveryJournal } from "./deliveryJournal.ts";
import { type MailSender, renderMessage } from "./mailSender.ts";
import { type Delivery, planDelivery } from "./planDelivery.ts";
import {
  describeRecipientProblem,
  type RecipientList,
  type RecipientProblem,
} from "./recipients.ts";
import { countStates, type DeliveryLine, type DeliveryReport, REPORT_FILE } from "./report.ts";

export type DeliveryEvent =
  | { type: "planned"; mode: "smtp" | "eml"; total: number; toSend: number; resumed: boolean }
  | { type: "progress"; done: number; total: number; id: string; state: DeliveryLine["state"] };

export interface DeliverOptions {
  /** The issue run's output folder. */
  outDir: string;
  recipients: RecipientList;
  message: MessageSettings;
  /** Where messages go: an SMTP server, or a folder of .eml files with a mail-merge CSV. */
  destination: { kind: "smtp"; sender: MailSender } | { kind: "eml"; dir: string };
  /** Deliver the usable rows and report the others as skipped (default: they stop the run). */
  skipInvalid?: boolean;
  /**
   * Check each address against the e-mail identifier its credential carries (default true); off
   * when the addresses are other ones of the same graduates (personal, after graduation).
   */
  checkAddresses?: boolean;
  /** Check everything and report who would be mailed; send, store and write nothing. */
  dryRun?: boolean;
  /** Holder file ids to mail again even though the journal says sent or uncertain. */
  resend?: readonly string[];
  /** The graduate's share link and QR code, when the run makes them. */
  share?: (delivery: Delivery) => Promise<ShareForMessage | undefined>;
  /** The graduate's printable certificate (PDF), carrying their share link when there is one. */
  certificate?: (delivery: Delivery, share: ShareForMessage | undefined) => Promise<Uint8Array>;
  onEvent?: (event: DeliveryEvent) => void;
}

/** Rows or holder files that cannot be mailed: nothing was sent. */
export class RecipientsUnusableError extends CredanchorError {
  override readonly name = "RecipientsUnusableError";
  readonly problems: RecipientProblem[];
  constructor(problems: RecipientProblem[]) {
    super(
      "RECIPIENTS_UNUSABLE",
      `${problems.length} graduate${problems.length === 1 ? "" : "s"} cannot be mailed (listed above; first: ${describeRecipientProblem(problems[0]!)}); nothing was sent. Fix the recipients file, or pass --skip-invalid to deliver the others.`,
      { problems },
    );
    this.problems = problems;
  }
}

export async function deliverCredentials(options: DeliverOptions): Promise<DeliveryReport> {
  const startedAt = new Date().toISOString();
  const plan = await planDelivery(options.outDir, options.recipients, {
    checkAddresses: options.checkAddresses !== false,
  });
  if (plan.problems.length > 0 && options.skipInvalid !== true) {
    throw new RecipientsUnusableError(plan.problems);
  }
  const ids = new Set(plan.deliveries.map((d) => d.id));
  for (const id of options.resend ?? []) {
    if (!ids.has(id)) {
      throw new CredanchorError(
        "OPTION_INVALID",
        `--resend ${id}: no graduate of ${options.outDir} with an address has that id.`,
        { option: "--resend", value: id },
      );
    }
  }
  const skipped: DeliveryLine[] = plan.problems
    .filter((p, i, all) => p.id !== undefined && all.findIndex((q) => q.id === p.id) === i)
    .map((p) => ({
      id: p.id!,
      file: join(plan.outDir, CREDENTIALS_DIR, `${p.id}${CREDENTIAL_SUFFIX}`),
      credentialId: null,
      to: p.email ?? null,
      line: p.line ?? null,
      state: "skipped",
      reason: describeRecipientProblem(p),
    }));
  const lock = options.dryRun === true ? undefined : await lockOutput(options.outDir);
  try {
    const run =
      options.destination.kind === "smtp"
        ? await sendAll(plan.deliveries, skipped, options, options.destination.sender)
        : await writeAll(plan.deliveries, options, options.destination.dir);
    const deliveries = [...run.lines, ...skipped].sort((a, b) => a.id.localeCompare(b.id));
    const counts = countStates(deliveries);
    const report: DeliveryReport = {
      mode: options.destination.kind,
      dryRun: options.dryRun === true,
      outDir: options.outDir,
      recipientsFile: options.recipients.file,
      destination:
        options.destination.kind === "smtp"
          ? options.destination.sender.describe
          : options.destination.dir,
      journal: run.journal,
      mailMerge: run.mailMerge,
      resumed: run.resumed,
      complete: counts.sent + counts["already-sent"] + counts.written === plan.holders,
      stoppedBy: run.stoppedBy,
      counts,
      deliveries,
      problems: plan.problems,
      unmatchedRows: plan.unmatched,
      startedAt,
      finishedAt: new Date().toISOString(),
    };
    if (options.dryRun !== true) {
      await writeFileAtomic(
        join(options.outDir, REPORT_FILE),
        `${JSON.stringify(report, null, 2)}\n`,
        { durable: true },
      );
    }
    return report;
  } finally {
    await lock?.release();
  }
}

interface RunResult {
  lines: DeliveryLine[];
  journal: string | null;
  mailMerge: string | null;
  resumed: boolean;
  stoppedBy: string | null;
}

function lineOf(delivery: Delivery): DeliveryLine {
  return {
    id: delivery.id,
    file: delivery.file,
    credentialId: delivery.credentialId,
    to: delivery.to.email,
    line: delivery.to.line,
    state: "not-sent",
  };
}

async function sendAll(
  deliveries: Delivery[],
  skipped: DeliveryLine[],
  options: DeliverOptions,
  sender: MailSender,
): Promise<RunResult> {
  const dryRun = options.dryRun === true;
  const journal = await DeliveryJournal.open(options.outDir, { readOnly: dryRun });
  const resumed = journal.resumed;
  const resend = new Set(options.resend ?? []);
  try {
    if (!dryRun) for (const id of resend) await journal.append({ step: "resend", id });
    const stateOf = (id: string) => (dryRun && resend.has(id) ? undefined : journal.stateOf(id));
    const toSend = deliveries.filter((d) => {
      const state = stateOf(d.id)?.state;
      return state === undefined || state === "failed";
    });
    options.onEvent?.({
      type: "planned",
      mode: "smtp",
      total: deliveries.length,
      toSend: toSend.length,
      resumed,
    });
    if (toSend.length > 0 && !dryRun) await sender.check();
    const domain = senderDomain(options.message.from);
    const lines: DeliveryLine[] = [];
    let stoppedBy: string | null = null;
    let done = 0;
    for (const delivery of deliveries) {
      const journaled = stateOf(delivery.id);
      const line = lineOf(delivery);
      if (journaled?.state === "sent") {
        Object.assign(line, {
          state: "already-sent",
          messageId: journaled.entry.messageId,
          at: journaled.entry.at,
          response: journaled.entry.response,
        });
        if (journaled.entry.shareLink !== undefined) line.shareLink = journaled.entry.shareLink;
        if (journaled.entry.to !== delivery.to.email) {
          line.reason = `sent to ${journaled.entry.to}, the address then; --resend ${delivery.id} mails ${delivery.to.email}`;
        }
      } else if (journaled?.state === "uncertain") {
        Object.assign(line, {
          state: "uncertain",
          messageId: journaled.entry.messageId,
          at: journaled.entry.at,
          reason: `the connection dropped while sending: look for Message-ID ${journaled.entry.messageId} in the server's log; if it is not there, --resend ${delivery.id}`,
        });
      } else if (stoppedBy !== null) {
        Object.assign(line, { state: "not-sent", reason: "the run stopped before it" });
      } else if (dryRun) {
        Object.assign(line, {
          state: "not-sent",
          reason: `dry run: would be sent${journaled?.state === "failed" ? " again (refused before)" : ""}`,
        });
      } else {
        const messageId = `<${randomUUID()}@${domain}>`;
        const share = await options.share?.(delivery);
        if (share !== undefined) line.shareLink = share.link;
        const certificate = await options.certificate?.(delivery, share);
        const message = composeMessage(delivery, options.message, messageId, share, certificate);
        const addressed = {
          id: delivery.id,
          credentialId: delivery.credentialId,
          to: delivery.to.email,
          messageId,
          ...(share === undefined ? {} : { shareLink: share.link }),
        };
        await journal.append({ step: "sending", ...addressed });
        const outcome = await sender.send(message);
        line.messageId = messageId;
        line.at = new Date().toISOString();
        switch (outcome.kind) {
          case "sent":
            await journal.append({ step: "sent", ...addressed, response: outcome.response });
            Object.assign(line, { state: "sent", response: outcome.response });
            break;
          case "refused":
            await journal.append({ step: "failed", ...addressed, response: outcome.response });
            Object.assign(line, {
              state: "failed",
              response: outcome.response,
              reason: `the server refused it: ${outcome.response}`,
            });
            if (outcome.stop) stoppedBy = `${sender.describe} answered ${outcome.response}`;
            break;
          case "unreachable":
            await journal.append({ step: "failed", ...addressed, response: outcome.reason });
            Object.assign(line, {
              state: "failed",
              response: outcome.reason,
              reason: `not delivered: ${outcome.reason}`,
            });
            stoppedBy = `${sender.describe} could not be reached (${outcome.reason})`;
            break;
          case "dropped":
            Object.assign(line, {
              state: "uncertain",
              reason: `the connection dropped while sending (${outcome.reason}): look for Message-ID ${messageId} in the server's log; if it is not there, --resend ${delivery.id}`,
            });
            stoppedBy = `the connection to ${sender.describe} dropped (${outcome.reason})`;
            break;
        }
      }
      lines.push(line);
      options.onEvent?.({
        type: "progress",
        done: ++done,
        total: deliveries.length,
        id: delivery.id,
        state: line.state,
      });
    }
    // A graduate with no usable row this time may have been mailed by an earlier run.
    for (const line of skipped) {
      const journaled = journal.stateOf(line.id);
      if (journaled?.state !== "sent") continue;
      Object.assign(line, {
        state: "already-sent",
        credentialId: journaled.entry.credentialId,
        to: journaled.entry.to,
        messageId: journaled.entry.messageId,
        at: journaled.entry.at,
        response: journaled.entry.response,
        reason: `sent before; this run: ${line.reason}`,
      });
    }
    return { lines, journal: journal.file, mailMerge: null, resumed, stoppedBy };
  } finally {
    await journal.close();
  }
}

const MAIL_MERGE_FILE = "mail-merge.csv";
const MAIL_MERGE_COLUMNS = [
  "id",
  "email",
  "name",
  "subject",
  "share_link",
  "credential_file",
  "qr_file",
  "certificate_file",
  "eml_file",
];

async function writeAll(
  deliveries: Delivery[],
  options: DeliverOptions,
  dir: string,
): Promise<RunResult> {
  if (options.dryRun === true) {
    const lines = deliveries.map((d) => ({
      ...lineOf(d),
      reason: `dry run: ${join(dir, `${d.id}.eml`)} would be written`,
    }));
    return { lines, journal: null, mailMerge: null, resumed: false, stoppedBy: null };
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  options.onEvent?.({
    type: "planned",
    mode: "eml",
    total: deliveries.length,
    toSend: deliveries.length,
    resumed: false,
  });
  const lines: DeliveryLine[] = [];
  const rows: string[][] = [];
  for (const delivery of deliveries) {
    const messageId = `<${delivery.credentialId.replace(/^urn:uuid:/, "")}@${senderDomain(options.message.from)}>`;
    const share = await options.share?.(delivery);
    const certificate = await options.certificate?.(delivery, share);
    const message = composeMessage(delivery, options.message, messageId, share, certificate);
    const eml = join(dir, `${delivery.id}.eml`);
    await writeFileAtomic(eml, await renderMessage(message));
    let pdf = "";
    if (certificate !== undefined) {
      pdf = join(dir, `${delivery.id}.certificate.pdf`);
      await writeFileAtomic(pdf, certificate);
    }
    let qr = "";
    if (share?.qrPng !== undefined) {
      qr = join(dir, `${delivery.id}.share-qr.png`);
      await writeFileAtomic(qr, share.qrPng);
    }
    rows.push([
      delivery.id,
      delivery.to.email,
      delivery.holderName ?? "",
      String(message.subject),
      share?.link ?? "",
      delivery.file,
      qr,
      pdf,
      eml,
    ]);
    const line: DeliveryLine = {
      ...lineOf(delivery),
      state: "written",
      messageId,
      eml,
    };
    if (share !== undefined) line.shareLink = share.link;
    lines.push(line);
    options.onEvent?.({
      type: "progress",
      done: lines.length,
      total: deliveries.length,
      id: delivery.id,
      state: "written",
    });
  }
  const mailMerge = join(dir, MAIL_MERGE_FILE);
  const csv = [MAIL_MERGE_COLUMNS, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n");
  await writeFileAtomic(mailMerge, `${csv}\r\n`, { durable: true });
  return { lines, journal: null, mailMerge, resumed: false, stoppedBy: null };
}

/** The domain of the sender's address: Message-IDs are made under it. */
function senderDomain(from: string): string {
  return /@([^\s>]+)/.exec(from)?.[1] ?? "credanchor.invalid";
}

function csvCell(value: string): string {
  // A leading =, +, - or @ would be a formula to a spreadsheet opening the mail merge.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
