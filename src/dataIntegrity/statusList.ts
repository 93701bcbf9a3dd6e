// W3C Bitstring Status List encodedList: the bitstring (index 0 = the most significant bit of the
// first byte), GZIP-compressed, as multibase base64url without padding ("u…"). At least 131,072
// bits (16 KB), the REC's minimum, so a list does not reveal how many credentials it covers.
// Uses CompressionStream/DecompressionStream, present in browsers and Node 18+.
import { DataIntegrityError } from "./errors.ts";

export const STATUS_LIST_MIN_BITS = 131072;

/** "u" + base64url(gzip(bits)); `bits` are MSB-first bytes, at least STATUS_LIST_MIN_BITS long. */
export async function encodeStatusList(bits: Uint8Array): Promise<string> {
  if (!(bits instanceof Uint8Array) || bits.length * 8 < STATUS_LIST_MIN_BITS)
    throw new DataIntegrityError(
      "STATUS_LIST_ENCODING_INVALID",
      `A status list holds at least ${STATUS_LIST_MIN_BITS} bits (${STATUS_LIST_MIN_BITS / 8} bytes); got ${bits instanceof Uint8Array ? `${bits.length} bytes` : typeof bits}.`,
      { bytes: (bits as Uint8Array)?.length },
    );
  const gzipped = await pipe(bits, new CompressionStream("gzip"));
  return `u${toBase64Url(gzipped)}`;
}

/**
 * The MSB-first bytes of an encodedList; throws STATUS_LIST_ENCODING_INVALID on a bad one. Lists
 * shorter than `minBits` (default the REC's minimum) are refused; other issuers' lists are read
 * at any length (minBits 0).
 */
export async function decodeStatusList(
  encoded: string,
  { minBits = STATUS_LIST_MIN_BITS }: { minBits?: number } = {},
): Promise<Uint8Array> {
  const fail = (reason: string, cause?: unknown): never => {
    throw new DataIntegrityError(
      "STATUS_LIST_ENCODING_INVALID",
      `The encodedList ${JSON.stringify(typeof encoded === "string" ? encoded.slice(0, 24) : encoded)}… cannot be read: ${reason}.`,
      { reason },
      { cause },
    );
  };
  if (typeof encoded !== "string" || !encoded.startsWith("u"))
    return fail('it is not multibase base64url (prefix "u")');
  if (!/^[A-Za-z0-9_-]*$/.test(encoded.slice(1)))
    return fail("it has characters outside base64url");
  let bits: Uint8Array;
  try {
    bits = await pipe(fromBase64Url(encoded.slice(1)), new DecompressionStream("gzip"));
  } catch (error) {
    return fail("it is not GZIP data", error);
  }
  if (bits.length * 8 < minBits)
    return fail(`it holds ${bits.length * 8} bits, fewer than ${minBits}`);
  return bits;
}

/** The bit at `index` (0 = the most significant bit of the first byte). */
export function statusBitAt(bits: Uint8Array, index: number): boolean {
  if (!Number.isSafeInteger(index) || index < 0 || index >= bits.length * 8)
    throw new DataIntegrityError(
      "STATUS_LIST_ENCODING_INVALID",
      `Status list index ${index} is outside the list's ${bits.length * 8} bits.`,
      { index, bits: bits.length * 8 },
    );
  return ((bits[index >>> 3]! >>> (7 - (index & 7))) & 1) === 1;
}

async function pipe(input: Uint8Array, transform: GenericTransformStream): Promise<Uint8Array> {
  const stream = new Blob([input as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function toBase64Url(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >>> (18 - 6 * c)) & 63];
  }
  return out;
}

function fromBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new Error("base64url of impossible length");
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let buffer = 0;
  let bitCount = 0;
  let o = 0;
  for (const char of text) {
    buffer = (buffer << 6) | ALPHABET.indexOf(char);
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      out[o++] = (buffer >>> bitCount) & 0xff;
    }
  }
  return out;
}
