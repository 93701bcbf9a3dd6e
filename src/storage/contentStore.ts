// The content-store interface every backend implements: the embedded Helia node, a Kubo node
// over RPC, and (read-only) trustless HTTP gateways. Content is addressed by CIDv1 built the same
// way everywhere (see encodeContent.ts), and every `get` checks the bytes against the CID.
import type { CID } from "multiformats/cid";

export interface ReadOptions {
  signal?: AbortSignal;
  /** Refuse content larger than this many bytes (default 256 MiB). */
  maxBytes?: number;
}

export interface WriteOptions {
  signal?: AbortSignal;
}

export interface PutOptions extends WriteOptions {
  /** Pin the content right away, so garbage collection keeps it. */
  pin?: boolean;
}

/** Read side of a store: all a verifier needs. */
export interface ContentSource {
  /** Names the store in messages, e.g. "Kubo RPC at http://127.0.0.1:5001". */
  readonly label: string;
  /** The content's bytes, verified block by block against `cid`. */
  get(cid: CID | string, options?: ReadOptions): Promise<Uint8Array>;
  /**
   * Whether the store holds the content's root block: a local lookup for the embedded node and
   * Kubo (neither asks the network), a verified fetch of that one block for gateways.
   */
  has(cid: CID | string, options?: ReadOptions): Promise<boolean>;
  close(): Promise<void>;
}

/** A store that also accepts content and keeps it. */
export interface ContentStore extends ContentSource {
  /** Stores the bytes and returns their CID, the same CID every store gives them. */
  put(bytes: Uint8Array, options?: PutOptions): Promise<CID>;
  /**
   * Stores many contents at once, their CIDs in the same order; what `put` gives each. A store
   * implements it where one write for many is cheaper (the embedded node's database); callers
   * fall back to `put` without it.
   */
  putMany?(contents: readonly Uint8Array[], options?: PutOptions): Promise<CID[]>;
  /** Keeps the content and everything it links to. Pinning twice is not an error. */
  pin(cid: CID | string, options?: WriteOptions): Promise<void>;
  /** Lets the content go. Unpinning what is not pinned is not an error. */
  unpin(cid: CID | string, options?: WriteOptions): Promise<void>;
  /**
   * Takes the content down from this store: unpins it and deletes its blocks, except blocks that
   * other pinned content still uses. Removing what the store does not hold is not an error. A
   * store implements it where it can delete blocks (the embedded node, Kubo); without it a caller
   * can only `unpin`.
   */
  remove?(cid: CID | string, options?: WriteOptions): Promise<RemovedContent>;
  /**
   * Makes deletions final in the store's own files, where its database keeps deleted values until
   * it compacts (the embedded node's LevelDB log and tables). Call it once after many `remove`s.
   */
  compact?(options?: WriteOptions): Promise<void>;
}

/** What `remove` did to one content in one store. */
export interface RemovedContent {
  cid: string;
  /** The store's label. */
  store: string;
  /** It was pinned (directly) and is not any more. */
  unpinned: boolean;
  /** Blocks of the content deleted from the store. */
  blocksDeleted: number;
  /** Blocks left in place because other pinned content still uses them. */
  blocksKept: number;
  /** Blocks of the content the store did not hold (never had, or already deleted). */
  blocksMissing: number;
}

export const DEFAULT_MAX_CONTENT_BYTES = 256 * 1024 * 1024;
