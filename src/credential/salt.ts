// Claim salts: 128 bits from a cryptographically secure generator, so a hidden claim's digest
// cannot be matched against guessed values (names, grades, dates are all low-entropy).
import { bytesToHex } from "@noble/hashes/utils.js";
import type { Hex } from "viem";
import { SALT_BYTES } from "./constants.ts";

/** Fills a buffer with random bytes. Defaults to the Web Crypto CSPRNG. */
export type RandomSource = (byteLength: number) => Uint8Array;

export const secureRandom: RandomSource = (byteLength) =>
  globalThis.crypto.getRandomValues(new Uint8Array(byteLength));

/** A fresh 128-bit claim salt as 0x-prefixed lowercase hex. */
export function randomSalt(random: RandomSource = secureRandom): Hex {
  const bytes = random(SALT_BYTES);
  if (bytes.length !== SALT_BYTES) {
    throw new RangeError(`random source returned ${bytes.length} bytes, expected ${SALT_BYTES}`);
  }
  return `0x${bytesToHex(bytes)}`;
}
