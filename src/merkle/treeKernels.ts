// The tree kernels of buildMerkleTree, as WebAssembly function bodies: hashLeaves, hashNodes and
// placeLeaves (what each does is in wasmKernels.ts, which assembles them into one module). The
// hashing kernels keep two keccak states in SIMD locals (wasmKeccak.ts) and loop over a whole
// range inside WebAssembly, so the per-call overhead is paid once per range, not once per hash:
// on one thread, 3.4x hash-wasm's keccak on 64-byte messages and 5x on a million-leaf root
// (bench/merkle.bench.ts, merkle.keccak64.* and merkle.1m.root.oneThread.*).
import { FunctionBuilder, I32, I64, OP, VOID } from "../hash/wasmAssembler.ts";
import {
  emitPadding,
  emitPair,
  emitPermutation,
  emitStoreLane,
  keccakLocals,
} from "../hash/wasmKeccak.ts";

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
export function buildHashLeaves(): FunctionBuilder {
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
export function buildHashNodes(): FunctionBuilder {
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
export function buildPlaceLeaves(): FunctionBuilder {
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
