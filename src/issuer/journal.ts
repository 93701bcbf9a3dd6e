// The journal of a batch run: one JSON object per line in <out>/journal.jsonl, appended and
// flushed to disk (fdatasync) before the step it records is treated as done. A rerun reads it to
// learn what is done (the index permutation key, built batches and their roots, stored manifests,
// anchor transactions, written files) and carries on from there. A line cut short by a kill is
// dropped on open. A dry run keeps the same entries in memory only (Journal.inMemory).
import { type FileHandle, open } from "node:fs/promises";
import { join } from "node:path";
import type { Address, Hex } from "viem";
import { syncDirectory } from "./atomicFile.ts";
import { JournalError } from "./errors.ts";
import { readJournalLines } from "./journalLines.ts";

export const JOURNAL_FILE = "journal.jsonl";
export const JOURNAL_VERSION = 2;

/** What makes two runs the same run: a rerun resumes only when every field matches. */
export interface RunFingerprint {
  input: { sha256: Hex; bytes: number; format: string };
  mapping: { sha256: Hex } | null;
  chainId: number;
  registry: Address;
  issuer: Address;
  credentialType: string;
  issuerProfile: Record<string, string>;
  batchSize: number;
  skipInvalid: boolean;
  /** The did:key that signs the credentials (its seed is never journaled). */
  signingKey: string;
  /** The folder URL of the batches' status lists. */
  statusBase: string;
}

/** One batch of the run: `count` credentials from the `first`-th valid row on. */
export interface BatchRange {
  batch: number;
  first: number;
  count: number;
}

export type JournalEntry =
  | {
      step: "started";
      version: number;
      at: string;
      /** The input as given on the first run (informational; the sha256 is what counts). */
      inputFile: string;
      run: RunFingerprint;
    }
  | {
      step: "validated";
      at: string;
      rows: number;
      valid: number;
      rejected: number;
      batches: BatchRange[];
      rejectsFile?: string;
    }
  | {
      step: "index-key";
      at: string;
      /**
       * The ChaCha20 key every batch's index permutation comes from (indexPermutation.ts), drawn
       * before the first batch is staged, so a rerun stages a batch with the same indexes.
       */
      key: Hex;
    }
  | {
      step: "built";
      at: string;
      batch: number;
      /** Root of the batch tree over the staged credentials' digests. */
      root: Hex;
      leafCount: number;
      /** Staged credentials (one JSON line each, with body CID and key) and packed digests. */
      staging: string;
      digests: string;
      /** Encrypted bodies put into the content store. */
      bodies: number;
    }
  | { step: "manifest-stored"; at: string; batch: number; root: Hex; manifestCid: string }
  | {
      step: "anchoring";
      at: string;
      batch: number;
      root: Hex;
      /** Block to search for the anchor event from, should this attempt die after sending. */
      fromBlock: string;
      /** The gas estimate and gas price (wei) before sending. */
      gas: string;
      gasPrice?: string;
    }
  | {
      step: "anchored";
      at: string;
      batch: number;
      root: Hex;
      status: "anchored" | "already-anchored";
      txHash: Hex;
      blockNumber: string;
      /** Gas paid by this run's anchor transaction; absent when an earlier attempt anchored. */
      gasUsed?: string;
      anchoredAt: number;
    }
  | {
      step: "signing-key-declared";
      at: string;
      didKey: string;
      txHash: Hex;
      blockNumber: string;
    }
  | { step: "files-written"; at: string; batch: number; files: number }
  | { step: "completed"; at: string };

export type JournalStep = JournalEntry["step"];

/** Entries without their timestamp, as callers append them. */
export type NewJournalEntry = JournalEntry extends infer E
  ? E extends JournalEntry
    ? Omit<E, "at">
    : never
  : never;

export class Journal {
  /** The journal's file; undefined for a journal kept in memory. */
  readonly file: string | undefined;
  readonly entries: JournalEntry[];
  private readonly handle: FileHandle | undefined;

  private constructor(
    file: string | undefined,
    handle: FileHandle | undefined,
    entries: JournalEntry[],
  ) {
    this.file = file;
    this.handle = handle;
    this.entries = entries;
  }

