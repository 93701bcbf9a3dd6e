// Erasure after issuing: for some or all credentials of an output folder, take their encrypted
// copies down from where the issuer put them (unpin and delete the blocks on the embedded node or
// Kubo, delete the pin requests on a remote pinning service) and then remove their keys from the
// issuer's copies of the holder files (or the files). Copies come down before keys go, so a run
// stopped half way leaves every key whose copy may still be up, and running it again finishes.
// It cannot reach what others keep: holders' files, peers' and gateways' caches, and the public
// batch manifest and on-chain root, which hold salted digests only and are left alone on purpose.
import { readdir, readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { CredanchorError } from "../errors.ts";
import type { ContentStore } from "../storage/contentStore.ts";
import type { PinningServiceClient } from "../storage/pinningService.ts";
import { removeTemporaryFiles, syncDirectory } from "./atomicFile.ts";
import { CREDENTIALS_DIR, STAGING_DIR } from "./issueCredentials.ts";
import { JOURNAL_FILE } from "./journal.ts";
import { lockOutput } from "./outputLock.ts";
import { type ShreddedCredential, shredCredential } from "./shredCredential.ts";
import {
  anchorProofOf,
  requireOutputFolder,
  resolveShredTargets,
  ShredInputError,
  type ShredTarget,
} from "./shredTargets.ts";

export type { PinTakedown, ShreddedCredential, StoreTakedown } from "./shredCredential.ts";
export { ShredInputError } from "./shredTargets.ts";

export interface ShredOptions {
  /** The issuer's output folder (`credanchor issue --out`). */
  outDir: string;
  /** Credential files: the issuer's copies in <out>/credentials, or any copy of one. */
  files?: readonly string[];
  /** Row ids (the file name before .credential.json) or credential ids (urn:uuid:...). */
  ids?: readonly string[];
  /** Every credential in the output folder. */
  all?: boolean;
  /** Where the encrypted copies were stored: the embedded node or a Kubo node. */
  stores?: readonly ContentStore[];
  /** Remote pinning services the copies were pinned on. */
  pinningServices?: readonly PinningServiceClient[];
  /** Delete the issuer's copies of the holder files instead of removing their keys. */
  deleteFiles?: boolean;
  /** Say what would be done; change nothing (stores and services are only asked). */
  dryRun?: boolean;
  signal?: AbortSignal;
  /** Called after each credential. */
  onProgress?(done: number, total: number): void;
}

/** The report of a shred run, exactly as `credanchor shred --json` prints it. */
export interface ShredReport {
  dryRun: boolean;
  outDir: string;
  credentials: ShreddedCredential[];
  /** Traces of the issue run in the output folder besides the holder files. */
  folder: {
    /** .staging (staged credentials with keys and bodies) left by a completed run, removed. */
    stagingRemoved: string | null;
    /** Temporary files of a killed write (which may hold a key), removed. */
    temporaryFilesRemoved: number;
    /**
     * The journal, kept: roots, manifest CIDs, transactions, counts and the batch-index
     * permutation key; no credential keys and no credential text.
     */
    journalKept: string | null;
  };
  /** Left alone on purpose: the public batch manifests of the shredded credentials. */
  manifestsKept: Array<{ cid: string; root: string }>;
  /** What this command cannot erase, in words. */
  beyondReach: string[];
}

/** Credentials being shredded at once. */
const SHRED_LANES = 8;

export const BEYOND_REACH: readonly string[] = [
  "copies others pinned or cached: IPFS peers that fetched a CID, public gateways and their caches",
  "the holders' own files, which still carry the link and key (and any copy a holder made)",
  "the public batch manifests and on-chain roots: salted digests, no personal data; kept because rebuilding proofs and verifying need them",
  "backups and snapshots of the output folder or the IPFS data folder, and old file contents the file system or disk has not yet overwritten",
];

export async function shredCredentials(options: ShredOptions): Promise<ShredReport> {
  const outDir = resolve(options.outDir);
  const credentialsDir = join(outDir, CREDENTIALS_DIR);
  const dryRun = options.dryRun === true;
  const nothing = (options.files?.length ?? 0) + (options.ids?.length ?? 0) === 0;
  if (options.all === true ? !nothing : nothing) {
    throw new ShredInputError(
      "SHRED_TARGET_MISSING",
      options.all === true
        ? "--all shreds every credential of the folder: give no files or ids with it."
        : "Nothing to shred: give credential files, ids, or --all.",
    );
  }
  await requireOutputFolder(outDir, credentialsDir);
  const lock = dryRun ? undefined : await lockOutput(outDir);
  try {
    const staging = await stagingState(outDir);
    const targets = await resolveShredTargets(options, outDir, credentialsDir);
    const report: ShredReport = {
      dryRun,
      outDir,
      credentials: [],
      folder: {
        stagingRemoved: null,
        temporaryFilesRemoved: 0,
        journalKept: staging.journal,
      },
      manifestsKept: manifestsOf(targets),
      beyondReach: [...BEYOND_REACH],
    };
    report.credentials = await shredAll(targets, options, dryRun, report);
    if (!dryRun) {
      for (const store of options.stores ?? []) await store.compact?.({ signal: options.signal });
      if (staging.leftover !== null) {
        await rm(staging.leftover, { recursive: true, force: true });
        report.folder.stagingRemoved = staging.leftover;
      }
      report.folder.temporaryFilesRemoved =
        (await removeTemporaryFiles(credentialsDir)) + (await removeTemporaryFiles(outDir));
      await syncDirectory(credentialsDir);
    } else {
      report.folder.stagingRemoved = staging.leftover;
    }
    return report;
  } finally {
    await lock?.release();
  }
}

/**
 * Shreds the targets, a few at a time (stores and services over HTTP answer in round trips), in
 * report order. On the first failure no new one starts; the error lists those done.
 */
async function shredAll(
  targets: readonly ShredTarget[],
  options: ShredOptions,
  dryRun: boolean,
  report: ShredReport,
): Promise<ShreddedCredential[]> {
  const results: Array<ShreddedCredential | undefined> = new Array(targets.length);
  let next = 0;
  let finished = 0;
  let failure: unknown;
  const lane = async () => {
    while (failure === undefined && next < targets.length) {
      const i = next++;
      try {
        options.signal?.throwIfAborted();
        results[i] = await shredCredential(targets[i]!, options, dryRun);
      } catch (error) {
        failure ??= error;
        return;
      }
      options.onProgress?.(++finished, targets.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SHRED_LANES, targets.length) }, lane));
  const done = results.filter((r): r is ShreddedCredential => r !== undefined);
  if (failure !== undefined) throw partialFailure(failure, { ...report, credentials: done });
  return done;
}

