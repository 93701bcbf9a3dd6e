// A built batch tree: its root, each credential's leaf and proof, and every proof in one pass.
// Nodes sit in OpenZeppelin's heap order (node j has children 2j + 1 and 2j + 2; the n leaves,
// sorted ascending, fill the last n slots backwards), so the proofs are the ones
// @openzeppelin/merkle-tree gives for the same values.
import type { Hex } from "viem";
import { MerkleIndexError } from "./errors.ts";

/** Scratch text of one node, "0x" and 64 hex digits, decoded to a string in one call. */
const HEX_TEXT = Buffer.alloc(66, "0x");
/** ASCII code of the hex digit for each nibble. */
const HEX_DIGIT = new Uint8Array(16).map((_, nibble) => nibble.toString(16).charCodeAt(0));

/** One credential's inclusion proof: sibling hashes from its leaf up to the root. */
export interface MerkleProofEntry {
  /** The credential's index in the batch (its position in the digests given to the build). */
  index: number;
  proof: Hex[];
}

export interface MerkleTree {
  readonly root: Hex;
  readonly leafCount: number;
  /** The leaf of the credential at `index`: merkleLeaf(index, credentialDigests[index]). */
  leaf(index: number): Hex;
  /** The proof of the credential at `index`, for verifyMerkleProof or MerkleProof.sol. */
  proof(index: number): Hex[];
  /**
   * Every proof, once each, in tree order rather than index order: consecutive leaves share most
   * of their path, so each hex node is made once and shared by the proofs that hold it.
   */
  proofs(): IterableIterator<MerkleProofEntry>;
}

/** The tree over nodes laid out as described above; built by buildMerkleTree. */
export class HeapMerkleTree implements MerkleTree {
  readonly root: Hex;
  readonly leafCount: number;
  /** 32 bytes per node, node j at 32 j. */
  private readonly nodes: Buffer;
  /** order[k]: index of the credential whose leaf is the k-th smallest. */
  private readonly order: Uint32Array;
  /** The node number of each credential's leaf, by index. */
  private readonly leafNode: Uint32Array;

  constructor(nodes: Uint8Array, order: Uint32Array) {
    this.nodes = Buffer.from(nodes.buffer, nodes.byteOffset, nodes.byteLength);
    this.order = order;
    this.leafCount = order.length;
    const last = 2 * this.leafCount - 2;
    this.leafNode = new Uint32Array(this.leafCount);
    for (let k = 0; k < this.leafCount; k++) this.leafNode[order[k]!] = last - k;
    this.root = this.hex(0);
  }

  leaf(index: number): Hex {
    return this.hex(this.leafNode[this.checkIndex(index)]!);
  }

  proof(index: number): Hex[] {
    const proof: Hex[] = [];
    for (let j = this.leafNode[this.checkIndex(index)]!; j > 0; j = (j - 1) >>> 1) {
      proof.push(this.hex(j % 2 === 1 ? j + 1 : j - 1));
    }
    return proof;
  }

  *proofs(): IterableIterator<MerkleProofEntry> {
    // The sibling last made at each depth, and its hex, reused while the path shares it.
    const cachedNode = new Int32Array(32).fill(-1);
    const cachedHex: Hex[] = new Array(32);
    const last = 2 * this.leafCount - 2;
    for (let leaf = this.leafCount - 1; leaf <= last; leaf++) {
      const proof: Hex[] = [];
      for (let j = leaf; j > 0; j = (j - 1) >>> 1) {
        const sibling = j % 2 === 1 ? j + 1 : j - 1;
        const depth = 31 - Math.clz32(sibling + 1);
        if (cachedNode[depth] !== sibling) {
          cachedNode[depth] = sibling;
          cachedHex[depth] = this.hex(sibling);
        }
        proof.push(cachedHex[depth]!);
      }
      yield { index: this.order[last - leaf]!, proof };
    }
  }

  /** Node `node` as 0x-hex: a flat string, made from a table in one decode. */
  private hex(node: number): Hex {
    const nodes = this.nodes;
    for (let i = 0, at = 32 * node; i < 32; i++) {
      const byte = nodes[at + i]!;
      HEX_TEXT[2 + 2 * i] = HEX_DIGIT[byte >>> 4]!;
      HEX_TEXT[3 + 2 * i] = HEX_DIGIT[byte & 15]!;
    }
    return HEX_TEXT.toString("latin1", 0, 66) as Hex;
  }

  private checkIndex(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.leafCount) {
      throw new MerkleIndexError(index, `is not a leaf of this tree (0 to ${this.leafCount - 1})`, {
        leafCount: this.leafCount,
      });
    }
    return index;
  }
}
