// Multibase base58btc ("z" + the Bitcoin alphabet), the spelling of Ed25519 keys and signatures in
// Data Integrity proofs. Small on purpose: the browser verifier decodes a signature with it and
// carries no multibase library.
const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/** "z" + base58btc of `bytes`. */
export function encodeBase58btc(bytes: Uint8Array): string {
  const digits: number[] = []; // little-endian base-58 digits of the number so far
  for (const byte of bytes) {
    let carry = byte;
    for (let i = 0; i < digits.length; i++) {
      carry += digits[i]! << 8;
      digits[i] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    for (; carry > 0; carry = Math.floor(carry / 58)) digits.push(carry % 58);
  }
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  return `z${"1".repeat(zeros)}${digits
    .reverse()
    .map((d) => ALPHABET[d])
    .join("")}`;
}

/** The bytes of a "z…" base58btc string, or undefined when it is not one (or is over `max` chars). */
export function decodeBase58btc(multibase: string, max = 200): Uint8Array | undefined {
  if (typeof multibase !== "string" || !multibase.startsWith("z") || multibase.length > max)
    return undefined;
  const text = multibase.slice(1);
  const bytes: number[] = []; // little-endian base-256 digits of the number so far
  for (const char of text) {
    let carry = ALPHABET.indexOf(char);
    if (carry < 0) return undefined;
    for (let i = 0; i < bytes.length; i++) {
      carry += bytes[i]! * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    for (; carry > 0; carry >>= 8) bytes.push(carry & 0xff);
  }
  let zeros = 0;
  while (text[zeros] === "1") zeros++;
  return Uint8Array.from([...new Array<number>(zeros).fill(0), ...bytes.reverse()]);
}
