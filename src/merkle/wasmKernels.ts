// The batch kernels of buildMerkleTree as a WebAssembly module, assembled here from code rather
// than shipped as a binary, so the source below is all there is to review. Each kernel loops over
// a whole range inside WebAssembly with the keccak states in SIMD locals, two at a time: the
// per-call overhead of a hash library (about half its time at 64 bytes, measured with hash-wasm)
// is paid once per range instead of once per hash.
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

import {
  FunctionBuilder,
  I32,
  I64,
  OP,
  section,
  unsignedLeb,
  utf8Name,
  VOID,
  vector,
} from "../hash/wasmAssembler.ts";
import {
  emitPadding,
  emitPair,
  emitPermutation,
  emitStoreLane,
  keccakLocals,
} from "../hash/wasmKeccak.ts";

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

/** Pushes the byte-reversed value of i64 local `x` (big-endian order for comparison). */
function emitByteSwap(f: FunctionBuilder, x: number, t: number): void {
  const m8 = 0x00ff00ff00ff00ffn;
  const m16 = 0x0000ffff0000ffffn;
  f.get(x).i64(8n).op(OP.i64ShrU).i64(m8).op(OP.i64And);
  f.get(x).i64(m8).op(OP.i64And).i64(8n).op(OP.i64Shl, OP.i64Or).set(t);
  f.get(t).i64(16n).op(OP.i64ShrU).i64(m16).op(OP.i64And);
  f.get(t).i64(m16).op(OP.i64And).i64(16n).op(OP.i64Shl, OP.i64Or);
  f.i64(32n).op(OP.i64Rotl);
}

// hashLeaves(at, firstIndex, count): leaves at and at + 32 together; a last odd one is hashed
// twice over (the second state a copy of the first) and stored twice to the same place.
function buildHashLeaves(): FunctionBuilder {
  const f = new FunctionBuilder(3);
  const [at, firstIndex, count] = [0, 1, 2];
  const k = keccakLocals(f);
  const end = f.local(I32);
  const second = f.local(I32);
  const hasSecond = f.local(I32);
  const index = f.local(I64);
  const secondIndex = f.local(I64);
  const t = f.local(I64);
  const words = f.locals(I64, 2);
  f.get(at).get(count).i32(5).op(OP.i32Shl, OP.i32Add).set(end);
  f.get(firstIndex).op(OP.i64ExtendI32U).set(index);
  f.op(OP.block, VOID, OP.loop, VOID);
  f.get(at).get(end).op(OP.i32GeU, OP.brIf, 1);
  f.get(at).i32(32).op(OP.i32Add).get(end).op(OP.i32LtU).set(hasSecond);
  f.get(at).i32(32).op(OP.i32Add).get(at).get(hasSecond).op(OP.select).set(second);
  f.get(index).i64(1n).op(OP.i64Add).get(index).get(hasSecond).op(OP.select).set(secondIndex);
  // abi.encode(uint256 index, bytes32 digest): the index fills bytes 24..31 big-endian.
  for (let lane = 0; lane < 3; lane++) f.splat(0n).set(k.a[lane]!);
  emitByteSwap(f, index, t);
  f.set(words[0]!);
  emitByteSwap(f, secondIndex, t);
  f.set(words[1]!);
  emitPair(f, k.a[3]!, words[0]!, words[1]!);
  for (let lane = 0; lane < 4; lane++) {
    f.load64(at, 8 * lane).set(words[0]!);
    f.load64(second, 8 * lane).set(words[1]!);
    emitPair(f, k.a[4 + lane]!, words[0]!, words[1]!);
  }
  emitPadding(f, k.a, 8);
  emitPermutation(f, k);
  emitPadding(f, k.a, 4);
  emitPermutation(f, k);
  for (let lane = 0; lane < 4; lane++) {
    emitStoreLane(f, at, 8 * lane, k.a[lane]!, 0);
    emitStoreLane(f, second, 8 * lane, k.a[lane]!, 1);
  }
  f.get(at).i32(64).op(OP.i32Add).set(at);
  f.get(index).i64(2n).op(OP.i64Add).set(index);
  f.op(OP.br, 0, OP.end, OP.end);
  return f;
}

