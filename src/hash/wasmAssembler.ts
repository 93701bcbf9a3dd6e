// Just the part of the WebAssembly binary format that credanchor's hand-written kernels need
// (src/hash/wasmKeccak.ts and keccakMessages.ts, src/merkle/treeKernels.ts and hexKernels.ts):
// value types, opcodes, LEB128, sections, and a builder for one function body. Kernels are
// assembled from this code rather than shipped as binaries, so the source is all there is to
// review.
export const I32 = 0x7f;
export const I64 = 0x7e;
export const V128 = 0x7b;
export const VOID = 0x40;

export const OP = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  i32Load: 0x28,
  i64Load: 0x29,
  i64Store: 0x37,
  i32Const: 0x41,
  i64Const: 0x42,
  i32LeU: 0x4d,
  i32GeU: 0x4f,
  i32Eqz: 0x45,
  i64Ne: 0x52,
  i64GtU: 0x56,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32Shl: 0x74,
  i64Add: 0x7c,
  i64And: 0x83,
  i64Or: 0x84,
  i64Xor: 0x85,
  i64Shl: 0x86,
  i64ShrU: 0x88,
  i64Rotl: 0x89,
  i64Mul: 0x7e,
  i32Store16: 0x3b,
  i64ExtendI32U: 0xad,
  i32WrapI64: 0xa7,
  i32Load16U: 0x2f,
  i32Store: 0x36,
  i32Ne: 0x47,
  return: 0x0f,
  i32LtU: 0x49,
} as const;

/** SIMD instructions (after the 0xfd prefix); i64x2 treats a v128 as two 64-bit lanes. */
export const SIMD = {
  i8x16Shuffle: [0x0d],
  i64x2Splat: [0x12],
  i64x2ExtractLane: [0x1d],
  i64x2ReplaceLane: [0x1e],
  v128AndNot: [0x4f],
  v128Or: [0x50],
  v128Xor: [0x51],
  i64x2Shl: [0xcb, 0x01],
  i64x2ShrU: [0xcd, 0x01],
} as const;

export function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  let rest = value >>> 0;
  do {
    const byte = rest & 0x7f;
    rest >>>= 7;
    out.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return out;
}

export function signedLeb(value: bigint): number[] {
  const out: number[] = [];
  let rest = value;
  for (;;) {
    const byte = Number(rest & 0x7fn);
    rest >>= 7n;
    const done = (rest === 0n && (byte & 0x40) === 0) || (rest === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

export function utf8Name(name: string): number[] {
  const bytes = [...new TextEncoder().encode(name)];
  return [...unsignedLeb(bytes.length), ...bytes];
}

export function vector(items: number[][]): number[] {
  return [...unsignedLeb(items.length), ...items.flat()];
}

export function section(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb(content.length), ...content];
}

/** One function body under construction: its locals and its instructions. */
export class FunctionBuilder {
  readonly paramCount: number;
  readonly localTypes: number[] = [];
  readonly code: number[] = [];

  constructor(paramCount: number) {
    this.paramCount = paramCount;
  }

  local(type: number): number {
    this.localTypes.push(type);
    return this.paramCount + this.localTypes.length - 1;
  }

  locals(type: number, count: number): number[] {
    return Array.from({ length: count }, () => this.local(type));
  }

  op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  get(local: number): this {
    return this.op(OP.localGet, ...unsignedLeb(local));
  }

  set(local: number): this {
    return this.op(OP.localSet, ...unsignedLeb(local));
  }

  i32(value: number): this {
    return this.op(OP.i32Const, ...signedLeb(BigInt(value)));
  }

  i64(value: bigint): this {
    return this.op(OP.i64Const, ...signedLeb(BigInt.asIntN(64, value)));
  }

  simd(name: keyof typeof SIMD, ...immediates: number[]): this {
    return this.op(0xfd, ...SIMD[name], ...immediates);
  }

  /** Pushes a v128 holding `value` in both lanes. */
  splat(value: bigint): this {
    return this.i64(value).simd("i64x2Splat");
  }

  /** `local = value` for an i64 local. */
  setI64(local: number, value: bigint): this {
    return this.i64(value).set(local);
  }

  /** Pushes the i64 at `address local + offset`. */
  load64(address: number, offset: number): this {
    return this.get(address).op(OP.i64Load, 3, ...unsignedLeb(offset));
  }

  /** Stores i64 local `value` at `address local + offset`. */
  store64(address: number, offset: number, value: number): this {
    return this.get(address)
      .get(value)
      .op(OP.i64Store, 3, ...unsignedLeb(offset));
  }

  encode(): number[] {
    const groups = this.localTypes.map((type) => [1, type]);
    const body = [...vector(groups), ...this.code, OP.end];
    return [...unsignedLeb(body.length), ...body];
  }
}
