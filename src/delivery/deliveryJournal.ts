// The delivery journal, <out>/delivery.jsonl: one JSON line per step, flushed to disk
// (fdatasync) before the step is acted on, like the issue run's journal. "sending" is written
// before a message is handed to the mail server and "sent" or "failed" after its answer, so a
// rerun knows each graduate's state: sent (never again), failed (send again), or uncertain (a
// "sending" with no answer: the process died or the connection dropped while the server had the
// message; it is never sent again on its own, since it may have arrived). A line cut short by a
// kill is dropped on open.
import { type FileHandle, open } from "node:fs/promises";
import { join } from "node:path";
import { CredanchorError } from "../errors.ts";
import { readJournalLines } from "../issuer/index.ts";

export const DELIVERY_JOURNAL_FILE = "delivery.jsonl";

interface Addressed {
  /** The holder file's id. */
  id: string;
  credentialId: string;
  to: string;
  messageId: string;
  /** The share link the message carries (its copy's key included: the folder is private). */
  shareLink?: string;
}

export type DeliveryJournalEntry =
  | ({ step: "sending"; at: string } & Addressed)
  | ({ step: "sent"; at: string; response: string } & Addressed)
  | ({ step: "failed"; at: string; response: string } & Addressed)
  /** The registrar asked for this graduate to be mailed again (--resend). */
  | { step: "resend"; at: string; id: string };

export type NewDeliveryJournalEntry = DeliveryJournalEntry extends infer E
  ? E extends DeliveryJournalEntry
    ? Omit<E, "at">
    : never
  : never;

/** Where a graduate stands, from the journal. */
export type JournaledState =
  | { state: "sent"; entry: Extract<DeliveryJournalEntry, { step: "sent" }> }
  | { state: "failed"; entry: Extract<DeliveryJournalEntry, { step: "failed" }> }
  | { state: "uncertain"; entry: Extract<DeliveryJournalEntry, { step: "sending" }> };

export class DeliveryJournal {
  readonly file: string;
  /** Undefined when opened to read only (a dry run). */
  private readonly handle: FileHandle | undefined;
  private readonly last = new Map<string, DeliveryJournalEntry>();
  readonly resumed: boolean;

  private constructor(
    file: string,
    handle: FileHandle | undefined,
    entries: DeliveryJournalEntry[],
  ) {
    this.file = file;
    this.handle = handle;
    for (const entry of entries) this.last.set(entry.id, entry);
    this.resumed = entries.length > 0;
  }

  /** Opens (or creates) the journal of `outDir`; `readOnly` changes nothing on disk. */
  static async open(
    outDir: string,
    options: { readOnly?: boolean } = {},
  ): Promise<DeliveryJournal> {
    const file = join(outDir, DELIVERY_JOURNAL_FILE);
    const entries = await readEntries(file, options.readOnly !== true);
    if (options.readOnly === true) return new DeliveryJournal(file, undefined, entries);
    const handle = await open(file, "a", 0o600);
    await handle.chmod(0o600); // it holds the graduates' addresses
    return new DeliveryJournal(file, handle, entries);
  }

  /** The graduate's state, or undefined when nothing was ever sent (or a resend was asked). */
  stateOf(id: string): JournaledState | undefined {
    const entry = this.last.get(id);
    switch (entry?.step) {
      case "sent":
        return { state: "sent", entry };
      case "failed":
        return { state: "failed", entry };
      case "sending":
        return { state: "uncertain", entry };
      default:
        return undefined;
    }
  }

  /** Appends one entry and waits until it is on disk. */
  async append(entry: NewDeliveryJournalEntry): Promise<void> {
    const full = { ...entry, at: new Date().toISOString() } as DeliveryJournalEntry;
    if (this.handle === undefined) throw new Error(`${this.file} was opened to read only`);
    await this.handle.write(`${JSON.stringify(full)}\n`);
    await this.handle.datasync();
    this.last.set(full.id, full);
  }

  async close(): Promise<void> {
    await this.handle?.close();
  }
}

async function readEntries(file: string, repair: boolean): Promise<DeliveryJournalEntry[]> {
  const lines = await readJournalLines(file, { repair });
  const entries = lines.map((line, i) => {
    try {
      const entry = JSON.parse(line) as DeliveryJournalEntry;
      if (typeof entry?.step !== "string" || typeof entry.id !== "string") {
        throw new Error("not a delivery journal entry");
      }
      return entry;
    } catch (error) {
      throw new CredanchorError(
        "JOURNAL_CORRUPT",
        `${file}: line ${i + 1} is not a delivery journal entry (${(error as Error).message}); it was edited or damaged. Move it aside only if you know from the mail server's log who was already mailed.`,
        { file, line: i + 1 },
      );
    }
  });
  return entries;
}
