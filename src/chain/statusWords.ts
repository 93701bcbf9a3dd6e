// Groups credential indices into the 256-bit words the registry's bulk status calls take, so a
// bulk revocation writes each storage word once (sorted by word, one mask per word).
import { CredanchorError } from "../errors.ts";

export interface StatusWord {
  word: bigint;
  mask: bigint;
}

export function toStatusWords(indices: Iterable<number>, leafCount: number): StatusWord[] {
  const masks = new Map<number, bigint>();
  for (const index of indices) {
    if (!Number.isSafeInteger(index) || index < 0 || index >= leafCount) {
      throw new CredanchorError(
        "INDEX_OUT_OF_RANGE",
        `Credential index ${index} is outside the batch (0 to ${leafCount - 1}).`,
        { index, leafCount },
      );
    }
    const word = Math.floor(index / 256);
    masks.set(word, (masks.get(word) ?? 0n) | (1n << BigInt(index % 256)));
  }
  return [...masks.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([word, mask]) => ({ word: BigInt(word), mask }));
}

/** The indices whose bits are set in `words` (what a status event names), ascending. */
export function fromStatusWords(words: readonly StatusWord[]): number[] {
  const indices: number[] = [];
  for (const { word, mask } of words) {
    for (let bit = 0; bit < 256; bit++) {
      if ((mask >> BigInt(bit)) & 1n) indices.push(Number(word) * 256 + bit);
    }
  }
  return indices.sort((a, b) => a - b);
}
