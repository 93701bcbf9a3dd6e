// The content store a command records a file's CID on (evidence, body metadata): the embedded
// IPFS node `issue` uses, or a Kubo node. Helia and the Kubo client load only when a file is
// actually stored.
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { CredanchorError } from "../errors.ts";
import { type ContentStore, DEFAULT_MAX_CONTENT_BYTES } from "../storage/contentStore.ts";
import type { ContentArgument, RecordedContent } from "./commands/args.ts";

/** Where files given for evidence or metadata are stored (the store `issue` uses). */
export interface StoreOptions {
  ipfsDir?: string;
  kubo?: string;
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
