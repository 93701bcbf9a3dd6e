// Orders a tree's leaves by value, as OpenZeppelin's StandardMerkleTree does before laying them
// out. Leaves are keccak outputs, so their first four bytes are uniformly spread: a two-pass
// radix sort on those 32 bits puts all but a handful in place in linear time, and runs that tie
// on them (about n^2 / 2^33 pairs: ~116 for a million leaves) are finished by full comparison.

/**
 * Fills `order` so that `order[k]` is the position of the k-th smallest of the `count` 32-byte
 * values stored from `bytes[at]` on, compared as byte strings.
 */
export function sortLeaves(bytes: Uint8Array, at: number, count: number, order: Uint32Array): void {
  const keys = new Uint32Array(count);
  for (let i = 0, b = at; i < count; i++, b += 32) {
    keys[i] =
      ((bytes[b]! << 24) | (bytes[b + 1]! << 16) | (bytes[b + 2]! << 8) | bytes[b + 3]!) >>> 0;
  }
  const low = new Uint32Array(count);
  const starts = new Uint32Array(65536);
  countingPass(keys, null, low, starts, 0);
  countingPass(keys, low, order, starts, 16);

  for (let start = 0; start < count; ) {
    let end = start + 1;
    while (end < count && keys[order[end]!] === keys[order[start]!]) end++;
    if (end - start > 1) sortTie(bytes, at, order, start, end);
    start = end;
  }
}

/** One stable counting-sort pass on 16 bits of the key, reading positions from `from`. */
function countingPass(
  keys: Uint32Array,
  from: Uint32Array | null,
  to: Uint32Array,
  starts: Uint32Array,
  shift: number,
): void {
  starts.fill(0);
  for (let i = 0; i < keys.length; i++) starts[(keys[i]! >>> shift) & 0xffff]!++;
  let sum = 0;
  for (let digit = 0; digit < 65536; digit++) {
    const n = starts[digit]!;
    starts[digit] = sum;
    sum += n;
  }
  for (let i = 0; i < keys.length; i++) {
    const position = from === null ? i : from[i]!;
    to[starts[(keys[position]! >>> shift) & 0xffff]!++] = position;
  }
}

/** Insertion sort by the remaining 28 bytes; ties on 32 bits are a few entries long. */
function sortTie(bytes: Uint8Array, at: number, order: Uint32Array, start: number, end: number) {
  for (let i = start + 1; i < end; i++) {
    const moving = order[i]!;
    let j = i;
    while (j > start && compareTail(bytes, at, order[j - 1]!, moving) > 0) {
      order[j] = order[j - 1]!;
      j--;
    }
    order[j] = moving;
  }
}

function compareTail(bytes: Uint8Array, at: number, a: number, b: number): number {
  const x = at + 32 * a;
  const y = at + 32 * b;
  for (let i = 4; i < 32; i++) {
    const d = bytes[x + i]! - bytes[y + i]!;
    if (d !== 0) return d;
  }
  return 0;
}
