// Turns what a caller hands us (a CID or its string form) into a CID this package can verify:
// raw or dag-pb blocks hashed with sha2-256, which is all `put` ever makes and all `ipfs add`
// makes by default. Anything else is refused up front, naming the input and the store.
import * as dagPb from "@ipld/dag-pb";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { sha256 } from "multiformats/hashes/sha2";
import { InvalidCidError } from "./errors.ts";

export function parseCid(input: CID | string, store: string): CID {
  let cid: CID | null;
  if (typeof input === "string") {
    try {
      cid = CID.parse(input.trim());
    } catch (err) {
      throw new InvalidCidError(input, store, (err as Error).message);
    }
  } else {
    cid = CID.asCID(input);
    if (cid === null) throw new InvalidCidError(String(input), store, "not a CID object");
  }
  if (cid.code !== raw.code && cid.code !== dagPb.code) {
    throw new InvalidCidError(
      cid.toString(),
      store,
      `codec 0x${cid.code.toString(16)} is not raw or dag-pb`,
    );
  }
  if (cid.multihash.code !== sha256.code || cid.multihash.size !== 32) {
    throw new InvalidCidError(cid.toString(), store, "its hash is not a full sha2-256");
  }
  return cid;
}
