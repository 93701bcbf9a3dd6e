// Multibase base58btc ("z" + the Bitcoin alphabet), the spelling of Ed25519 keys and signatures in
// Data Integrity proofs. Small on purpose: the browser verifier decodes a signature with it and
// carries no multibase library.
const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/** 58^4: the encoder works on limbs of four base-58 digits. */
const LIMB = 58 ** 4;

/** "z" + base58btc of `bytes`. */
export function encodeBase58btc(bytes: Uint8Array): string {
  // Little-endian limbs of the number so far, fed three bytes at a time: a limb (< 2^23.5) times
  // 2^24 stays below 2^53, so every step is exact in a double, and signing stays cheap.
  const limbs: number[] = [];
  const head = bytes.length % 3;
  for (let at = 0; at < bytes.length; ) {
    const take = at === 0 && head > 0 ? head : 3;
    let carry = 0;
    for (let k = 0; k < take; k++) carry = carry * 256 + bytes[at + k]!;
    at += take;
    const scale = 256 ** take;
    for (let i = 0; i < limbs.length; i++) {
      carry += limbs[i]! * scale;
      limbs[i] = carry % LIMB;
      carry = Math.floor(carry / LIMB);
    }
    for (; carry > 0; carry = Math.floor(carry / LIMB)) limbs.push(carry % LIMB);
  }
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  const digits: string[] = [];
  for (let i = 0; i < limbs.length; i++) {
    let limb = limbs[i]!;
    for (let d = 0; d < 4 && (limb > 0 || i < limbs.length - 1); d++) {
      digits.push(ALPHABET[limb % 58]!);
      limb = (limb / 58) >>> 0;
    }
  }
  const text = digits.reverse().join("");
  return `z${"1".repeat(zeros)}${text}`;
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
