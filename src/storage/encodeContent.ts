// Bytes -> blocks -> CID, one way for every store, so the same bytes get the same CID in the
// embedded node, in Kubo and behind any gateway. The layout is what
// `ipfs add --cid-version 1 --raw-leaves` makes on a default Kubo: CIDv1, sha2-256, 256 KiB
// fixed-size chunks as raw blocks, a balanced tree of dag-pb UnixFS file nodes with at most 174
// links each, and content that fits one chunk stored as that single raw block (every credential
// envelope). Stores upload these blocks as they are, so no store's own import settings can
// change a CID.
import { importByteStream, importBytes } from "ipfs-unixfs-importer";
import { fixedSize } from "ipfs-unixfs-importer/chunker";
import { balanced } from "ipfs-unixfs-importer/layout";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { sha256 } from "multiformats/hashes/sha2";

export interface ContentLayout {
  /** Bytes per leaf block. */
  chunkSize: number;
  /** Links per dag-pb node before the balanced tree grows a level. */
  maxLinksPerNode: number;
}

/** Kubo's default file layout, with CIDv1 and raw leaves. */
export const CONTENT_LAYOUT: Readonly<ContentLayout> = Object.freeze({
  chunkSize: 262_144,
  maxLinksPerNode: 174,
});

/** Receives each block of the encoded content, leaves first, root last. */
export type BlockSink = (cid: CID, bytes: Uint8Array) => Promise<void>;

export async function encodeContent(
  content: Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  sink: BlockSink,
  layout: ContentLayout = CONTENT_LAYOUT,
): Promise<CID> {
  if (content instanceof Uint8Array && content.byteLength <= layout.chunkSize) {
    // One chunk: the importer would make exactly this raw block; skip its machinery.
    const cid = CID.createV1(raw.code, await sha256.digest(content));
    await sink(cid, content);
    return cid;
  }
  const blockstore = {
    put: async (cid: CID, bytes: Uint8Array) => {
      await sink(cid, bytes);
      return cid;
    },
  };
  const options = {
    cidVersion: 1 as const,
    rawLeaves: true,
    reduceSingleLeafToSelf: true,
    chunker: fixedSize({ chunkSize: layout.chunkSize }),
    layout: balanced({ maxChildrenPerNode: layout.maxLinksPerNode }),
  };
  const result =
    content instanceof Uint8Array
      ? await importBytes(content, blockstore, options)
      : await importByteStream(content, blockstore, options);
  return result.cid;
}
