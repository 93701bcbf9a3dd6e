// Erasure after issuing: for some or all credentials of an output folder, take their encrypted
// copies down from where the issuer put them (unpin and delete the blocks on the embedded node or
// Kubo, delete the pin requests on a remote pinning service) and then remove their keys from the
// issuer's copies of the holder files (or the files). Copies come down before keys go, so a run
// stopped half way leaves every key whose copy may still be up, and running it again finishes.
// It cannot reach what others keep: holders' files, peers' and gateways' caches, and the public
// batch manifest and on-chain root, which hold salted digests only and are left alone on purpose.
import { readdir, readFile, rm } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { type AnyCredanchorCredential, parseCredentialJson } from "../credential/index.ts";
import { CredanchorError } from "../errors.ts";
import type { ContentStore, RemovedContent } from "../storage/contentStore.ts";
import type { PinningServiceClient } from "../storage/pinningService.ts";
import {
  isTemporaryName,
  removeTemporaryFiles,
  syncDirectory,
  writeFileAtomic,
} from "./atomicFile.ts";
import { CREDENTIAL_SUFFIX } from "./holderFiles.ts";
import { CREDENTIALS_DIR, STAGING_DIR } from "./issueCredentials.ts";
import { JOURNAL_FILE } from "./journal.ts";
import { lockOutput } from "./outputLock.ts";

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

export type StoreTakedown =
  | ({ action: "removed" } & Omit<RemovedContent, "cid">)
  /** A store that can only unpin (no `remove`): its garbage collection deletes the blocks. */
  | { action: "unpinned"; store: string }
  | { action: "would-remove"; store: string; held: boolean };

export interface PinTakedown {
  service: string;
  action: "removed" | "would-remove";
  /** The pin requests for the CID found on the service (all deleted unless a dry run). */
  requestIds: string[];
}

