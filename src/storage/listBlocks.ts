// The blocks of one content as a store holds them, for taking it down block by block: the root and,
// for chunked UnixFS content, every block it links to, each once. Only what the store has locally
// is walked (a missing dag-pb node hides its children, which are then missing too or reachable
// only through other content); nothing is fetched from the network. Bytes are not checked against
// their CIDs here: the walk only decides what to delete, and deleting a block by its CID is safe
// whatever bytes sit under it.
import * as dagPb from "@ipld/dag-pb";
import type { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";

/** A block's bytes from the store itself, or undefined when it does not hold it. */
export type LocalBlockLoader = (cid: CID) => Promise<Uint8Array | undefined>;

export interface ContentBlocks {
  /** Blocks the store holds, root first, each once. */
  held: CID[];
  /** Blocks named by the content (or its root) that the store does not hold. */
  missing: CID[];
}

export async function listBlocks(
  root: CID,
  loadBlock: LocalBlockLoader,
  hasBlock: (cid: CID) => Promise<boolean>,
): Promise<ContentBlocks> {
  const held: CID[] = [];
  const missing: CID[] = [];
  const seen = new Set<string>();
  const visit = async (cid: CID): Promise<void> => {
    const key = cid.toString();
    if (seen.has(key)) return;
    seen.add(key);
    if (cid.code === raw.code) {
      // A raw leaf links to nothing: whether the store has it is all that matters.
      ((await hasBlock(cid)) ? held : missing).push(cid);
      return;
    }
    const block = await loadBlock(cid);
    if (block === undefined) {
      missing.push(cid);
      return;
    }
    held.push(cid);
    let links: CID[] = [];
    try {
      links = dagPb.decode(block).Links.map((link) => link.Hash);
    } catch {
      // Not a dag-pb node after all: nothing below it to take down.
    }
    for (const link of links) await visit(link);
  };
  await visit(root);
  return { held, missing };
}
