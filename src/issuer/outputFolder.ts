// The output folder of a run: made for its owner only, locked against a second process, cleared
// of temporary files a kill left, and its journal opened. A folder whose journal records another
// run is refused; one whose run completed gives back that run's report.
import { chmod, mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { removeTemporaryFiles } from "./atomicFile.ts";
import { IssueOptionError, JournalError } from "./errors.ts";
import {
  fingerprintDifferences,
  JOURNAL_VERSION,
  Journal,
  type RunFingerprint,
} from "./journal.ts";
import { lockOutput, type OutputLock } from "./outputLock.ts";
import type { IssueReport } from "./report.ts";

export const CREDENTIALS_DIR = "credentials";
export const STAGING_DIR = ".staging";
export const REPORT_FILE = "report.json";
export const REPORT_TEXT_FILE = "report.txt";

/** Mode of the output folder and its subfolders: only the issuing account may list or enter them. */
const OWNER_ONLY_DIR = 0o700;

export interface OutputDirs {
  outDir: string;
  /** The holder files. */
  credentialsDir: string;
  /** Staging and digest files of built batches, removed when the run completes. */
  stagingDir: string;
}

export interface OpenedOutput {
  dirs: OutputDirs;
  journal: Journal;
  lock: OutputLock;
  /** The journal had entries: this run carries on from an earlier one. */
  resumed: boolean;
  /** The report of the run this folder holds, when it completed. */
  completed: IssueReport | undefined;
}

/** Opens `outDir` for the run of `fingerprint`; the caller closes the journal and the lock. */
export async function openOutput(
  outDir: string,
  inputFile: string,
  fingerprint: RunFingerprint,
): Promise<OpenedOutput> {
  const dirs: OutputDirs = {
    outDir,
    credentialsDir: join(outDir, CREDENTIALS_DIR),
    stagingDir: join(outDir, STAGING_DIR),
  };
  await makePrivateDir(outDir);
  const lock = await lockOutput(outDir);
  let journal: Journal | undefined;
  try {
    await makePrivateDir(dirs.credentialsDir);
    await makePrivateDir(dirs.stagingDir);
    await Promise.all(Object.values(dirs).map(removeTemporaryFiles));
    journal = await Journal.open(outDir);
    const resumed = journal.entries.length > 0;
    if (!resumed) {
      await journal.append({
        step: "started",
        version: JOURNAL_VERSION,
        inputFile,
        run: fingerprint,
      });
      return { dirs, journal, lock, resumed, completed: undefined };
    }
    const differences = fingerprintDifferences(journal.find("started")!.run, fingerprint);
    if (differences.length > 0) {
      throw new JournalError(
        "JOURNAL_MISMATCH",
        journal.file!,
        `records a run with a different ${differences.join(", ")}; this folder belongs to that run. Rerun it with the same input and options to resume it, or issue into a new --out folder`,
        { differences },
      );
    }
    let completed: IssueReport | undefined;
    if (journal.find("completed") !== undefined) {
      await rm(dirs.stagingDir, { recursive: true, force: true }); // if a kill came before it went
      completed = JSON.parse(await readFile(join(outDir, REPORT_FILE), "utf8")) as IssueReport;
    }
    return { dirs, journal, lock, resumed, completed };
  } catch (error) {
    await journal?.close();
    await lock.release();
    throw error;
  }
}

/**
 * Creates `dir` for its owner only (0700), or makes it so when it exists (a folder made
 * beforehand with the usual 0755 would let anyone list the holders' ids). Every file the run
 * writes in it is created 0600 (atomicFile.ts, journal.ts).
 */
async function makePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: OWNER_ONLY_DIR });
  try {
    await chmod(dir, OWNER_ONLY_DIR);
  } catch (error) {
    throw new IssueOptionError(
      "--out",
      `${dir} cannot be made readable by its owner only (${(error as NodeJS.ErrnoException).code}): it holds every graduate's credential and key, so issue into a folder of your own`,
    );
  }
}
