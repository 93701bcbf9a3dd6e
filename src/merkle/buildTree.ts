// Builds the OpenZeppelin-compatible tree of a batch: leaf i commits credentialDigests[i] to
// index i, leaves are sorted, then hashed up in heap order. The hashing runs in WebAssembly
// kernels, split between this thread and worker threads for large batches; a million leaves take
// about three million keccak permutations. Node.js only: the browser needs verifyMerkleProof.
import { availableParallelism } from "node:os";
import type { Hex } from "viem";
import { writeBytes32 } from "./bytes32.ts";
import { MerkleBytes32Error, MerkleEmptyTreeError, MerkleTreeTooLargeError } from "./errors.ts";
import { KernelTeam, runKernel } from "./hashPool.ts";
import { sortLeaves } from "./sortLeaves.ts";
import { HeapMerkleTree, type MerkleTree, TEXT_WINDOW } from "./tree.ts";
import { DATA_OFFSET, writeRoundConstants } from "./wasmKernels.ts";

export interface BuildMerkleTreeOptions {
  /**
   * Threads that hash, this one included. Default: os.availableParallelism(). Batches under
   * 16,384 leaves always use this thread only: handing them out costs more than it saves.
   */
  threads?: number;
}

/** Below this many leaves, a batch is hashed on the calling thread alone. */
const PARALLEL_MIN_LEAVES = 16_384;
/** Tree levels narrower than this are hashed on the calling thread, all in one go. */
const PARALLEL_MIN_NODES = 4_096;
/** Bytes of WebAssembly memory per leaf: its digest (then leaf), two tree nodes, its order. */
const BYTES_PER_LEAF = 32 + 64 + 4;
const MAX_LEAVES = Math.floor((2 ** 32 - DATA_OFFSET - 66 * TEXT_WINDOW) / BYTES_PER_LEAF);

/**
 * Builds the tree over `credentialDigests`, 0x-hex strings or their bytes packed 32 to an entry;
 * the digest at position i gets index i. Throws a typed error naming the first bad digest.
 */
export async function buildMerkleTree(
  credentialDigests: readonly Hex[] | Uint8Array,
  options: BuildMerkleTreeOptions = {},
): Promise<MerkleTree> {
  const n = countDigests(credentialDigests);
  const leavesAt = DATA_OFFSET;
  const treeAt = leavesAt + 32 * n;
  const orderAt = treeAt + 32 * (2 * n - 1);
  const textAt = orderAt + 4 * n;
  const pages = Math.ceil((textAt + 66 * TEXT_WINDOW) / 65536);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  writeRoundConstants(memory);
  const bytes = new Uint8Array(memory.buffer);
  if (credentialDigests instanceof Uint8Array) {
    bytes.set(credentialDigests, leavesAt);
  } else {
    for (let i = 0; i < n; i++) {
      writeBytes32(credentialDigests[i], bytes, leavesAt + 32 * i, "credentialDigests", i);
    }
  }

  const wanted = n < PARALLEL_MIN_LEAVES ? 1 : (options.threads ?? availableParallelism());
  const team = new KernelTeam(memory, Math.max(1, Math.floor(wanted)));
  try {
    await team.run(
      "hashLeaves",
      split(0, n, team.threads).map(([from, to]) => [leavesAt + 32 * from, from, to - from]),
    );
    const order = new Uint32Array(memory.buffer, orderAt, n);
    sortLeaves(bytes, leavesAt, n, order);
    team.kernels.placeLeaves(treeAt + 32 * (n - 1), leavesAt, orderAt, n);
    await hashInnerNodes(team, treeAt, n);
    const { kernels } = team;
    return new HeapMerkleTree({ memory, kernels, leafCount: n, treeAt, orderAt, textAt });
  } finally {
    await team.release();
  }
}

function countDigests(credentialDigests: readonly Hex[] | Uint8Array): number {
  let n: number;
  if (credentialDigests instanceof Uint8Array) {
    if (credentialDigests.length % 32 !== 0) {
      throw new MerkleBytes32Error(
        "credentialDigests",
        `as packed bytes must hold 32 bytes per digest; got ${credentialDigests.length} bytes`,
        { length: credentialDigests.length },
      );
    }
    n = credentialDigests.length / 32;
  } else if (Array.isArray(credentialDigests)) {
    n = credentialDigests.length;
  } else {
    throw new MerkleBytes32Error(
      "credentialDigests",
      "must be an array of 0x-hex digests or a Uint8Array of packed 32-byte digests",
    );
  }
  if (n === 0) throw new MerkleEmptyTreeError();
  if (n > MAX_LEAVES) throw new MerkleTreeTooLargeError(n, MAX_LEAVES);
  return n;
}

/**
 * Hashes nodes n - 2 down to 0. Each level only reads the one below it, so a wide level is
 * split across the team; the narrow top of the tree goes in one call on this thread.
 */
async function hashInnerNodes(team: KernelTeam, treeAt: number, n: number): Promise<void> {
  const inner = n - 1;
  for (let depth = 31 - Math.clz32(inner); depth >= 0 && inner > 0; depth--) {
    const from = 2 ** depth - 1;
    const to = Math.min(2 * from + 1, inner);
    if (team.threads === 1 || to - from < PARALLEL_MIN_NODES) {
      runKernel(team.kernels, "hashNodes", [treeAt, 0, to]);
      return;
    }
    await team.run(
      "hashNodes",
      split(from, to, team.threads).map(([a, b]) => [treeAt, a, b]),
    );
  }
}

/** [from, to) cut into `parts` contiguous ranges of near-equal size. */
function split(from: number, to: number, parts: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let i = 0; i < parts; i++) {
    ranges.push([
      from + Math.floor(((to - from) * i) / parts),
      from + Math.floor(((to - from) * (i + 1)) / parts),
    ]);
  }
  return ranges;
}
