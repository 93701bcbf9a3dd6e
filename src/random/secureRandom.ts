// The one pooled cryptographically secure generator: claim salts (128 bits, so a hidden claim's
// digest cannot be matched against guessed values), credential ids, envelope keys and nonces,
// and the batch-index permutation key. It sits below every other folder, so storage and
// credential both draw from it.

/** Fills a buffer with random bytes. Defaults to the Web Crypto CSPRNG. */
export type RandomSource = (byteLength: number) => Uint8Array;

/** Web Crypto's getRandomValues fills at most 65,536 bytes per call. */
const MAX_RANDOM_CHUNK = 65_536;
/**
 * Bytes drawn ahead, so that a credential's several draws (id, salts, envelope key and nonce)
 * cost one call to the generator between them rather than one each; each byte is handed out
 * once, then wiped.
 */
const pool = new Uint8Array(16_384);
let poolOffset = pool.length;

export const secureRandom: RandomSource = (byteLength) => {
  if (byteLength <= pool.length / 4) {
    if (poolOffset + byteLength > pool.length) {
      globalThis.crypto.getRandomValues(pool);
      poolOffset = 0;
    }
    const drawn = pool.slice(poolOffset, poolOffset + byteLength);
    pool.fill(0, poolOffset, poolOffset + byteLength);
    poolOffset += byteLength;
    return drawn;
  }
  const bytes = new Uint8Array(byteLength);
  for (let offset = 0; offset < byteLength; offset += MAX_RANDOM_CHUNK) {
    globalThis.crypto.getRandomValues(bytes.subarray(offset, offset + MAX_RANDOM_CHUNK));
  }
  return bytes;
};