/**
 * .staging holds every staged credential with its key and body until the run completes. Left by
 * a completed run (killed before it removed it), it goes too; in an unfinished run it is what lets
 * the run resume, so shredding waits until the run is finished.
 */
async function stagingState(
  outDir: string,
): Promise<{ leftover: string | null; journal: string | null }> {
  const stagingDir = join(outDir, STAGING_DIR);
  const journalFile = join(outDir, JOURNAL_FILE);
  const journal = await readFile(journalFile, "utf8").catch(() => undefined);
  const completed =
    journal?.split("\n").some((line) => /^\{"step":"completed"/.test(line)) === true;
  const hasStaging = await readdir(stagingDir).then(
    () => true,
    () => false,
  );
  if (hasStaging && !completed) {
    throw new ShredInputError(
      "RUN_INCOMPLETE",
      `The issue run in ${outDir} has not finished: ${stagingDir} holds its staged credentials with their keys and bodies. Run the same \`credanchor issue\` command again to finish it (it then removes ${STAGING_DIR}), then shred.`,
      { outDir, staging: stagingDir },
    );
  }
  return {
    leftover: hasStaging ? stagingDir : null,
    journal: journal === undefined ? null : journalFile,
  };
}

function manifestsOf(targets: readonly ShredTarget[]): Array<{ cid: string; root: string }> {
  const seen = new Map<string, string>();
  for (const { credential } of targets) {
    const anchor = anchorProofOf(credential).anchor;
    if (anchor?.manifestCid !== undefined) seen.set(anchor.manifestCid, anchor.merkleRoot);
  }
  return [...seen].map(([cid, root]) => ({ cid, root }));
}

/** A failure after some credentials were shredded says which, and how to finish. */
function partialFailure(error: unknown, report: ShredReport): unknown {
  if (!(error instanceof CredanchorError)) return error;
  const done = report.credentials.filter((c) => c.state === "shredded").length;
  const finish = report.dryRun
    ? ""
    : ` ${done} credential(s) were shredded before it; the others keep their keys: run the same command again to finish.`;
  return new CredanchorError(
    error.code,
    `${error.message}${finish}`,
    { ...error.details, shredded: report.credentials },
    { cause: error },
  );
}
