// A built batch tree: its root, each credential's leaf and proof, and every proof in one pass.
// Nodes sit in OpenZeppelin's heap order (node j has children 2j + 1 and 2j + 2; the n leaves,
// sorted ascending, fill the last n slots backwards), so the proofs are the ones
// @openzeppelin/merkle-tree gives for the same values.
import type { Hex } from "viem";
import { MerkleIndexError } from "./errors.ts";
import type { TreeKernels } from "./wasmKernels.ts";

/** Nodes turned into text in one kernel call and one decode, by proofs(), per tree depth. */
export const TEXT_WINDOW = 512;
/** Bytes of one node as text: "0x" and 64 hex digits. */
const TEXT = 66;

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
   * of their path, so each node is turned into hex once and shared by the proofs that hold it.
   */
  proofs(): IterableIterator<MerkleProofEntry>;
}

/** Where buildMerkleTree left a tree in its WebAssembly memory. */
export interface TreeMemory {
  memory: WebAssembly.Memory;
  kernels: TreeKernels;
  leafCount: number;
  /** Node j at treeAt + 32 j, for j in 0 .. 2 leafCount - 2. */
  treeAt: number;
  /** order[k] at orderAt + 4 k: index of the credential whose leaf is the k-th smallest. */
  orderAt: number;
  /** TEXT_WINDOW * 66 bytes of scratch for hexNodes. */
  textAt: number;
}

/** The tree over nodes laid out as described above; built by buildMerkleTree. */
export class HeapMerkleTree implements MerkleTree {
  readonly root: Hex;
  readonly leafCount: number;
  private readonly at: TreeMemory;
  private readonly text: Buffer;
  private readonly order: Uint32Array;
  /** The node number of each credential's leaf, by index. */
  private readonly leafNode: Uint32Array;

  constructor(at: TreeMemory) {
    this.at = at;
    this.leafCount = at.leafCount;
    this.text = Buffer.from(at.memory.buffer, at.textAt, TEXT * TEXT_WINDOW);
    this.order = new Uint32Array(at.memory.buffer, at.orderAt, at.leafCount);
    const last = 2 * this.leafCount - 2;
    this.leafNode = new Uint32Array(this.leafCount);
    for (let k = 0; k < this.leafCount; k++) this.leafNode[this.order[k]!] = last - k;
    this.root = this.hex(0);
  }

  leaf(index: number): Hex {
    return this.hex(this.leafNode[this.checkIndex(index)]!);
  }

  proof(index: number): Hex[] {
    // All siblings written as text side by side, decoded in one call, then sliced apart.
    const { kernels, textAt, treeAt } = this.at;
    let height = 0;
    for (let j = this.leafNode[this.checkIndex(index)]!; j > 0; j = (j - 1) >>> 1, height++) {
      const sibling = j % 2 === 1 ? j + 1 : j - 1;
      kernels.hexNodes(textAt + TEXT * height, treeAt + 32 * sibling, 1);
    }
    const text = this.text.toString("latin1", 0, TEXT * height);
    const proof = new Array<Hex>(height);
    for (let h = 0; h < height; h++) proof[h] = text.substring(TEXT * h, TEXT * h + TEXT) as Hex;
    return proof;
  }

  *proofs(): IterableIterator<MerkleProofEntry> {
    // Leaves are walked in tree order. In 1-based heap numbers, leaf k's sibling at height h is
    // (k >> h) ^ 1, so going from leaf k - 1 to k only the siblings below height t + 1 change,
    // t being the number of trailing 1 bits of k - 1 (one change on average, two at most half
    // the time): each proof is the previous one copied, with those few entries replaced.
    //
    // Siblings at each depth are needed in increasing order, so each depth keeps a window of
    // TEXT_WINDOW consecutive nodes turned into text by one kernel call and one decode; a
    // node's hex is a substring of it (V8 makes that a slice, not a copy).
    const windowStart = new Int32Array(32).fill(-1);
    const windowEnd = new Int32Array(32).fill(-1);
    const windowText: string[] = new Array(32).fill("");
    const nodeCount = 2 * this.leafCount - 1;
    const nodeHex = (node: number): Hex => {
      const depth = 31 - Math.clz32(node + 1);
      if (node < windowStart[depth]! || node >= windowEnd[depth]!) {
        const count = Math.min(TEXT_WINDOW, Math.min(2 ** (depth + 1) - 1, nodeCount) - node);
        windowStart[depth] = node;
        windowEnd[depth] = node + count;
        windowText[depth] = this.hexRun(node, count);
      }
      const at = TEXT * (node - windowStart[depth]!);
      return windowText[depth]!.substring(at, at + TEXT) as Hex;
    };

    let proof: Hex[] = [];
    for (let k = this.leafCount; k <= nodeCount; k++) {
      const height = 31 - Math.clz32(k);
      let changed: number;
      if (k === this.leafCount || height !== proof.length) {
        // The first leaf, or the first of the bottom level: a path of another length.
        proof = new Array<Hex>(height);
        changed = height;
      } else {
        proof = proof.slice();
        changed = 32 - Math.clz32(~(k - 1) & k);
      }
      for (let h = 0; h < changed; h++) proof[h] = nodeHex(((k >>> h) ^ 1) - 1);
      yield { index: this.order[nodeCount - k]!, proof };
    }
  }

  private hex(node: number): Hex {
    return this.hexRun(node, 1) as Hex;
  }

  /** `count` nodes from `first` on, as 0x-hex texts one after the other in one string. */
  private hexRun(first: number, count: number): string {
    this.at.kernels.hexNodes(this.at.textAt, this.at.treeAt + 32 * first, count);
    return this.text.toString("latin1", 0, TEXT * count);
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
