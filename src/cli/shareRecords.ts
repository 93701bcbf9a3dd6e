// The holder's record of encrypted copies shared from a credential file (`<file>.shares.json`:
// CID, link with its key, the node it went to, the pin asked for), written by `share` and
// `deliver` and read by `unshare`, which takes the copies down and forgets their keys.
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { PinningServiceClient } from "../storage/index.ts";
import { CredentialFileError } from "./commands/credentialFiles.ts";
import { openContentStore, type StoreOptions } from "./contentStore.ts";

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

/** A shared copy taken down: the node it came off and how many pin requests were deleted. */
export interface TakenDownShare {
  cid: string;
  store: string;
  pinsDeleted: number;
}

/**
 * Takes the copies `cids` down (deletes them from the node each went to, or from `storeOverride`
 * when the command names one; deletes their pins on `services`) and forgets each key once its
 * copy is down, one at a time, so a failure part way keeps the rest for a rerun.
 */
export async function takeDownShares(
  recordFile: string,
  cids: readonly string[],
  options: {
    storeOverride?: StoreOptions;
    services: readonly { url: string; client: PinningServiceClient }[];
  },
): Promise<TakenDownShare[]> {
  const records = await readShareRecords(recordFile);
  const stores = new Map<string, Awaited<ReturnType<typeof openContentStore>>>();
  const storeFor = async (cid: string) => {
    const recorded = records.find((r) => r.cid === cid)?.store;
    const where: StoreOptions = options.storeOverride ?? recorded ?? {};
    const key = JSON.stringify([where.kubo, where.ipfsDir]);
    let store = stores.get(key);
    if (store === undefined) {
      store = await openContentStore({
        ...(where.kubo === undefined ? {} : { kubo: where.kubo }),
        ...(where.ipfsDir === undefined ? {} : { ipfsDir: where.ipfsDir }),
      });
      stores.set(key, store);
    }
    return store;
  };
  const done: TakenDownShare[] = [];
  try {
    for (const cid of cids) {
      const store = await storeFor(cid);
      if (store.remove !== undefined) await store.remove(cid);
      else await store.unpin(cid);
      let pinsDeleted = 0;
      for (const service of options.services) {
        for (const pin of await service.client.findPins(cid)) {
          await service.client.removePin(pin.requestid);
          pinsDeleted += 1;
        }
      }
      done.push({ cid, store: store.label, pinsDeleted });
      await forgetShareRecord(recordFile, cid);
    }
  } finally {
    await Promise.all([...stores.values()].map((store) => store.close()));
  }
  return done;
}
