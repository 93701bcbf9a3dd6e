// The text kernels of a Merkle tree, as WebAssembly function bodies: hexNodes writes 32-byte
// values as 0x-hex (every proof and the root leave as text), parseHex reads the digests a batch
// comes with. Eight digits at a time in i64 arithmetic, no lookup table and no branch per digit.
import { FunctionBuilder, I32, I64, OP, unsignedLeb, VOID } from "../hash/wasmAssembler.ts";

// hexNodes(dst, src, count)
export function buildHexNodes(): FunctionBuilder {
  const f = new FunctionBuilder(3);
  const [dst, src, count] = [0, 1, 2];
  const end = f.local(I32);
  const x = f.local(I64);
  const nibbles = f.local(I64);
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
    f.get(dst);
    pushDigits(f, nibbles);
    f.op(OP.i64Store, 0, ...unsignedLeb(2 + 8 * chunk));
  }
  f.get(src).i32(32).op(OP.i32Add).set(src);
  f.get(dst).i32(66).op(OP.i32Add).set(dst);
  f.op(OP.br, 0, OP.end, OP.end);
  return f;
}

// parseHex(src, dst, count) -> parsed
export function buildParseHex(): FunctionBuilder {
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
    pushDigits(f, nibbles);
    f.get(lower).op(OP.i64Xor, OP.i64Or);
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

/**
 * Emits the code that pushes the eight lower-case digit bytes of the eight nibbles in local
 * `nibbles` (one per byte): digit of n = n + "0", plus 39 more ("a" - "0" - 10) when n + 6 carries
 * into bit 4. Inlined in each kernel that uses it: no call per word at run time.
 */
function pushDigits(f: FunctionBuilder, nibbles: number): void {
  const ones = 0x0101010101010101n;
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
  f.i64(39n).op(OP.i64Mul, OP.i64Add);
}
