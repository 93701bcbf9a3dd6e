// The batch kernels of buildMerkleTree as one WebAssembly module, assembled from code rather
// than shipped as a binary, so the source is all there is to review: the tree kernels in
// treeKernels.ts, the hex text kernels in hexKernels.ts. Each kernel loops over a whole range
// inside WebAssembly: the per-call overhead of a hash library is paid once per range.
//
// Memory is imported and shared, so the main thread and the worker threads run the same kernels
// over the same tree with no copying. The first 192 bytes hold the round constants
// (writeRoundConstants); data starts at DATA_OFFSET.
//
// Kernels (all pointers are byte offsets, 32-byte values are stored as they appear in hex):
//   hashLeaves(at, firstIndex, count)   value i at `at + 32 i` becomes the leaf of
//                                       (firstIndex + i, value i), in place
//   hashNodes(tree, from, to)           for j = to - 1 down to from: node j of the heap-ordered
//                                       tree becomes keccak256(sorted(node 2j + 1, node 2j + 2))
//   placeLeaves(dst, src, order, n)     value at src[order[k]] goes to dst[n - 1 - k], that is,
//                                       leaves sorted ascending fill the tree's last n slots
//                                       backwards, as in OpenZeppelin's makeMerkleTree
//   hexNodes(dst, src, count)           writes `count` 32-byte values from src as text, each "0x"
//                                       and 64 lower-case hex digits (66 bytes), from dst on
//   parseHex(src, dst, count) -> parsed the inverse: `count` 66-byte texts ("0x", 64 hex digits
//                                       of either case) to 32-byte values; stops at the first
//                                       malformed text and returns how many were parsed

import { type FunctionBuilder, I32, section, utf8Name, vector } from "../hash/wasmAssembler.ts";
import { buildHexNodes, buildParseHex } from "./hexKernels.ts";
import { buildHashLeaves, buildHashNodes, buildPlaceLeaves } from "./treeKernels.ts";

export { writeRoundConstants } from "../hash/wasmKeccak.ts";

/** Bytes before the first data byte: the round constants, rounded up to a cache line. */
export const DATA_OFFSET = 256;

export interface TreeKernels {
  hashLeaves(at: number, firstIndex: number, count: number): void;
  hashNodes(tree: number, from: number, to: number): void;
  placeLeaves(dst: number, src: number, order: number, count: number): void;
  hexNodes(dst: number, src: number, count: number): void;
  parseHex(src: number, dst: number, count: number): number;
}

let compiled: WebAssembly.Module | undefined;

/** The compiled kernels, built on first use (about 10 KB; some 20 ms to assemble and compile). */
export function treeKernelsModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(assembleKernels());
  return compiled;
}

/** Instantiates the kernels over `memory`, which must be a shared memory. */
export function instantiateKernels(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
): TreeKernels {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return instance.exports as unknown as TreeKernels;
}

function assembleKernels(): Uint8Array<ArrayBuffer> {
  const kernels: [string, FunctionBuilder, number][] = [
    ["hashLeaves", buildHashLeaves(), 0],
    ["hashNodes", buildHashNodes(), 0],
    ["placeLeaves", buildPlaceLeaves(), 1],
    ["hexNodes", buildHexNodes(), 0],
    ["parseHex", buildParseHex(), 2],
  ];
  const types = [
    [0x60, ...vector([[I32], [I32], [I32]]), 0],
    [0x60, ...vector([[I32], [I32], [I32], [I32]]), 0],
    [0x60, ...vector([[I32], [I32], [I32]]), ...vector([[I32]])],
  ];
  // One shared memory, at least one page, at most 65536 (4 GiB), imported as env.memory.
  const memoryImport = [...utf8Name("env"), ...utf8Name("memory"), 0x02, 0x03, 1, 0x80, 0x80, 4];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(2, vector([memoryImport])),
    ...section(3, vector(kernels.map(([, , type]) => [type]))),
    ...section(7, vector(kernels.map(([name], i) => [...utf8Name(name), 0x00, i]))),
    ...section(10, vector(kernels.map(([, f]) => f.encode()))),
  ];
  return new Uint8Array(bytes);
}
