// keccak256 of many messages of any length in one WebAssembly call: the caller lays each message
// out in the kernel's memory, padded to whole 136-byte blocks (pad), and lists where it is; the
// kernel absorbs and permutes without returning to JavaScript. Issuing hashes about eighty short
// claims per credential, where a call per hash into plain JavaScript (keccak256.ts) cost a fifth
// of a millisecond; src/credential/commitClaims.ts is the user. Same bytes out as keccak256.ts.

import { FunctionBuilder, I32, OP, section, utf8Name, VOID, vector } from "./wasmAssembler.ts";
import { emitPermutation, emitStoreLane, keccakLocals, writeRoundConstants } from "./wasmKeccak.ts";

/** Bytes per block of keccak256 (its rate). */
export const KECCAK_RATE = 136;
/** Bytes before the first message byte: the round constants, rounded up to a cache line. */
const DATA_OFFSET = 256;
const PAGE = 65_536;

/**
 * Hashes laid out in one memory. Use: reset(), then for each message reserve(bytes) → offset,
 * write the message there, pad(offset, length) → its block count and hash(offset, blocks, out);
 * run() hashes everything listed; read digests with `bytes`.
 */
export class KeccakMessages {
  private readonly memory: WebAssembly.Memory;
  private readonly kernel: (table: number, count: number) => void;
  /** The memory as bytes (renewed when the memory grows). */
  bytes: Uint8Array;
  private table: number[] = [];
  private top = DATA_OFFSET;

  constructor() {
    this.memory = new WebAssembly.Memory({ initial: 4 });
    writeRoundConstants(this.memory);
    const instance = new WebAssembly.Instance(messagesModule(), { env: { memory: this.memory } });
    this.kernel = instance.exports.hashMessages as (table: number, count: number) => void;
    this.bytes = new Uint8Array(this.memory.buffer);
  }

  /** Forgets every message: the memory is reused from the start. */
  reset(): void {
    this.table = [];
    this.top = DATA_OFFSET;
  }

  /**
   * Room for `bytes` bytes (a message's upper bound) plus its padding, 8-byte aligned; returns
   * its offset. The space is zeroed, as padding requires.
   */
  reserve(bytes: number): number {
    const at = this.top;
    const size = (Math.floor(bytes / KECCAK_RATE) + 1) * KECCAK_RATE;
    this.ensure(at + size);
    this.bytes.fill(0, at, at + size);
    this.top = at + size;
    return at;
  }

  /** Gives back what reserve() took beyond a message's padded length. */
  shrink(at: number, length: number): void {
    this.top = at + blocksFor(length) * KECCAK_RATE;
  }

  /** keccak's padding after `length` bytes at `at` (the space came zeroed from reserve). */
  pad(at: number, length: number): number {
    const blocks = blocksFor(length);
    this.bytes[at + length]! ^= 0x01;
    this.bytes[at + blocks * KECCAK_RATE - 1]! ^= 0x80;
    return blocks;
  }

  /** Lists the padded message at `at` (`blocks` blocks) to be hashed into 32 bytes at `out`. */
  hash(at: number, blocks: number, out: number): void {
    this.table.push(at, blocks, out);
  }

  /** Room for `count` 32-byte digests; returns the offset of the first. */
  digests(count: number): number {
    const at = this.top;
    this.ensure(at + 32 * count);
    this.top = at + 32 * count;
    return at;
  }

  /** Hashes every listed message. */
  run(): void {
    const count = this.table.length / 3;
    if (count === 0) return;
    const at = this.top;
    this.ensure(at + 12 * count);
    new Int32Array(this.memory.buffer, at, 3 * count).set(this.table);
    this.kernel(at, count);
    this.table = [];
  }

  private ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    this.memory.grow(Math.ceil((end - have) / PAGE));
    this.bytes = new Uint8Array(this.memory.buffer);
  }
}

/** Blocks of a padded message of `length` bytes (padding takes at least one byte). */
function blocksFor(length: number): number {
  return Math.floor(length / KECCAK_RATE) + 1;
}

let compiled: WebAssembly.Module | undefined;

function messagesModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(assemble());
  return compiled;
}

// hashMessages(table, count): entry i of the table is three i32s, (at, blocks, out): the padded
// message of `blocks` blocks at `at` is absorbed block by block into a fresh state (both halves
// of each v128 lane hold the same state), and the first four lanes go to `out` (32 bytes).
function buildHashMessages(): FunctionBuilder {
  const f = new FunctionBuilder(2);
  const [table, count] = [0, 1];
  const k = keccakLocals(f);
  const entry = f.local(I32);
  const end = f.local(I32);
  const at = f.local(I32);
  const blocks = f.local(I32);
  const out = f.local(I32);
  f.get(table).set(entry);
  // end = table + 12 count
  f.get(count).i32(3).op(OP.i32Mul).i32(2).op(OP.i32Shl).get(table).op(OP.i32Add).set(end);
  f.op(OP.block, VOID, OP.loop, VOID);
  f.get(entry).get(end).op(OP.i32GeU, OP.brIf, 1);
  f.get(entry).op(OP.i32Load, 2, 0).set(at);
  f.get(entry).op(OP.i32Load, 2, 4).set(blocks);
  f.get(entry).op(OP.i32Load, 2, 8).set(out);
  for (let lane = 0; lane < 25; lane++) f.splat(0n).set(k.a[lane]!);
  f.op(OP.block, VOID, OP.loop, VOID);
  f.get(blocks).op(OP.i32Eqz, OP.brIf, 1);
  for (let lane = 0; lane < KECCAK_RATE / 8; lane++) {
    f.get(k.a[lane]!)
      .load64(at, 8 * lane)
      .simd("i64x2Splat")
      .simd("v128Xor")
      .set(k.a[lane]!);
  }
  emitPermutation(f, k);
  f.get(at).i32(KECCAK_RATE).op(OP.i32Add).set(at);
  f.get(blocks).i32(1).op(OP.i32Sub).set(blocks);
  f.op(OP.br, 0, OP.end, OP.end);
  for (let lane = 0; lane < 4; lane++) emitStoreLane(f, out, 8 * lane, k.a[lane]!, 0);
  f.get(entry).i32(12).op(OP.i32Add).set(entry);
  f.op(OP.br, 0, OP.end, OP.end);
  return f;
}

function assemble(): Uint8Array<ArrayBuffer> {
  const type = [0x60, ...vector([[I32], [I32]]), 0];
  // One memory, not shared, at least one page, imported as env.memory.
  const memoryImport = [...utf8Name("env"), ...utf8Name("memory"), 0x02, 0x00, 1];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector([type])),
    ...section(2, vector([memoryImport])),
    ...section(3, vector([[0]])),
    ...section(7, vector([[...utf8Name("hashMessages"), 0x00, 0]])),
    ...section(10, vector([buildHashMessages().encode()])),
  ];
  return new Uint8Array(bytes);
}
