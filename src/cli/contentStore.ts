// The content store a command puts content on: the embedded IPFS node or a Kubo node. `issue` keeps
// its embedded node under its output folder (beside the holder files whose bodies it holds); a
// command that records a file's CID (evidence, body metadata) uses .data/ipfs in the current
// folder. Helia and the Kubo client load only when a store is actually opened.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { CredanchorError } from "../errors.ts";
import { type ContentStore, DEFAULT_MAX_CONTENT_BYTES } from "../storage/contentStore.ts";
import type { ContentArgument, RecordedContent } from "./commands/args.ts";

/** Where files given for evidence or metadata are stored (the store `issue` uses). */
export interface StoreOptions {
  ipfsDir?: string;
  kubo?: string;
}

/** The embedded node's folder under an `issue` output folder when --ipfs-dir does not say. */
export const ISSUE_STORE_DIR = "ipfs";

/**
 * The store options of an `issue` run into `outDir`: --kubo or --ipfs-dir as given, else the
 * embedded node in `<outDir>/ipfs`, so a run leaves nothing in the current folder.
 */
export function issueStoreOptions(options: StoreOptions, outDir: string): StoreOptions {
  if (options.kubo !== undefined || options.ipfsDir !== undefined) return options;
  return { ipfsDir: join(outDir, ISSUE_STORE_DIR) };
}

/** Adds the content-store options to a command that may store a file. */
export function addStoreOptions(command: Command): Command {
  return command
    .option(
      "--ipfs-dir <dir>",
      "data folder of the embedded IPFS node that stores a file given above (default: .data/ipfs; offline: pin the CID on a public node for others to read it)",
    )
    .option(
      "--kubo <url>",
      "store a file given above on a Kubo node's RPC API instead, e.g. http://127.0.0.1:5001",
    );
}

/** The embedded IPFS node (default) or a Kubo node, as `--ipfs-dir` / `--kubo` choose. */
export async function openContentStore(options: StoreOptions): Promise<ContentStore> {
  if (options.kubo !== undefined) {
    const { createKuboStore } = await import("../storage/kuboStore.ts");
    return createKuboStore({ url: options.kubo });
  }
  const { createEmbeddedStore } = await import("../storage/embeddedStore.ts");
  return createEmbeddedStore(options.ipfsDir === undefined ? {} : { directory: options.ipfsDir });
}

/**
 * Stores each file argument (pinned, as-is: nothing is encrypted) and returns every argument as
 * the CID to record, in order. The store is opened only when there is a file, and closed after.
 */
export async function storeContent(
  contents: readonly ContentArgument[],
  options: StoreOptions,
): Promise<RecordedContent[]> {
  for (const c of contents) {
    if (c.kind === "file" && c.size > DEFAULT_MAX_CONTENT_BYTES) {
      throw new CredanchorError(
        "FILE_TOO_LARGE",
        `${c.option} ${c.file} is ${c.size} bytes; readers refuse content over ${DEFAULT_MAX_CONTENT_BYTES} bytes: store a smaller file (a summary, or the report without annexes).`,
        { option: c.option, file: c.file, size: c.size },
      );
    }
  }
  let store: ContentStore | undefined;
  try {
    const recorded: RecordedContent[] = [];
    for (const c of contents) {
      if (c.kind === "cid") {
        recorded.push({ cid: c.cid, cidBytes: c.cidBytes, file: null, store: null });
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = await readFile(c.file);
      } catch (error) {
        throw new CredanchorError(
          "FILE_UNREADABLE",
          `${c.option} ${c.file} could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): check it is still there and readable.`,
          { option: c.option, file: c.file },
          { cause: error },
        );
      }
      store ??= await openContentStore(options);
      const cid = await store.put(bytes, { pin: true });
      recorded.push({
        cid: cid.toString(),
        cidBytes: `0x${Buffer.from(cid.bytes).toString("hex")}`,
        file: c.file,
        store: store.label,
      });
    }
    return recorded;
  } finally {
    await store?.close();
  }
}
