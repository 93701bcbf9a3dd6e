// The claim digest: what a credential commits to for one claim. A salted hash of the claim's
// JSON Pointer and its RFC 8785 value, so a hidden claim reveals neither its value nor allows
// it to be moved to another place in the document.
//
//   claimDigest = keccak256( salt[16] || uint32be(len(pointer)) || pointer || JCS(value) )
//
// Fixed-size salt, length-prefixed pointer and the value as the remainder make the encoding
// unambiguous; Solidity reproduces it as
// keccak256(abi.encodePacked(bytes16 salt, uint32(bytes(pointer).length), pointer, value)).

import type { Hex } from "viem";
import { bytesToHex, hexToBytes } from "../hash/hex.ts";
import { keccak256 } from "../hash/keccak256.ts";
import { canonicalJson } from "./canonicalJson.ts";
import { SALT_BYTES } from "./constants.ts";
import { ClaimEncodingError } from "./errors.ts";
import { utf8Bytes } from "./text.ts";
import type { JsonPointer } from "./types.ts";

const SALT_HEX = /^0x[0-9a-f]{32}$/;
const DIGEST_HEX = /^0x[0-9a-f]{64}$/;

export function isSalt(value: unknown): value is Hex {
  return typeof value === "string" && SALT_HEX.test(value);
}

export function isDigest(value: unknown): value is Hex {
  return typeof value === "string" && DIGEST_HEX.test(value);
}

/** The exact bytes hashed into a claim digest (exported for test vectors and other verifiers). */
export function encodeClaimPreimage(salt: Hex, pointer: JsonPointer, value: unknown): Uint8Array {
  if (!isSalt(salt)) {
    throw new ClaimEncodingError(
      pointer,
      `salt must be 0x and ${SALT_BYTES * 2} lowercase hex digits`,
    );
  }
  return claimPreimage(
    hexToBytes(salt.slice(2)),
    utf8Bytes(pointer),
    utf8Bytes(canonicalJson(value)),
  );
}

/** salt ‖ uint32be(len(pointer)) ‖ pointer ‖ canonical value, from their bytes. */
export function claimPreimage(
  salt: Uint8Array,
  pointer: Uint8Array,
  canonicalValue: Uint8Array,
): Uint8Array {
  const preimage = new Uint8Array(SALT_BYTES + 4 + pointer.length + canonicalValue.length);
  preimage.set(salt, 0);
  new DataView(preimage.buffer).setUint32(SALT_BYTES, pointer.length);
  preimage.set(pointer, SALT_BYTES + 4);
  preimage.set(canonicalValue, SALT_BYTES + 4 + pointer.length);
  return preimage;
}

/** keccak256 of the claim preimage, as 0x-prefixed lowercase hex. */
export function claimDigest(salt: Hex, pointer: JsonPointer, value: unknown): Hex {
  return `0x${bytesToHex(keccak256(encodeClaimPreimage(salt, pointer, value)))}`;
}
