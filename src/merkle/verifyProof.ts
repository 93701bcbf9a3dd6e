// Checks one credential's inclusion proof against a batch root, with no tree, no WebAssembly and
// no I/O: the module a browser verifier or any other light client imports. Sorted-pair hashing
// as in OpenZeppelin's MerkleProof.processProof, so proofs from buildMerkleTree, from
// @openzeppelin/merkle-tree and from the contract all check the same way.
import type { Hex } from "viem";
import { laneWord, writeLanes } from "../hash/interleavedLanes.ts";
import { keccakF1600 } from "../hash/keccakF1600.ts";
import { byteSwap, readWords } from "./bytes32.ts";
import { MerkleBytes32Error } from "./errors.ts";
import { hashLeaf, padBlock } from "./leaf.ts";

// The running node stays in lanes 0 to 3 of the keccak state between steps: when it sorts
// first it is already where the next block needs it, and only the sibling is absorbed.
const state = new Int32Array(50);
const sibling = new Uint32Array(8);
const rootWords = new Uint32Array(8);

/**
 * True when `proof` leads from the leaf of (`index`, `credentialDigest`) to `root`, false when
 * it does not. Throws a typed error when an input is malformed (not 32-byte hex, a bad index),
 * so a broken file is told apart from a credential that is not in the batch.
 */
export function verifyMerkleProof(
  root: Hex,
  index: number | bigint,
  credentialDigest: Hex,
  proof: readonly Hex[],
): boolean {
  readWords(root, rootWords, "root");
  if (!Array.isArray(proof)) {
    throw new MerkleBytes32Error("proof", "must be an array of 32-byte 0x-hex values");
  }
  hashLeaf(index, credentialDigest, state);
  for (let i = 0; i < proof.length; i++) {
    readWords(proof[i], sibling, "proof", i);
    if (nodeSortsAfter(sibling)) {
      state.copyWithin(8, 0, 8);
      writeLanes(state, 0, sibling, 4);
    } else {
      writeLanes(state, 4, sibling, 4);
    }
    padBlock(state, 8);
    keccakF1600(state);
  }
  for (let k = 0; k < 8; k++) {
    if (laneWord(state, k) !== rootWords[k]) return false;
  }
  return true;
}

/** Whether the node in the state sorts after `other` as bytes; the first word nearly always decides. */
function nodeSortsAfter(other: Uint32Array): boolean {
  for (let k = 0; k < 8; k++) {
    const word = laneWord(state, k);
    if (word !== other[k]) return byteSwap(word) > byteSwap(other[k]!);
  }
  return false;
}
