// CID -> verified bytes, for every store: fetch the root block, check its hash, and for chunked
// content walk the UnixFS file tree in order, checking every block before its bytes are used.
// The store only supplies `loadBlock`; nothing it returns is trusted. Pure: the browser verifier
// reads through gateways with it.
import * as dagPb from "@ipld/dag-pb";
import { UnixFS } from "ipfs-unixfs";
import type { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { sha256 } from "multiformats/hashes/sha2";
import { DEFAULT_MAX_CONTENT_BYTES } from "./contentStore.ts";
import { ContentIntegrityError, ContentTooLargeError, UnsupportedContentError } from "./errors.ts";

/** Fetches one block's bytes, unverified; may throw the store's own typed errors. */
export type BlockLoader = (cid: CID, signal?: AbortSignal) => Promise<Uint8Array>;

export interface ReadContentOptions {
  store: string;
  signal?: AbortSignal;
  maxBytes?: number;
  /** How many child blocks to fetch at once (default 8). */
  concurrency?: number;
}

/** Whether `bytes` hash to the digest in `cid` (sha2-256, as parseCid guarantees). */
export async function blockMatches(cid: CID, bytes: Uint8Array): Promise<boolean> {
  const digest = await sha256.digest(bytes);
  return equalBytes(digest.digest, cid.multihash.digest);
}

export async function readContent(
  root: CID,
  loadBlock: BlockLoader,
  options: ReadContentOptions,
): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_CONTENT_BYTES;
  const concurrency = options.concurrency ?? 8;
  const rootId = root.toString();
  let total = 0;

  // A file may repeat a chunk (or a subtree): fetch and check each distinct block once.
  const seen = new Map<string, Promise<Uint8Array>>();
  const load = (cid: CID): Promise<Uint8Array> => {
    const key = cid.toString();
    let pending = seen.get(key);
    if (pending === undefined) {
      pending = loadVerified(cid);
      seen.set(key, pending);
    }
    return pending;
  };

  const loadVerified = async (cid: CID): Promise<Uint8Array> => {
    options.signal?.throwIfAborted();
    const bytes = await loadBlock(cid, options.signal);
    if (!(await blockMatches(cid, bytes))) {
      throw new ContentIntegrityError(
        rootId,
        options.store,
        `block ${cid} does not hash to its CID`,
        {
          block: cid.toString(),
        },
      );
    }
    return bytes;
  };

  const account = (bytes: number) => {
    total += bytes;
    if (total > maxBytes) throw new ContentTooLargeError(rootId, options.store, total, maxBytes);
  };

  // Each node yields its file bytes as parts in order; parts are joined once at the end.
  const readNode = async (cid: CID, isRoot: boolean): Promise<Uint8Array[]> => {
    const block = await load(cid);
    if (cid.code === raw.code) {
      account(block.byteLength);
      return [block];
    }
    let node: dagPb.PBNode;
    let unixfs: UnixFS;
    try {
      node = dagPb.decode(block);
      if (node.Data === undefined) throw new Error("dag-pb node without UnixFS data");
      unixfs = UnixFS.unmarshal(node.Data);
    } catch (err) {
      throw new ContentIntegrityError(
        rootId,
        options.store,
        `block ${cid} is not UnixFS: ${(err as Error).message}`,
      );
    }
    if (unixfs.type !== "file" && unixfs.type !== "raw") {
      throw new UnsupportedContentError(rootId, options.store, `UnixFS ${unixfs.type}`);
    }
    if (isRoot) {
      // Refuse early when the file says it is too big; the running total still guards liars.
      const claimed = Number(unixfs.fileSize());
      if (claimed > maxBytes)
        throw new ContentTooLargeError(rootId, options.store, claimed, maxBytes);
    }
    const parts: Uint8Array[] = [];
    if (unixfs.data !== undefined && unixfs.data.byteLength > 0) {
      account(unixfs.data.byteLength);
      parts.push(unixfs.data);
    }
    const children = await mapInOrder(node.Links, concurrency, (link) =>
      readNode(link.Hash, false),
    );
    for (const childParts of children) parts.push(...childParts);
    return parts;
  };

  const parts = await readNode(root, true);
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

async function mapInOrder<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      const i = next++;
      try {
        results[i] = await fn(items[i]!);
      } catch (err) {
        failed = true; // the first error decides; stop starting new fetches
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
