// One credential's erasure: its encrypted copy taken down from every store (unpin and delete the
// blocks, or unpin only where a store cannot delete) and every pinning service (delete each pin
// request for the CID), and only then its key taken out of the issuer's copy of the holder file
// (or the file deleted), so a key never goes while its copy may still be up.
import { rm } from "node:fs/promises";
import type { AnyCredanchorCredential } from "../credential/index.ts";
// Types only: storage/index.ts would load Helia on import, a type import loads nothing.
import type { ContentStore, PinningServiceClient, RemovedContent } from "../storage/index.ts";
import { writeFileAtomic } from "./atomicFile.ts";
import { anchorProofOf, type ShredTarget } from "./shredTargets.ts";

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

/** Where the copies are and what to do with the file: the part of ShredOptions one credential needs. */
export interface TakedownOptions {
  stores?: readonly ContentStore[];
  pinningServices?: readonly PinningServiceClient[];
  deleteFiles?: boolean;
  signal?: AbortSignal;
}

export async function shredCredential(
  target: ShredTarget,
  options: TakedownOptions,
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

/** The holder file's text without its encrypted copy's link and key, as holderFiles.ts writes files. */
function withoutKey(credential: AnyCredanchorCredential): string {
  const { encryptedCopy: _copy, ...anchorProof } = anchorProofOf(credential);
  const proof = Array.isArray(credential.proof)
    ? [anchorProof, ...credential.proof.slice(1)]
    : anchorProof;
  return `${JSON.stringify({ ...credential, proof }, null, 2)}\n`;
}
