// 32-byte values (digests, leaves, roots, proof nodes) between their 0x-hex form and the
// little-endian 32-bit words the JavaScript keccak absorbs, validated in the same pass, and the
// typed errors that name a malformed one. (Whole batches are parsed by the parseHex kernel.)
import type { Hex } from "viem";
import { MerkleBytes32Error, MerkleIndexError } from "./errors.ts";

/** Nibble value of each character code, or -1 for a character that is not a hex digit. */
const NIBBLE = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) NIBBLE[48 + c] = c;
for (let c = 0; c < 6; c++) {
  NIBBLE[65 + c] = 10 + c;
  NIBBLE[97 + c] = 10 + c;
}

const HEX_CHARS = "0123456789abcdef";
const EXPECTED = "must be 32 bytes as 0x and 64 hex digits";
const MAX_UINT256 = (1n << 256n) - 1n;

/**
 * Decodes the 0x-hex `value` straight into eight little-endian 32-bit words (four keccak lanes),
 * with no byte array in between. `field` and `position` name the input in the error thrown for
 * anything but 0x and exactly 64 hex digits (either case).
 */
export function readWords(
  value: unknown,
  words: Uint32Array,
  field: string,
  position?: number,
): void {
  if (typeof value !== "string" || value.length !== 66 || value[0] !== "0" || value[1] !== "x") {
    throw bytes32Error(value, field, position);
  }
  let invalid = 0;
  for (let k = 0, c = 2; k < 8; k++, c += 8) {
    const b0 = ((NIBBLE[value.charCodeAt(c)] ?? -1) << 4) | (NIBBLE[value.charCodeAt(c + 1)] ?? -1);
    const b1 =
      ((NIBBLE[value.charCodeAt(c + 2)] ?? -1) << 4) | (NIBBLE[value.charCodeAt(c + 3)] ?? -1);
    const b2 =
      ((NIBBLE[value.charCodeAt(c + 4)] ?? -1) << 4) | (NIBBLE[value.charCodeAt(c + 5)] ?? -1);
    const b3 =
      ((NIBBLE[value.charCodeAt(c + 6)] ?? -1) << 4) | (NIBBLE[value.charCodeAt(c + 7)] ?? -1);
    // A -1 nibble makes its byte negative; OR-ing keeps the sign until the check below.
    invalid |= b0 | b1 | b2 | b3;
    words[k] = (b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)) >>> 0;
  }
  if (invalid < 0) throw bytes32Error(value, field, position);
}

function bytes32Error(value: unknown, field: string, position: number | undefined) {
  const name = position === undefined ? field : `${field}[${position}]`;
  if (typeof value !== "string") {
    return new MerkleBytes32Error(
      name,
      `${EXPECTED}; got ${value === null ? "null" : typeof value}`,
    );
  }
  const shown = value.length > 80 ? `${value.slice(0, 80)}...` : value;
  const problem = !value.startsWith("0x")
    ? "it does not start with 0x"
    : value.length !== 66
      ? `it has ${value.length - 2} digits`
      : "it has a character that is not a hex digit";
  return new MerkleBytes32Error(name, `${EXPECTED}; got "${shown}": ${problem}`, {
    value: shown,
    length: value.length,
  });
}

/** Writes eight little-endian 32-bit words back as 0x-hex. */
export function wordsToHex(words: Uint32Array): Hex {
  let hex = "0x";
  for (let k = 0; k < 8; k++) {
    const w = words[k]!;
    for (let b = 0; b < 32; b += 8) {
      const byte = (w >>> b) & 0xff;
      hex += HEX_CHARS[byte >>> 4]! + HEX_CHARS[byte & 0xf]!;
    }
  }
  return hex as Hex;
}

/** Reverses the bytes of a 32-bit word: little-endian word to big-endian order, or back. */
export function byteSwap(w: number): number {
  return ((w << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24)) >>> 0;
}

/**
 * Writes a leaf index as the 32-byte big-endian uint256 abi.encode makes of it, in the word form
 * of readWords. Accepts a non-negative safe integer or a bigint below 2^256.
 */
export function writeIndexWords(index: number | bigint, words: Uint32Array): void {
  if (typeof index === "number") {
    if (!Number.isSafeInteger(index) || index < 0) {
      throw new MerkleIndexError(index, "is not a non-negative safe integer");
    }
    words.fill(0, 0, 6);
    words[6] = byteSwap(Math.floor(index / 2 ** 32));
    words[7] = byteSwap(index >>> 0);
    return;
  }
  if (typeof index !== "bigint") {
    throw new MerkleIndexError(index, `is a ${typeof index}, not a number or a bigint`);
  }
  if (index < 0n || index > MAX_UINT256) {
    throw new MerkleIndexError(index, "does not fit in a uint256");
  }
  // Word k holds big-endian bytes 4k..4k+3 of the uint256 read little-endian: byte-swapped.
  let rest = index;
  for (let k = 7; k >= 0; k--) {
    words[k] = byteSwap(Number(rest & 0xffffffffn));
    rest >>= 32n;
  }
}