  /** Opens (or creates) the journal of `dir`, dropping a last line cut short by a kill. */
  static async open(dir: string): Promise<Journal> {
    const file = join(dir, JOURNAL_FILE);
    const entries = await readEntries(file);
    const handle = await open(file, "a", 0o600);
    await handle.chmod(0o600); // however it came to exist: its index key undoes the shuffle
    if (entries.length === 0) await syncDirectory(dir);
    return new Journal(file, handle, entries);
  }

  /** A journal that writes nothing: a dry run records its steps for its report only. */
  static inMemory(): Journal {
    return new Journal(undefined, undefined, []);
  }

  /** Appends one entry and waits until it is on disk. */
  async append(entry: NewJournalEntry): Promise<JournalEntry> {
    const full = { ...entry, at: new Date().toISOString() } as JournalEntry;
    if (this.handle !== undefined) {
      await this.handle.write(`${JSON.stringify(full)}\n`);
      await this.handle.datasync();
    }
    this.entries.push(full);
    return full;
  }

  /** The last entry of `step` (for `batch`, when given). */
  find<S extends JournalStep>(
    step: S,
    batch?: number,
  ): Extract<JournalEntry, { step: S }> | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i]!;
      if (entry.step !== step) continue;
      if (batch !== undefined && (entry as { batch?: number }).batch !== batch) continue;
      return entry as Extract<JournalEntry, { step: S }>;
    }
    return undefined;
  }

  async close(): Promise<void> {
    await this.handle?.close();
  }
}

async function readEntries(file: string): Promise<JournalEntry[]> {
  const complete = await readJournalLines(file, { repair: true });
  const entries = complete.map((line, i) => {
    try {
      const entry = JSON.parse(line) as JournalEntry;
      if (typeof entry !== "object" || entry === null || typeof entry.step !== "string") {
        throw new Error("not a journal entry");
      }
      return entry;
    } catch (error) {
      throw new JournalError(
        "JOURNAL_CORRUPT",
        file,
        `line ${i + 1} is not a journal entry (${(error as Error).message}); it was edited or damaged, so this run cannot be resumed safely. Keep the folder for the record and issue into a new --out folder`,
        { line: i + 1 },
      );
    }
  });
  const first = entries[0];
  if (first !== undefined && (first.step !== "started" || first.version !== JOURNAL_VERSION)) {
    throw new JournalError(
      "JOURNAL_CORRUPT",
      file,
      `does not start with a version ${JOURNAL_VERSION} "started" entry; it was written by another tool or version`,
    );
  }
  return entries;
}

/** The fields of `run` that differ from `recorded`, by name. */
export function fingerprintDifferences(recorded: RunFingerprint, run: RunFingerprint): string[] {
  const differences: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(recorded.input, run.input)) differences.push("input file (content or format)");
  if (!same(recorded.mapping, run.mapping)) differences.push("column mapping");
  if (recorded.chainId !== run.chainId) differences.push(`chain (${recorded.chainId})`);
  if (recorded.registry.toLowerCase() !== run.registry.toLowerCase()) {
    differences.push(`registry (${recorded.registry})`);
  }
  if (recorded.issuer.toLowerCase() !== run.issuer.toLowerCase()) {
    differences.push(`issuer (${recorded.issuer})`);
  }
  if (recorded.credentialType !== run.credentialType) {
    differences.push(`credential type (${recorded.credentialType})`);
  }
  if (!same(recorded.issuerProfile, run.issuerProfile)) differences.push("issuer profile");
  if (recorded.batchSize !== run.batchSize) differences.push(`batch size (${recorded.batchSize})`);
  if (recorded.skipInvalid !== run.skipInvalid) differences.push("--skip-invalid");
  if (recorded.signingKey !== run.signingKey) {
    differences.push(`signing key (${recorded.signingKey})`);
  }
  if (recorded.statusBase !== run.statusBase) {
    differences.push(`--status-base (${recorded.statusBase})`);
  }
  return differences;
}
