// Hex and UTF-8 conversions for the browser-safe path. The verifier bundle already carries viem's
// copy of @noble/hashes (an older major), so these few lines keep a second copy of its utils out.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Lowercase hex of `bytes`, without 0x. */
export function bytesToHex(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i++) text += HEX[bytes[i]!];
  return text;
}

/** The bytes of an even-length hex string without 0x; throws on anything else. */
export function hexToBytes(hex: string): Uint8Array {
  const fail = () =>
    new TypeError(`not an even-length hex string: ${JSON.stringify(String(hex).slice(0, 80))}`);
  if (typeof hex !== "string" || hex.length % 2 !== 0) throw fail();
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    const high = nibble(hex.charCodeAt(2 * i));
    const low = nibble(hex.charCodeAt(2 * i + 1));
    if (high < 0 || low < 0) throw fail();
    bytes[i] = (high << 4) | low;
  }
  return bytes;
}

/** The value of one hex digit's char code, or -1. */
function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  if (code >= 65 && code <= 70) return code - 55; // A-F
  return -1;
}

const encoder = new TextEncoder();

/** UTF-8 bytes of `text`. */
export function utf8ToBytes(text: string): Uint8Array {
  return encoder.encode(text);
}
