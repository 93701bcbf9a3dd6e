// The credential digest: one bytes32 committing to every claim of a credential, disclosed or
// hidden, and to the pointer of each, so the shape of the claim tree is fixed too (a holder can
// neither drop, add, rename nor reorder a hidden claim). The batch leaf is computed from it.
//
//   credentialDigest = keccak256( for each claim, pointers in UTF-8 byte order:
//                                 uint32be(len(pointer)) || pointer || claimDigest[32] )

import type { Hex } from "viem";
import { bytesToHex, hexToBytes } from "../hash/hex.ts";
import { keccak256 } from "../hash/keccak256.ts";
import { ClaimEncodingError } from "./errors.ts";
import { comparePointers } from "./jsonPointer.ts";
import { utf8Bytes } from "./text.ts";
import type { JsonPointer } from "./types.ts";

export type ClaimCommitment = { pointer: JsonPointer; digest: Hex };

/** The exact bytes hashed into a credential digest (exported for test vectors). */
export function encodeCredentialPreimage(claims: readonly ClaimCommitment[]): Uint8Array {
  const sorted = [...claims].sort((a, b) => comparePointers(a.pointer, b.pointer));
  return credentialPreimage(
    sorted.map(({ pointer, digest }, i) => {
      if (i > 0 && sorted[i - 1]!.pointer === pointer)
        throw new ClaimEncodingError(pointer, "appears twice");
      if (typeof digest !== "string" || digest.length !== 66 || !digest.startsWith("0x")) {
        throw new ClaimEncodingError(pointer, "digest must be 0x and 64 lowercase hex digits");
      }
      return { pointer: utf8Bytes(pointer), digest: hexToBytes(digest.slice(2)) };
    }),
  );
}

/** The preimage from claims already in pointer order, as bytes (pointer UTF-8, 32-byte digest). */
export function credentialPreimage(
  sorted: readonly { pointer: Uint8Array; digest: Uint8Array }[],
): Uint8Array {
  let length = 0;
  for (const { pointer } of sorted) length += 4 + pointer.length + 32;
  const preimage = new Uint8Array(length);
  const view = new DataView(preimage.buffer);
  let offset = 0;
  for (const { pointer, digest } of sorted) {
    view.setUint32(offset, pointer.length);
    preimage.set(pointer, offset + 4);
    preimage.set(digest, offset + 4 + pointer.length);
    offset += 4 + pointer.length + 32;
  }
  return preimage;
}

/** keccak256 over all claim commitments in pointer order, as 0x-prefixed lowercase hex. */
export function credentialDigest(claims: readonly ClaimCommitment[]): Hex {
  if (claims.length === 0)
    throw new ClaimEncodingError("", "a credential needs at least one claim");
  return `0x${bytesToHex(keccak256(encodeCredentialPreimage(claims)))}`;
}