/**
 * Loads the children of node `node` (i32 local) and leaves them in byte order in `sorted`
 * (eight i64 locals: the smaller child's four lanes, then the larger's).
 */
function emitSortedChildren(
  f: FunctionBuilder,
  tree: number,
  node: number,
  sorted: number[],
  scratch: { children: number; swap: number; left: number[]; right: number[]; t: number },
): void {
  const { children, swap, left, right, t } = scratch;
  // Node j is at tree + 32 j; its children 2j + 1 and 2j + 2 are at tree + 64 j + 32.
  f.get(tree).get(node).i32(6).op(OP.i32Shl, OP.i32Add).i32(32).op(OP.i32Add).set(children);
  for (let lane = 0; lane < 4; lane++) {
    f.load64(children, 8 * lane).set(left[lane]!);
    f.load64(children, 32 + 8 * lane).set(right[lane]!);
  }
  // swap = left > right as byte strings: the first differing lane decides, read big-endian.
  for (let lane = 0; lane < 3; lane++) {
    f.get(left[lane]!).get(right[lane]!).op(OP.i64Ne, OP.if, I32);
    emitByteSwap(f, left[lane]!, t);
    emitByteSwap(f, right[lane]!, t);
    f.op(OP.i64GtU, OP.else);
  }
  emitByteSwap(f, left[3]!, t);
  emitByteSwap(f, right[3]!, t);
  f.op(OP.i64GtU, OP.end, OP.end, OP.end).set(swap);
  for (let lane = 0; lane < 4; lane++) {
    f.get(right[lane]!).get(left[lane]!).get(swap).op(OP.select).set(sorted[lane]!);
    f.get(left[lane]!)
      .get(right[lane]!)
      .get(swap)
      .op(OP.select)
      .set(sorted[4 + lane]!);
  }
}

// hashNodes(tree, from, to): nodes j and j - 1 together while both are in range and the pair
// does not hold node 0 (whose child is node 1); otherwise one node, hashed twice over.
function buildHashNodes(): FunctionBuilder {
  const f = new FunctionBuilder(3);
  const [tree, from, to] = [0, 1, 2];
  const k = keccakLocals(f);
  const first = f.local(I32);
  const second = f.local(I32);
  const firstAt = f.local(I32);
  const secondAt = f.local(I32);
  const sortedFirst = f.locals(I64, 8);
  const sortedSecond = f.locals(I64, 8);
  const scratch = {
    children: f.local(I32),
    swap: f.local(I32),
    left: f.locals(I64, 4),
    right: f.locals(I64, 4),
    t: f.local(I64),
  };
  f.op(OP.block, VOID, OP.loop, VOID);
  f.get(to).get(from).op(OP.i32LeU, OP.brIf, 1);
  f.get(to).i32(1).op(OP.i32Sub).set(first);
  // second = first - 1 when first - 1 >= from and first >= 2, else first.
  f.get(first).i32(1).op(OP.i32Sub).get(first);
  f.get(from).get(first).op(OP.i32LtU);
  f.i32(1).get(first).op(OP.i32LtU, 0x71 /* i32.and */, OP.select).set(second);
  f.get(second).set(to);
  f.get(tree).get(first).i32(5).op(OP.i32Shl, OP.i32Add).set(firstAt);
  f.get(tree).get(second).i32(5).op(OP.i32Shl, OP.i32Add).set(secondAt);
  emitSortedChildren(f, tree, first, sortedFirst, scratch);
  emitSortedChildren(f, tree, second, sortedSecond, scratch);
  for (let lane = 0; lane < 8; lane++)
    emitPair(f, k.a[lane]!, sortedFirst[lane]!, sortedSecond[lane]!);
  emitPadding(f, k.a, 8);
  emitPermutation(f, k);
  for (let lane = 0; lane < 4; lane++) {
    emitStoreLane(f, firstAt, 8 * lane, k.a[lane]!, 0);
    emitStoreLane(f, secondAt, 8 * lane, k.a[lane]!, 1);
  }
  f.op(OP.br, 0, OP.end, OP.end);
  return f;
}

