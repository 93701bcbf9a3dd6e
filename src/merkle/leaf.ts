// The one leaf rule of a batch: OpenZeppelin's StandardMerkleTree leaf of the pair
// (uint256 index, bytes32 credentialDigest), keccak256(keccak256(abi.encode(index, digest))).
// Hashing twice keeps an inner node (64 bytes hashed once) from passing as a leaf; putting the
// index inside the leaf stops a holder from claiming another slot of the batch.
import type { Hex } from "viem";
import { bytesToWords, wordsToHex, writeBytes32, writeIndex } from "./bytes32.ts";
import { keccakF1600, readLanes, writeLanes } from "./keccakF1600.ts";

const scratchBytes = new Uint8Array(32);
const scratchIndex = new Uint32Array(8);
const scratchDigest = new Uint32Array(8);
const scratchLeaf = new Uint32Array(8);

/** The leaf committing `credentialDigest` to slot `index` of a batch, as 0x-hex. */
export function merkleLeaf(index: number | bigint, credentialDigest: Hex): Hex {
  leafWords(index, credentialDigest, scratchLeaf, new Int32Array(50));
  return wordsToHex(scratchLeaf);
}

/**
 * Computes the leaf into `out` (eight little-endian words), using `state` as the keccak state.
 * Validates both inputs and names them in the error.
 */
export function leafWords(
  index: number | bigint,
  credentialDigest: Hex,
  out: Uint32Array,
  state: Int32Array,
): void {
  writeIndex(index, scratchBytes);
  bytesToWords(scratchBytes, 0, scratchIndex);
  writeBytes32(credentialDigest, scratchBytes, 0, "credentialDigest");
  bytesToWords(scratchBytes, 0, scratchDigest);

  // keccak256(abi.encode(index, digest)): 64 bytes, one block; keccak pads with 0x01 .. 0x80.
  state.fill(0);
  writeLanes(state, 0, scratchIndex, 4);
  writeLanes(state, 4, scratchDigest, 4);
  padBlock(state, 8);
  keccakF1600(state);

  // keccak256 of that 32-byte hash, which is still interleaved in lanes 0 to 3.
  state.fill(0, 8);
  padBlock(state, 4);
  keccakF1600(state);
  readLanes(state, out, 4);
}

/**
 * Applies keccak256's padding to a one-block message of `lanes` full lanes: 0x01 on the byte
 * after it, 0x80 on the last byte of the 136-byte block (lane 16, bit 63: odd half, bit 31).
 */
export function padBlock(state: Int32Array, lanes: number): void {
  state[2 * lanes] = state[2 * lanes]! ^ 1;
  state[33] = state[33]! ^ 0x80000000;
}
