// A Kubo node (or any service speaking its RPC API) as a content store, through kubo-rpc-client.
// Deliberately thin: six endpoints (block/put, block/get, block/stat, block/rm, pin/add, pin/rm). Blocks
// are encoded here and uploaded as they are, so CIDs never depend on the node's import settings
// (chunker, Import.UnixFSFileMaxLinks, profiles); reads fetch block by block and check each one,
// so the node is not trusted either.
import { create, type KuboRPCClient } from "kubo-rpc-client";
import type { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import type {
  ContentStore,
  PutOptions,
  ReadOptions,
  RemovedContent,
  WriteOptions,
} from "./contentStore.ts";
import { encodeContent } from "./encodeContent.ts";
import { ContentIntegrityError, ContentNotFoundError, StoreUnreachableError } from "./errors.ts";
import { listBlocks } from "./listBlocks.ts";
import { parseCid } from "./parseCid.ts";
import { readContent } from "./readContent.ts";

export interface KuboStoreOptions {
  /** RPC base URL, e.g. "http://127.0.0.1:5001" (the /api/v0 path is added). */
  url: string | URL;
  /** Authorization header value for RPC services behind auth, e.g. "Bearer <token>". */
  authorization?: string;
  /** Longest wait for one RPC call (default 30 s); a get may ask the node to search the network. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function createKuboStore(
  options: KuboStoreOptions,
): ContentStore & Required<Pick<ContentStore, "remove">> {
  const url = new URL(options.url);
  url.username = "";
  url.password = "";
  const label = `Kubo RPC at ${url.origin}${url.pathname === "/" ? "" : url.pathname}`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client: KuboRPCClient = create({
    url: new URL(options.url),
    headers: options.authorization === undefined ? {} : { authorization: options.authorization },
  });

  // Runs one RPC call under the timeout and turns transport failures into typed errors.
  const call = async <T>(
    cid: CID,
    signal: AbortSignal | undefined,
    fn: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> => {
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      return await fn(signal === undefined ? timeout : AbortSignal.any([signal, timeout]));
    } catch (err) {
      if (signal?.aborted) throw err;
      const id = cid.toString();
      if (timeout.aborted || (err as Error).name === "TimeoutError") {
        throw new StoreUnreachableError(
          id,
          label,
          "timeout",
          `no answer within ${timeoutMs} ms`,
          { timeoutMs },
          { cause: err },
        );
      }
      const response = (err as { response?: Response }).response;
      if (response === undefined) {
        throw new StoreUnreachableError(
          id,
          label,
          "connection",
          describeFetchError(err),
          {},
          { cause: err },
        );
      }
      const message = (err as Error).message;
      if (/not found|could not find/i.test(message)) {
        throw new ContentNotFoundError(id, label, { response: message });
      }
      throw new StoreUnreachableError(
        id,
        label,
        "http",
        `HTTP ${response.status}: ${message}`,
        { status: response.status },
        { cause: err },
      );
    }
  };

  const pin = async (input: CID | string, writeOptions: WriteOptions = {}): Promise<void> => {
    const cid = parseCid(input, label);
    await call(cid, writeOptions.signal, (signal) =>
      client.pin.add(cid, { signal, recursive: true }),
    );
  };

  const hasBlock = async (cid: CID, signal?: AbortSignal): Promise<boolean> => {
    try {
      // offline: ask about the node's own blockstore, not the network.
      await call(cid, signal, (s) =>
        client.block.stat(cid, { signal: s, ...({ offline: true } as object) }),
      );
      return true;
    } catch (err) {
      if (err instanceof ContentNotFoundError) return false;
      throw err;
    }
  };

  /** Drops the recursive pin on `cid`; false when it had none (or only an indirect one). */
  const unpinDirect = async (cid: CID, signal?: AbortSignal): Promise<boolean> =>
    call(cid, signal, async (s) => {
      try {
        await client.pin.rm(cid, { signal: s, recursive: true });
        return true;
      } catch (err) {
        // Kubo answers "not pinned or pinned indirectly": already the state we want.
        const answered = (err as { response?: Response }).response !== undefined;
        if (answered && /not pinned/i.test((err as Error).message)) return false;
        throw err;
      }
    });

  return {
    label,

    async put(bytes: Uint8Array, putOptions: PutOptions = {}): Promise<CID> {
      const cid = await encodeContent(bytes, async (blockCid, block) => {
        const stored = await call(blockCid, putOptions.signal, (signal) =>
          client.block.put(block, {
            signal,
            mhtype: "sha2-256",
            // kubo-rpc-client sends unknown options as query parameters, kebab-cased.
            ...({ cidCodec: blockCid.code === raw.code ? "raw" : "dag-pb" } as object),
          }),
        );
        if (!stored.toV1().equals(blockCid)) {
          throw new ContentIntegrityError(
            blockCid.toString(),
            label,
            `it stored the block as ${stored}`,
          );
        }
      });
      if (putOptions.pin === true) await pin(cid, putOptions);
      return cid;
    },

    async get(input: CID | string, readOptions: ReadOptions = {}): Promise<Uint8Array> {
      const cid = parseCid(input, label);
      return readContent(
        cid,
        (blockCid, signal) => call(cid, signal, (s) => client.block.get(blockCid, { signal: s })),
        { store: label, signal: readOptions.signal, maxBytes: readOptions.maxBytes },
      );
    },

    async has(input: CID | string, readOptions: ReadOptions = {}): Promise<boolean> {
      return hasBlock(parseCid(input, label), readOptions.signal);
    },

    pin,

    async unpin(input: CID | string, writeOptions: WriteOptions = {}): Promise<void> {
      await unpinDirect(parseCid(input, label), writeOptions.signal);
    },

    async remove(input: CID | string, writeOptions: WriteOptions = {}): Promise<RemovedContent> {
      const cid = parseCid(input, label);
      const signal = writeOptions.signal;
      // The blocks are listed before unpinning: Kubo's garbage collector may take them after.
      const blocks = await listBlocks(
        cid,
        async (blockCid) => {
          try {
            return await call(cid, signal, (s) => client.block.get(blockCid, { signal: s }));
          } catch (err) {
            if (err instanceof ContentNotFoundError) return undefined;
            throw err;
          }
        },
        (blockCid) => hasBlock(blockCid, signal),
      );
      const unpinned = await unpinDirect(cid, signal);
      let blocksDeleted = 0;
      let blocksKept = 0;
      let blocksMissing = blocks.missing.length;
      for (const blockCid of blocks.held) {
        const results = await call(cid, signal, async (s) => {
          const answers: Array<{ error?: Error }> = [];
          for await (const answer of client.block.rm(blockCid, { signal: s })) answers.push(answer);
          return answers;
        });
        const error = results[0]?.error?.message;
        if (error === undefined) blocksDeleted++;
        // Kubo refuses a block other pins need ("pinned: recursive", "pinned via ...").
        else if (/pinned/i.test(error)) blocksKept++;
        else if (/not found|could not find/i.test(error)) blocksMissing++;
        else throw new StoreUnreachableError(cid.toString(), label, "http", error);
      }
      return {
        cid: cid.toString(),
        store: label,
        unpinned,
        blocksDeleted,
        blocksKept,
        blocksMissing,
      };
    },

    async close(): Promise<void> {},
  };
}

function describeFetchError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}