// placeLeaves(dst, src, order, count)
function buildPlaceLeaves(): FunctionBuilder {
  const f = new FunctionBuilder(4);
  const [dst, src, order, count] = [0, 1, 2, 3];
  const from = f.local(I32);
  const to = f.local(I32);
  const word = f.local(I64);
  // dst walks from the last slot down while order walks up.
  f.get(dst).get(count).i32(5).op(OP.i32Shl, OP.i32Add).set(to);
  f.op(OP.block, VOID, OP.loop, VOID);
  f.get(to).get(dst).op(OP.i32LeU, OP.brIf, 1);
  f.get(to).i32(32).op(OP.i32Sub).set(to);
  f.get(src).get(order).op(OP.i32Load, 2, 0).i32(5).op(OP.i32Shl, OP.i32Add).set(from);
  for (let lane = 0; lane < 4; lane++) {
    f.load64(from, 8 * lane).set(word);
    f.store64(to, 8 * lane, word);
  }
  f.get(order).i32(4).op(OP.i32Add).set(order);
  f.op(OP.br, 0, OP.end, OP.end);
  return f;
}

// hexNodes(dst, src, count)
function buildHexNodes(): FunctionBuilder {
  const f = new FunctionBuilder(3);
  const [dst, src, count] = [0, 1, 2];
  const end = f.local(I32);
  const x = f.local(I64);
  const nibbles = f.local(I64);
  const ones = 0x0101010101010101n;
  f.get(src).get(count).i32(5).op(OP.i32Shl, OP.i32Add).set(end);
  f.op(OP.block, VOID, OP.loop, VOID);
  f.get(src).get(end).op(OP.i32GeU, OP.brIf, 1);
  f.get(dst).i32(0x7830 /* "0x" */).op(OP.i32Store16, 1, 0);
  for (let chunk = 0; chunk < 8; chunk++) {
    // Four bytes b0..b3 become eight digit bytes, in order: b0 >> 4, b0 & 15, b1 >> 4, ...
    f.get(src)
      .op(OP.i32Load, 2, ...unsignedLeb(4 * chunk), OP.i64ExtendI32U)
      .set(x);
    f.get(x).i64(0xff000000n).op(OP.i64And).i64(24n).op(OP.i64Shl);
    f.get(x).i64(0xff0000n).op(OP.i64And).i64(16n).op(OP.i64Shl, OP.i64Or);
    f.get(x).i64(0xff00n).op(OP.i64And).i64(8n).op(OP.i64Shl, OP.i64Or);
    f.get(x).i64(0xffn).op(OP.i64And, OP.i64Or).set(x);
    f.get(x).i64(4n).op(OP.i64ShrU).i64(0x000f000f000f000fn).op(OP.i64And);
    f.get(x).i64(0x000f000f000f000fn).op(OP.i64And).i64(8n).op(OP.i64Shl, OP.i64Or).set(nibbles);
    // Digit of nibble n: n + "0", plus 39 more ("a" - "0" - 10) when n + 6 carries into bit 4.
    f.get(dst)
      .get(nibbles)
      .i64(0x30n * ones)
      .op(OP.i64Add);
    f.get(nibbles)
      .i64(6n * ones)
      .op(OP.i64Add)
      .i64(4n)
      .op(OP.i64ShrU)
      .i64(ones)
      .op(OP.i64And);
    f.i64(39n).op(OP.i64Mul, OP.i64Add, OP.i64Store, 0, ...unsignedLeb(2 + 8 * chunk));
  }
  f.get(src).i32(32).op(OP.i32Add).set(src);
  f.get(dst).i32(66).op(OP.i32Add).set(dst);
  f.op(OP.br, 0, OP.end, OP.end);
  return f;
}

