// Builds the OpenZeppelin-compatible tree of a batch: leaf i commits credentialDigests[i] to
// index i, leaves are sorted, then hashed up in heap order. The hashing runs in WebAssembly
// kernels, split between this thread and worker threads for large batches; a million leaves take
// about three million keccak permutations. Node.js only: the browser needs verifyMerkleProof.
import { availableParallelism } from "node:os";
import type { Hex } from "viem";
import { readWords } from "./bytes32.ts";
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
  // Hex digests are parsed by the kernels, from their text laid out where the tree will go.
  let digestTextAt = -1;
  if (credentialDigests instanceof Uint8Array) {
    bytes.set(credentialDigests, leavesAt);
  } else {
    digestTextAt = treeAt;
    writeDigestTexts(credentialDigests, bytes, digestTextAt);
  }

  const wanted = n < PARALLEL_MIN_LEAVES ? 1 : (options.threads ?? availableParallelism());
  const team = new KernelTeam(memory, Math.max(1, Math.floor(wanted)));
  try {
    const unparsed = await team.run(
      "hashLeaves",
      split(0, n, team.threads).map(([from, to]) => [
        leavesAt + 32 * from,
        from,
        to - from,
        digestTextAt === -1 ? -1 : digestTextAt + 66 * from,
      ]),
    );
    if (unparsed !== -1) throw firstBadDigest(credentialDigests as readonly Hex[], unparsed);
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

/** Digests written per batch into a plain buffer: Buffer.write into shared memory is 3x slower. */
const TEXT_BATCH = 4096;

/**
 * Writes each digest's 66 characters into `bytes` from `at` on, for parseHex to check and
 * decode. Length and type are checked here; anything not ASCII comes out as bytes of 0x80 and
 * up (UTF-8), which parseHex rejects like any other character that is not a hex digit.
 */
function writeDigestTexts(digests: readonly Hex[], bytes: Uint8Array, at: number): void {
  const batch = Buffer.allocUnsafe(66 * TEXT_BATCH);
  for (let from = 0; from < digests.length; from += TEXT_BATCH) {
    const count = Math.min(TEXT_BATCH, digests.length - from);
    for (let i = 0; i < count; i++) {
      const digest = digests[from + i];
      if (
        typeof digest !== "string" ||
        digest.length !== 66 ||
        batch.write(digest, 66 * i, 66, "utf8") !== 66
      ) {
        throw firstBadDigest(digests, from + i);
      }
    }
    bytes.set(batch.subarray(0, 66 * count), at + 66 * from);
  }
}

/** The error for the first malformed digest at or before `known`, named by its position. */
function firstBadDigest(digests: readonly Hex[], known: number): Error {
  const scratch = new Uint32Array(8);
  for (let i = 0; i <= known; i++) readWords(digests[i], scratch, "credentialDigests", i);
  return new MerkleBytes32Error(`credentialDigests[${known}]`, "is not 32 bytes of 0x-hex");
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
