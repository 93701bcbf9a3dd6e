// Keccak-f[1600] for WebAssembly kernels: the round constants (read from the first 192 bytes of
// a kernel's memory), and the permutation emitted over 25 v128 locals, each holding the same lane
// of two independent states (i64x2). Used by the Merkle tree kernels (src/merkle/treeKernels.ts)
// and by keccakMessages.ts, which hashes many messages of any length in one call.
import { type FunctionBuilder, I32, OP, unsignedLeb, V128, VOID } from "./wasmAssembler.ts";

const ROUND_CONSTANTS = [
  0x0000000000000001n,
  0x0000000000008082n,
  0x800000000000808an,
  0x8000000080008000n,
  0x000000000000808bn,
  0x0000000080000001n,
  0x8000000080008081n,
  0x8000000000008009n,
  0x000000000000008an,
  0x0000000000000088n,
  0x0000000080008009n,
  0x000000008000000an,
  0x000000008000808bn,
  0x800000000000008bn,
  0x8000000000008089n,
  0x8000000000008003n,
  0x8000000000008002n,
  0x8000000000000080n,
  0x000000000000800an,
  0x800000008000000an,
  0x8000000080008081n,
  0x8000000000008080n,
  0x0000000080000001n,
  0x8000000080008008n,
];

/** Rho rotation of lane x + 5y. */
const ROTATIONS = [
  0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14,
];

/** Writes the round constants the kernels read into the first bytes of `memory`. */
export function writeRoundConstants(memory: WebAssembly.Memory): void {
  const view = new DataView(memory.buffer);
  ROUND_CONSTANTS.forEach((rc, round) => {
    view.setBigUint64(round * 8, rc, true);
  });
}

// // Each local holds the same lane of two independent keccak states (i64x2): two leaves, or two
// nodes of one level, are hashed in one pass. Measured here, that is 1.3x the throughput of one
// state in i64 locals (3.3 to 4.4 million permutations a second per core); chi's AND-NOT is one
// instruction, and only the rotations cost more (shift, shift, or; a byte shuffle for 8 and 56).

export interface KeccakLocals {
  a: number[];
  b: number[];
  c: number[];
  d: number;
  round: number;
}

export function keccakLocals(f: FunctionBuilder): KeccakLocals {
  return {
    a: f.locals(V128, 25),
    b: f.locals(V128, 25),
    c: f.locals(V128, 5),
    d: f.local(V128),
    round: f.local(I32),
  };
}

/** Pushes v128 local `x` with both 64-bit lanes rotated left by `r`. */
export function emitRotate(f: FunctionBuilder, x: number, r: number): void {
  f.get(x);
  if (r === 0) return;
  if (r % 8 === 0) {
    const bytes = [0, 8].flatMap((half) =>
      Array.from({ length: 8 }, (_, i) => half + ((i - r / 8 + 8) % 8)),
    );
    f.get(x).simd("i8x16Shuffle", ...bytes);
    return;
  }
  f.i32(r).simd("i64x2Shl");
  f.get(x)
    .i32(64 - r)
    .simd("i64x2ShrU")
    .simd("v128Or");
}

/** Emits keccak-f[1600] over the 25 lanes in locals `a`, as a 24-iteration loop. */
export function emitPermutation(f: FunctionBuilder, { a, b, c, d, round }: KeccakLocals): void {
  f.i32(0).set(round);
  f.op(OP.loop, VOID);
  for (let x = 0; x < 5; x++) {
    f.get(a[x]!);
    for (let y = 1; y < 5; y++) f.get(a[x + 5 * y]!).simd("v128Xor");
    f.set(c[x]!);
  }
  for (let x = 0; x < 5; x++) {
    f.get(c[(x + 4) % 5]!);
    emitRotate(f, c[(x + 1) % 5]!, 1);
    f.simd("v128Xor").set(d);
    for (let y = 0; y < 5; y++) {
      f.get(a[x + 5 * y]!)
        .get(d)
        .simd("v128Xor")
        .set(a[x + 5 * y]!);
    }
  }
  for (let x = 0; x < 5; x++) {
    for (let y = 0; y < 5; y++) {
      const from = x + 5 * y;
      emitRotate(f, a[from]!, ROTATIONS[from]!);
      f.set(b[y + 5 * ((2 * x + 3 * y) % 5)]!);
    }
  }
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 5; x++) {
      // a = b[x] ^ (~b[x + 1] & b[x + 2]); v128.andnot(p, q) is p & ~q.
      f.get(b[((x + 2) % 5) + 5 * y]!)
        .get(b[((x + 1) % 5) + 5 * y]!)
        .simd("v128AndNot")
        .get(b[x + 5 * y]!)
        .simd("v128Xor")
        .set(a[x + 5 * y]!);
    }
  }
  // a[0] ^= roundConstants[round]; round counts bytes into the table at address 0.
  f.get(a[0]!).get(round).op(OP.i64Load, 3, 0).simd("i64x2Splat").simd("v128Xor");
  f.set(a[0]!);
  f.get(round).i32(8).op(OP.i32Add).set(round);
  f.get(round)
    .i32(8 * 24)
    .op(OP.i32LtU, OP.brIf, 0, OP.end);
}

/** Zeroes lanes `from` .. 24 and applies keccak256's padding to a message of `from` lanes. */
export function emitPadding(f: FunctionBuilder, a: number[], from: number): void {
  for (let i = from; i < 25; i++) f.splat(0n).set(a[i]!);
  f.splat(1n).set(a[from]!);
  f.splat(1n << 63n).set(a[16]!);
}

/** `local = [first, second]` from two i64 locals. */
export function emitPair(f: FunctionBuilder, local: number, first: number, second: number): void {
  f.get(first).simd("i64x2Splat").get(second).simd("i64x2ReplaceLane", 1).set(local);
}

/** Stores lane `lane` of v128 local `value` as an i64 at `address local + offset`. */
export function emitStoreLane(
  f: FunctionBuilder,
  address: number,
  offset: number,
  value: number,
  lane: number,
) {
  f.get(address)
    .get(value)
    .simd("i64x2ExtractLane", lane)
    .op(OP.i64Store, 3, ...unsignedLeb(offset));
}