export interface ShreddedCredential {
  credentialId: string;
  /** The issuer's copy of the holder file. */
  file: string;
  /** What named it: a file, an id, or --all. */
  source: string;
  /** The encrypted copy's CID; null when the file records none (shredded before). */
  cid: string | null;
  state: "shredded" | "would-shred" | "no-copy-recorded";
  stores: StoreTakedown[];
  pinningServices: PinTakedown[];
  /** Files the key was removed from (or would be). */
  keyRemovedFrom: string[];
  /** The issuer's copy was deleted (or would be), with --delete-files. */
  fileDeleted: boolean;
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

/** Bad input to shred: nothing was changed. */
export class ShredInputError extends CredanchorError {
  override readonly name = "ShredInputError";
  declare readonly code:
    | "CREDENTIAL_FILE_INVALID"
    | "CREDENTIAL_NOT_FOUND"
    | "OUTPUT_FOLDER_INVALID"
    | "RUN_INCOMPLETE"
    | "SHRED_TARGET_MISSING";
}

interface Target {
  file: string;
  source: string;
  credential: AnyCredanchorCredential;
}

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
    const targets = await resolveTargets(options, outDir, credentialsDir);
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
  targets: readonly Target[],
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
        results[i] = await shredOne(targets[i]!, options, dryRun);
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

async function shredOne(
  target: Target,
  options: ShredOptions,
  dryRun: boolean,
): Promise<ShreddedCredential> {
  const copy = anchorProofOf(target.credential).encryptedCopy;
  const done: ShreddedCredential = {
    credentialId: target.credential.id,
    file: target.file,
    source: target.source,
    cid: copy?.cid ?? null,
    state: dryRun ? "would-shred" : "shredded",
    stores: [],
    pinningServices: [],
    keyRemovedFrom: [],
    fileDeleted: false,
  };
  if (copy === undefined && options.deleteFiles !== true) {
    done.state = "no-copy-recorded";
    return done;
  }
  const signal = options.signal;
  if (copy !== undefined) {
    for (const store of options.stores ?? []) {
      done.stores.push(await takeDown(store, copy.cid, dryRun, signal));
    }
    for (const service of options.pinningServices ?? []) {
      const pins = await service.findPins(copy.cid, { signal });
      if (!dryRun) for (const pin of pins) await service.removePin(pin.requestid, { signal });
      done.pinningServices.push({
        service: service.label,
        action: dryRun ? "would-remove" : "removed",
        requestIds: pins.map((pin) => pin.requestid),
      });
    }
  }
  if (options.deleteFiles === true) {
    if (!dryRun) await rm(target.file, { force: true });
    done.fileDeleted = true;
  } else {
    if (!dryRun)
      await writeFileAtomic(target.file, withoutKey(target.credential), { durable: true });
    done.keyRemovedFrom.push(target.file);
  }
  if (copy === undefined) done.state = dryRun ? "would-shred" : "shredded";
  return done;
}

async function takeDown(
  store: ContentStore,
  cid: string,
  dryRun: boolean,
  signal: AbortSignal | undefined,
): Promise<StoreTakedown> {
  if (dryRun) {
    return { action: "would-remove", store: store.label, held: await store.has(cid, { signal }) };
  }
  if (store.remove === undefined) {
    await store.unpin(cid, { signal });
    return { action: "unpinned", store: store.label };
  }
  const { cid: _cid, ...removed } = await store.remove(cid, { signal });
  return { action: "removed", ...removed };
}

/** The anchor proof: a v1 file's one proof, or the first of a v2 file's proof set. */
function anchorProofOf(credential: AnyCredanchorCredential) {
  return Array.isArray(credential.proof) ? credential.proof[0] : credential.proof;
}

/** The holder file's text without its encrypted copy's link and key, as holderFiles.ts writes files. */
function withoutKey(credential: AnyCredanchorCredential): string {
  const { encryptedCopy: _copy, ...anchorProof } = anchorProofOf(credential);
  const proof = Array.isArray(credential.proof)
    ? [anchorProof, ...credential.proof.slice(1)]
    : anchorProof;
  return `${JSON.stringify({ ...credential, proof }, null, 2)}\n`;
}

async function requireOutputFolder(outDir: string, credentialsDir: string): Promise<void> {
  try {
    await readdir(credentialsDir);
  } catch (error) {
    throw new ShredInputError(
      "OUTPUT_FOLDER_INVALID",
      `${outDir} is not an output folder of \`credanchor issue\` (${credentialsDir} cannot be listed: ${(error as NodeJS.ErrnoException).code ?? String(error)}): give the folder passed to issue --out.`,
      { outDir },
    );
  }
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

async function resolveTargets(
  options: ShredOptions,
  outDir: string,
  credentialsDir: string,
): Promise<Target[]> {
  const targets = new Map<string, Target>();
  const add = (target: Target) => {
    if (!targets.has(target.file)) targets.set(target.file, target);
  };
  // Every file is read before anything is changed: one bad file stops the run with nothing done.
  let folder: Map<string, Target> | undefined;
  const issued = async () => {
    folder ??= await readFolder(credentialsDir);
    return folder;
  };
  for (const given of options.files ?? []) {
    const file = resolve(given);
    const credential = await readCredential(file, given);
    const inFolder = relative(credentialsDir, file);
    if (!inFolder.startsWith("..") && !inFolder.includes(sep)) {
      add({ file, source: given, credential });
      continue;
    }
    const own = [...(await issued()).values()].find((t) => t.credential.id === credential.id);
    if (own === undefined) {
      throw new ShredInputError(
        "CREDENTIAL_NOT_FOUND",
        `${given}: credential ${credential.id} was not issued into ${outDir} (no file in ${credentialsDir} has its id): check --out.`,
        { file: given, credentialId: credential.id, outDir },
      );
    }
    add({ ...own, source: given });
  }
  const unknown: string[] = [];
  for (const id of options.ids ?? []) {
    const all = await issued();
    const own =
      all.get(join(credentialsDir, `${id}${CREDENTIAL_SUFFIX}`)) ??
      [...all.values()].find((t) => t.credential.id === id || t.credential.id === `urn:uuid:${id}`);
    if (own === undefined) unknown.push(id);
    else add({ ...own, source: id });
  }
  if (unknown.length > 0) {
    throw new ShredInputError(
      "CREDENTIAL_NOT_FOUND",
      `No credential in ${credentialsDir} has the id ${unknown.join(", ")}: give a row id (the file name before ${CREDENTIAL_SUFFIX}) or a credential id.`,
      { outDir, ids: unknown },
    );
  }
  if (options.all === true) {
    for (const target of (await issued()).values()) add({ ...target, source: "--all" });
  }
  for (const target of targets.values()) {
    const copy = anchorProofOf(target.credential).encryptedCopy;
    if (copy !== undefined && copy.cid === anchorProofOf(target.credential).anchor?.manifestCid) {
      throw new ShredInputError(
        "CREDENTIAL_FILE_INVALID",
        `${target.file}: proof.encryptedCopy.cid is the batch manifest's CID (${copy.cid}), which shred never takes down; the file was altered.`,
        { file: target.file, cid: copy.cid },
      );
    }
  }
  return [...targets.values()];
}

/** Every holder file of the folder, by path, in name order. */
async function readFolder(credentialsDir: string): Promise<Map<string, Target>> {
  const names = (await readdir(credentialsDir))
    .filter((name) => name.endsWith(CREDENTIAL_SUFFIX) && !isTemporaryName(name))
    .sort();
  const found = new Map<string, Target>();
  for (const name of names) {
    const file = join(credentialsDir, name);
    found.set(file, { file, source: "--all", credential: await readCredential(file, file) });
  }
  return found;
}

async function readCredential(file: string, shown: string): Promise<AnyCredanchorCredential> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ShredInputError(
      "CREDENTIAL_FILE_INVALID",
      `${shown}: ${code === "ENOENT" ? "no such file" : `cannot be read (${code ?? String(error)})`}; give a credential file, or its id.`,
      { file: shown },
    );
  }
  let json: unknown;
  try {
    json = parseCredentialJson(text, shown);
  } catch (error) {
    throw new ShredInputError(
      "CREDENTIAL_FILE_INVALID",
      `${(error as Error).message.replace(/\.$/, "")}; nothing was shredded.`,
      { file: shown },
    );
  }
  const doc = json as Record<string, unknown> | null;
  // v1: one proof object; v2: the anchor proof first in the proof set.
  const proof = (Array.isArray(doc?.proof) ? doc.proof[0] : doc?.proof) as
    | Record<string, unknown>
    | undefined;
  if (
    typeof doc !== "object" ||
    doc === null ||
    typeof doc.id !== "string" ||
    typeof doc.credentialStatus !== "object" ||
    typeof proof !== "object" ||
    proof === null
  ) {
    throw new ShredInputError(
      "CREDENTIAL_FILE_INVALID",
      `${shown}: is not a credential file (it has no id, credentialStatus and proof); nothing was shredded.`,
      { file: shown },
    );
  }
  const copy = proof.encryptedCopy as { cid?: unknown } | undefined;
  if (copy !== undefined && (typeof copy !== "object" || typeof copy?.cid !== "string")) {
    throw new ShredInputError(
      "CREDENTIAL_FILE_INVALID",
      `${shown}: proof.encryptedCopy is not {cid, key}; nothing was shredded.`,
      { file: shown, field: "proof.encryptedCopy" },
    );
  }
  return json as AnyCredanchorCredential;
}

function manifestsOf(targets: readonly Target[]): Array<{ cid: string; root: string }> {
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
