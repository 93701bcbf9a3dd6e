// hash-wasm (the fastest general WebAssembly hash package on npm) against credanchor's own
// keccak, on the two jobs src/ has: keccak256 of many 64-byte messages (a tree level, a claim
// commitment) and a whole OpenZeppelin tree from packed digests to root. Each contestant is
// written the way its API is meant to be used; the tree with hash-wasm reuses our radix sort so
// the two trees differ only in how they hash.
import { createKeccak, type IHasher } from "hash-wasm";
import { keccak256Into } from "../../src/hash/keccak256.ts";
import type { KeccakMessages } from "../../src/hash/keccakMessages.ts";
import { sortLeaves } from "../../src/merkle/sortLeaves.ts";
import {
  DATA_OFFSET,
  instantiateKernels,
  treeKernelsModule,
  writeRoundConstants,
} from "../../src/merkle/wasmKernels.ts";

let hasher: IHasher | undefined;

/** hash-wasm's keccak-256 hasher, made once (its WebAssembly instance is kept between calls). */
export async function hashWasmKeccak(): Promise<IHasher> {
  hasher ??= await createKeccak(256);
  return hasher;
}

/** keccak256 of `count` 64-byte messages from `messages`, one hash-wasm call sequence each. */
export function hashWasm64(h: IHasher, messages: Uint8Array, count: number): Uint8Array {
  const out = new Uint8Array(32 * count);
  for (let i = 0; i < count; i++) {
    out.set(
      h
        .init()
        .update(messages.subarray(64 * i, 64 * i + 64))
        .digest("binary"),
      32 * i,
    );
  }
  return out;
}

/** The same with our plain-JavaScript keccak256 (src/hash/keccak256.ts, the browser path). */
export function plainJs64(messages: Uint8Array, count: number): Uint8Array {
  const out = new Uint8Array(32 * count);
  for (let i = 0; i < count; i++) keccak256Into(messages, 64 * i, 64 * i + 64, out, 32 * i);
  return out;
}

/** The same with our message kernel (src/hash/keccakMessages.ts, as commitClaims uses it). */
export function messageKernel64(
  kernel: KeccakMessages,
  messages: Uint8Array,
  count: number,
): Uint8Array {
  kernel.reset();
  const out = kernel.digests(count);
  for (let i = 0; i < count; i++) {
    const at = kernel.reserve(64);
    kernel.bytes.set(messages.subarray(64 * i, 64 * i + 64), at);
    kernel.hash(at, kernel.pad(at, 64), out + 32 * i);
  }
  kernel.run();
  return kernel.bytes.slice(out, out + 32 * count);
}

/**
 * Our tree kernel's hashNodes over `count` nodes whose 64-byte child pairs are `messages`: one
 * call, two states at a time. Children are sorted before hashing, as in the tree.
 */
export function treeKernel64(messages: Uint8Array, count: number): () => void {
  // Nodes count .. 2 count - 1 read children 2 count + 1 .. 4 count.
  const childrenAt = DATA_OFFSET + 32 * (2 * count + 1);
  const pages = Math.ceil((childrenAt + 64 * count) / 65536);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  writeRoundConstants(memory);
  new Uint8Array(memory.buffer).set(messages.subarray(0, 64 * count), childrenAt);
  const kernels = instantiateKernels(treeKernelsModule(), memory);
  return () => kernels.hashNodes(DATA_OFFSET, count, 2 * count);
}

/**
 * The root of the OpenZeppelin tree over `packed` (32 bytes a digest), hashed with hash-wasm on
 * this thread: leaves keccak256(keccak256(abi.encode(i, digest))), sorted, then heap order.
 */
export function hashWasmTreeRoot(h: IHasher, packed: Uint8Array): Uint8Array {
  const n = packed.length / 32;
  const leaves = new Uint8Array(32 * n);
  const encoded = new Uint8Array(64);
  const view = new DataView(encoded.buffer);
  for (let i = 0; i < n; i++) {
    view.setBigUint64(24, BigInt(i));
    encoded.set(packed.subarray(32 * i, 32 * i + 32), 32);
    const once = h.init().update(encoded).digest("binary");
    leaves.set(h.init().update(once).digest("binary"), 32 * i);
  }
  const order = new Uint32Array(n);
  sortLeaves(leaves, 0, n, order);
  const tree = new Uint8Array(32 * (2 * n - 1));
  for (let k = 0; k < n; k++) {
    tree.set(leaves.subarray(32 * order[k]!, 32 * order[k]! + 32), 32 * (2 * n - 2 - k));
  }
  const pair = new Uint8Array(64);
  for (let j = n - 2; j >= 0; j--) {
    const left = tree.subarray(32 * (2 * j + 1), 32 * (2 * j + 2));
    const right = tree.subarray(32 * (2 * j + 2), 32 * (2 * j + 3));
    const leftFirst = Buffer.compare(left, right) <= 0;
    pair.set(leftFirst ? left : right, 0);
    pair.set(leftFirst ? right : left, 32);
    tree.set(h.init().update(pair).digest("binary"), 32 * j);
  }
  return tree.subarray(0, 32);
}
