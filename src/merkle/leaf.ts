// The one leaf rule of a batch: OpenZeppelin's StandardMerkleTree leaf of the pair
// (uint256 index, bytes32 credentialDigest), keccak256(keccak256(abi.encode(index, digest))).
// Hashing twice keeps an inner node (64 bytes hashed once) from passing as a leaf; putting the
// index inside the leaf stops a holder from claiming another slot of the batch.
import type { Hex } from "viem";
import { readLanes, writeLanes } from "../hash/interleavedLanes.ts";
import { keccakF1600 } from "../hash/keccakF1600.ts";
import { readWords, wordsToHex, writeIndexWords } from "./bytes32.ts";

const state = new Int32Array(50);
const indexWords = new Uint32Array(8);
const digestWords = new Uint32Array(8);
const leafWords = new Uint32Array(8);

/** The leaf committing `credentialDigest` to slot `index` of a batch, as 0x-hex. */
export function merkleLeaf(index: number | bigint, credentialDigest: Hex): Hex {
  hashLeaf(index, credentialDigest, state);
  readLanes(state, leafWords, 4);
  return wordsToHex(leafWords);
}

/**
 * Leaves the leaf in lanes 0 to 3 of the keccak state `out`, still interleaved, where the proof
 * checker absorbs it next. Validates both inputs and names them in the error.
 */
export function hashLeaf(index: number | bigint, credentialDigest: Hex, out: Int32Array): void {
  writeIndexWords(index, indexWords);
  readWords(credentialDigest, digestWords, "credentialDigest");

  // keccak256(abi.encode(index, digest)): 64 bytes, a single block.
  writeLanes(out, 0, indexWords, 4);
  writeLanes(out, 4, digestWords, 4);
  padBlock(out, 8);
  keccakF1600(out);

  // keccak256 of that 32-byte hash, which the permutation left in lanes 0 to 3.
  padBlock(out, 4);
  keccakF1600(out);
}

/**
 * Clears the state past a one-block message of `lanes` full lanes and applies keccak256's
 * padding: 0x01 on the next byte, 0x80 on the block's last byte (lane 16, bit 63, which is bit 31
 * of the odd half).
 */
export function padBlock(state: Int32Array, lanes: number): void {
  state.fill(0, 2 * lanes);
  state[2 * lanes] = 1;
  state[33] = state[33]! ^ 0x80000000;
}
