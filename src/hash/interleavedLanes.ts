// The bit-interleaved form of keccak lanes that keccakF1600.ts permutes: each 64-bit lane is
// kept as two 32-bit words, its even bits and its odd bits. These functions move little-endian
// lanes (pairs of 32-bit words, as they sit in a message or a digest) into and out of that form.

/** Spreads the even bits of `x` into its low half and the odd bits into its high half. */
export function unshuffle(x: number): number {
  let t = (x ^ (x >>> 1)) & 0x22222222;
  x ^= t ^ (t << 1);
  t = (x ^ (x >>> 2)) & 0x0c0c0c0c;
  x ^= t ^ (t << 2);
  t = (x ^ (x >>> 4)) & 0x00f000f0;
  x ^= t ^ (t << 4);
  t = (x ^ (x >>> 8)) & 0x0000ff00;
  x ^= t ^ (t << 8);
  return x;
}

/** The inverse of unshuffle. */
function shuffle(x: number): number {
  let t = (x ^ (x >>> 8)) & 0x0000ff00;
  x ^= t ^ (t << 8);
  t = (x ^ (x >>> 4)) & 0x00f000f0;
  x ^= t ^ (t << 4);
  t = (x ^ (x >>> 2)) & 0x0c0c0c0c;
  x ^= t ^ (t << 2);
  t = (x ^ (x >>> 1)) & 0x22222222;
  x ^= t ^ (t << 1);
  return x;
}

/**
 * Writes `lanes` 64-bit lanes, given as little-endian 32-bit word pairs `words[2k]` (low) and
 * `words[2k + 1]` (high), into the state from lane `first` on, interleaving them.
 */
export function writeLanes(s: Int32Array, first: number, words: Uint32Array, lanes: number): void {
  for (let k = 0; k < lanes; k++) {
    const lo = unshuffle(words[2 * k]!);
    const hi = unshuffle(words[2 * k + 1]!);
    s[2 * (first + k)] = (lo & 0xffff) | (hi << 16);
    s[2 * (first + k) + 1] = (lo >>> 16) | (hi & 0xffff0000);
  }
}

/** Word `k` (0 to 49) of the state in the little-endian word form, unsigned. */
export function laneWord(s: Int32Array, k: number): number {
  const even = s[k & ~1]!;
  const odd = s[k | 1]!;
  return (
    ((k & 1) === 0
      ? shuffle((even & 0xffff) | (odd << 16))
      : shuffle((even >>> 16) | (odd & 0xffff0000))) >>> 0
  );
}

/** Reads the first `lanes` lanes of the state back into little-endian word pairs. */
export function readLanes(s: Int32Array, words: Uint32Array, lanes: number): void {
  for (let k = 0; k < lanes; k++) {
    const even = s[2 * k]!;
    const odd = s[2 * k + 1]!;
    words[2 * k] = shuffle((even & 0xffff) | (odd << 16));
    words[2 * k + 1] = shuffle((even >>> 16) | (odd & 0xffff0000));
  }
}