// parseHex(src, dst, count) -> parsed
function buildParseHex(): FunctionBuilder {
  const f = new FunctionBuilder(3);
  const [src, dst, count] = [0, 1, 2];
  const parsed = f.local(I32);
  const chars = f.local(I64);
  const lower = f.local(I64);
  const letter = f.local(I64);
  const nibbles = f.local(I64);
  const bad = f.local(I64);
  const pairs = f.local(I64);
  const ones = 0x0101010101010101n;
  const low = 0x000f000f000f000fn;
  const returnParsedIf = () => f.op(OP.if, VOID).get(parsed).op(OP.return, OP.end);
  f.op(OP.block, VOID, OP.loop, VOID);
  f.get(parsed).get(count).op(OP.i32GeU, OP.brIf, 1);
  f.get(src).op(OP.i32Load16U, 0, 0).i32(0x7830 /* "0x" */).op(OP.i32Ne);
  returnParsedIf();
  f.setI64(bad, 0n);
  for (let chunk = 0; chunk < 8; chunk++) {
    // Eight digits at a time. `lower` folds A-F onto a-f; a byte with bit 6 set is taken for a
    // letter (nibble = low four bits + 9), any other for a digit (nibble = low four bits).
    f.load64(src, 2 + 8 * chunk).set(chars);
    f.get(chars)
      .i64(0x20n * ones)
      .op(OP.i64Or)
      .set(lower);
    f.get(lower).i64(6n).op(OP.i64ShrU).i64(ones).op(OP.i64And).set(letter);
    f.get(lower)
      .i64(0x0fn * ones)
      .op(OP.i64And)
      .get(letter)
      .i64(9n)
      .op(OP.i64Mul, OP.i64Add);
    f.set(nibbles);
    // Valid exactly when every nibble is below 16 (which rules out g to o), writing the nibbles
    // back as lower-case digits (as hexNodes does) gives `lower` again, and only letters needed
    // folding (which rules out bytes 0x10 to 0x19).
    f.get(nibbles)
      .i64(0xf0n * ones)
      .op(OP.i64And);
    f.get(nibbles)
      .i64(0x30n * ones)
      .op(OP.i64Add);
    f.get(nibbles)
      .i64(6n * ones)
      .op(OP.i64Add)
      .i64(4n)
      .op(OP.i64ShrU)
      .i64(ones)
      .op(OP.i64And);
    f.i64(39n).op(OP.i64Mul, OP.i64Add).get(lower).op(OP.i64Xor, OP.i64Or);
    f.get(chars).get(lower).op(OP.i64Xor).get(letter).i64(5n).op(OP.i64Shl).i64(-1n);
    f.op(OP.i64Xor, OP.i64And, OP.i64Or).get(bad).op(OP.i64Or).set(bad);
    // Two nibbles to a byte (high one first), then the four bytes side by side.
    f.get(nibbles).i64(low).op(OP.i64And).i64(4n).op(OP.i64Shl);
    f.get(nibbles).i64(8n).op(OP.i64ShrU).i64(low).op(OP.i64And, OP.i64Or).set(pairs);
    f.get(dst);
    f.get(pairs).i64(0xffn).op(OP.i64And);
    f.get(pairs).i64(8n).op(OP.i64ShrU).i64(0xff00n).op(OP.i64And, OP.i64Or);
    f.get(pairs).i64(16n).op(OP.i64ShrU).i64(0xff0000n).op(OP.i64And, OP.i64Or);
    f.get(pairs).i64(24n).op(OP.i64ShrU).i64(0xff000000n).op(OP.i64And, OP.i64Or);
    f.op(OP.i32WrapI64, OP.i32Store, 2, ...unsignedLeb(4 * chunk));
  }
  f.get(bad).i64(0n).op(OP.i64Ne);
  returnParsedIf();
  f.get(src).i32(66).op(OP.i32Add).set(src);
  f.get(dst).i32(32).op(OP.i32Add).set(dst);
  f.get(parsed).i32(1).op(OP.i32Add).set(parsed);
  f.op(OP.br, 0, OP.end, OP.end);
  f.get(count);
  return f;
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
