// Checks one credential's inclusion proof against a batch root, with no tree, no WebAssembly and
// no I/O: the module a browser verifier or any other light client imports. Sorted-pair hashing
// as in OpenZeppelin's MerkleProof.processProof, so proofs from buildMerkleTree, from
// @openzeppelin/merkle-tree and from the contract all check the same way.
import type { Hex } from "viem";
import { bytesToWords, compareWords, writeBytes32 } from "./bytes32.ts";
import { MerkleBytes32Error } from "./errors.ts";
import { keccakF1600, readLanes, writeLanes } from "./keccakF1600.ts";
import { leafWords, padBlock } from "./leaf.ts";

const state = new Int32Array(50);
const node = new Uint32Array(8);
const sibling = new Uint32Array(8);
const rootWords = new Uint32Array(8);
const bytes = new Uint8Array(32);

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
  writeBytes32(root, bytes, 0, "root");
  bytesToWords(bytes, 0, rootWords);
  if (!Array.isArray(proof)) {
    throw new MerkleBytes32Error("proof", "expected an array of 32-byte hex values");
  }
  leafWords(index, credentialDigest, node, state);
  for (let i = 0; i < proof.length; i++) {
    writeBytes32(proof[i], bytes, 0, "proof", i);
    bytesToWords(bytes, 0, sibling);
    hashPairWords(node, sibling, node);
  }
  return compareWords(node, rootWords) === 0;
}

/** keccak256 of the two nodes in byte order (OpenZeppelin's commutative hash) into `out`. */
function hashPairWords(a: Uint32Array, b: Uint32Array, out: Uint32Array): void {
  const aFirst = compareWords(a, b) <= 0;
  state.fill(0);
  writeLanes(state, 0, aFirst ? a : b, 4);
  writeLanes(state, 4, aFirst ? b : a, 4);
  padBlock(state, 8);
  keccakF1600(state);
  readLanes(state, out, 4);
}
