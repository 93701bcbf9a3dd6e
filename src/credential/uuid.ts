// UUIDs for credential and achievement ids: random v4 for credentials, name-derived v8
// (RFC 9562 custom layout) for ids that must be the same for every holder of one achievement.

import { bytesToHex } from "../hash/hex.ts";
import { keccak256 } from "../hash/keccak256.ts";
import type { RandomSource } from "../random/index.ts";
import { utf8Bytes } from "./text.ts";

function format(bytes: Uint8Array, version: number): string {
  const b = bytes.slice(0, 16);
  b[6] = (b[6]! & 0x0f) | (version << 4);
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = bytesToHex(b);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `urn:uuid:` + a random version 4 UUID. */
export function randomUuidUrn(random: RandomSource): string {
  const bytes = random(16);
  if (bytes.length !== 16)
    throw new RangeError(`random source returned ${bytes.length} bytes, expected 16`);
  return format(bytes, 4);
}

/** `urn:uuid:` + a version 8 UUID from the first 16 bytes of keccak256 of `name`. */
export function derivedUuidUrn(name: string): string {
  return format(keccak256(utf8Bytes(name)), 8);
}
