// The holder's record of encrypted copies shared from a credential file (`<file>.shares.json`:
// CID, link with its key, the node it went to, the pin asked for), written by `share` and
// `deliver` and read by `unshare`, which takes the copies down and forgets their keys.
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { CredentialFileError } from "./commands/credentialFiles.ts";
import type { StoreOptions } from "./contentStore.ts";

/** One encrypted copy shared, as `<file>.shares.json` keeps it until `unshare`. */
export interface ShareRecord {
  cid: string;
  /** The link, key included: the holder's own record, never published. */
  link: string;
  created: string;
  /** The node the copy went to, as the command was told (the embedded node's folder made absolute). */
  store: { kubo: string } | { ipfsDir: string };
  pinService?: { url: string; requestid: string };
}

/** `S-2.credential.json` → `S-2.credential.shares.json`, beside the credential. */
export function shareRecordFileOf(credentialFile: string): string {
  const ext = path.extname(credentialFile);
  return `${ext === ".json" ? credentialFile.slice(0, -ext.length) : credentialFile}.shares.json`;
}

/** Where a copy stored under `--kubo` / `--ipfs-dir` went, as a record keeps it. */
export function recordedStoreOf(options: StoreOptions): ShareRecord["store"] {
  return options.kubo !== undefined
    ? { kubo: options.kubo }
    : { ipfsDir: path.resolve(options.ipfsDir ?? ".data/ipfs") };
}

export async function readShareRecords(recordFile: string): Promise<ShareRecord[]> {
  let text: string;
  try {
    text = await readFile(recordFile, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  try {
    const records = JSON.parse(text) as unknown;
    if (Array.isArray(records)) return records as ShareRecord[];
  } catch {
    // fall through
  }
  throw new CredentialFileError(
    recordFile,
    "is not a list of shared copies (a .shares.json file): move it aside and run the command again",
  );
}

/** Writes the records (readable by the holder only: the links carry keys); none left, no file. */
export async function writeShareRecords(
  recordFile: string,
  records: readonly ShareRecord[],
): Promise<void> {
  if (records.length === 0) {
    await rm(recordFile, { force: true });
    return;
  }
  await writeFile(recordFile, `${JSON.stringify(records, null, 2)}\n`, { mode: 0o600 });
}

/** Adds `record`, or replaces the one with its CID (the same copy, now pinned). */
export async function saveShareRecord(recordFile: string, record: ShareRecord): Promise<void> {
  const others = (await readShareRecords(recordFile)).filter((r) => r.cid !== record.cid);
  await writeShareRecords(recordFile, [...others, record]);
}

/** Forgets the copy `cid` (its key with it) once it is down. */
export async function forgetShareRecord(recordFile: string, cid: string): Promise<void> {
  const left = (await readShareRecords(recordFile)).filter((r) => r.cid !== cid);
  await writeShareRecords(recordFile, left);
}
