// Claim salts: 128 bits from a cryptographically secure generator, so a hidden claim's digest
// cannot be matched against guessed values (names, grades, dates are all low-entropy).

/** Fills a buffer with random bytes. Defaults to the Web Crypto CSPRNG. */
export type RandomSource = (byteLength: number) => Uint8Array;

/** Web Crypto's getRandomValues fills at most 65,536 bytes per call. */
const MAX_RANDOM_CHUNK = 65_536;

export const secureRandom: RandomSource = (byteLength) => {
  const bytes = new Uint8Array(byteLength);
  for (let offset = 0; offset < byteLength; offset += MAX_RANDOM_CHUNK) {
    globalThis.crypto.getRandomValues(bytes.subarray(offset, offset + MAX_RANDOM_CHUNK));
  }
  return bytes;
};
