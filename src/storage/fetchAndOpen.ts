// CID + key -> credential bytes, from any store: the bytes are checked against the CID by the
// store, then authenticated and decrypted by the envelope. Pure, like the envelope.
import type { CID } from "multiformats/cid";
import type { ContentSource, ReadOptions } from "./contentStore.ts";
import { openEnvelope } from "./envelope.ts";

export async function fetchAndOpen(
  source: ContentSource,
  cid: CID | string,
  key: Uint8Array,
  options: ReadOptions = {},
): Promise<Uint8Array> {
  const envelope = await source.get(cid, options);
  return openEnvelope(envelope, key, `envelope ${cid.toString()} from ${source.label}`);
}
