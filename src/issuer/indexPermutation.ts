// Batch indexes are a random permutation of the batch's rows, never the input order: an index is
// in every credential, its leaf and the revocation bitmaps, so in input order a few credentials
// would tell where everyone else sat in the export (W3C Bitstring Status List: indexes SHOULD be
// random). One 256-bit key from the CSPRNG per run, kept in the run's journal, gives every batch
// its permutation: Fisher–Yates with unbiased draws from ChaCha20's keystream under that key, the
// batch number as nonce. ChaCha20 is a PRF: without the key its keystream cannot be told from
// uniform bytes, so neither can the permutation from a uniform one; with the key (a rerun after a
// kill) the same batch gets the same indexes again.
import { chacha20 } from "@noble/ciphers/chacha.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import type { Hex } from "viem";
import { secureRandom } from "../random/index.ts";

export const INDEX_KEY_BYTES = 32;

/** A fresh permutation key for a run. */
export function newIndexKey(): Hex {
  return `0x${bytesToHex(secureRandom(INDEX_KEY_BYTES))}`;
}

/**
 * The indexes of one batch: `permutation[i]` is the index of the batch's i-th row (in input
 * order). Deterministic in (key, batch, count).
 */
export function batchPermutation(key: Hex, batch: number, count: number): Uint32Array {
  if (!Number.isSafeInteger(count) || count < 0 || count > 2 ** 32) {
    throw new RangeError(`a batch of ${count} credentials cannot be permuted`);
  }
  const words = new KeyStream(hexToBytes(key.slice(2)), batch);
  const permutation = new Uint32Array(count);
  for (let i = 0; i < count; i++) permutation[i] = i;
  // Fisher–Yates: position i takes one of positions 0..i, each with probability 1/(i+1).
  for (let i = count - 1; i > 0; i--) {
    const j = words.below(i + 1);
    const swap = permutation[i]!;
    permutation[i] = permutation[j]!;
    permutation[j] = swap;
  }
  return permutation;
}

/** 64 ChaCha20 blocks of keystream per refill. */
const STREAM_BYTES = 4096;

/** ChaCha20's keystream under `key` and nonce `batch`, read as 32-bit words. */
class KeyStream {
  private readonly key: Uint8Array;
  private readonly nonce = new Uint8Array(12);
  private readonly zeros = new Uint8Array(STREAM_BYTES);
  private readonly bytes = new Uint8Array(STREAM_BYTES);
  // Little-endian words whatever the platform, so a rerun elsewhere gets the same indexes.
  private readonly view = new DataView(this.bytes.buffer);
  private next = STREAM_BYTES;
  private block = 0;

  constructor(key: Uint8Array, batch: number) {
    if (key.length !== INDEX_KEY_BYTES) {
      throw new RangeError(`an index key has ${INDEX_KEY_BYTES} bytes, not ${key.length}`);
    }
    this.key = key;
    new DataView(this.nonce.buffer).setBigUint64(0, BigInt(batch), true);
  }

  /** A uniform draw from 0..bound-1 (bound at most 2^32): words past the last whole multiple of bound are rejected, so no value is favoured. */
  below(bound: number): number {
    const limit = 2 ** 32 - (2 ** 32 % bound);
    for (;;) {
      const word = this.word();
      if (word < limit) return word % bound;
    }
  }

  private word(): number {
    if (this.next === STREAM_BYTES) {
      chacha20(this.key, this.nonce, this.zeros, this.bytes, this.block);
      this.block += STREAM_BYTES / 64;
      this.next = 0;
    }
    const word = this.view.getUint32(this.next, true);
    this.next += 4;
    return word;
  }
}
