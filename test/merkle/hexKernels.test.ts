// The hex text kernels (src/merkle/hexKernels.ts): node text exactly as 0x and lower-case
// digits, and digests of either case parsed back, stopping at the first byte that is not a digit.
import { expect } from "chai";
import { type Hex, hexToBytes } from "viem";
import { DATA_OFFSET } from "../../src/merkle/wasmKernels.ts";
import { kernelsWithMemory, read } from "./kernelMemory.ts";
import { randomDigests } from "./reference.ts";

describe("merkle: WebAssembly hex kernels", () => {
  it("hexNodes writes each value as 0x and 64 lower-case hex digits", () => {
    const { kernels, bytes } = kernelsWithMemory();
    const values = [
      ...randomDigests(5, 4),
      `0x${"00".repeat(32)}`,
      `0x${"ff".repeat(32)}`,
      `0x${"0123456789abcdef".repeat(4)}`,
    ] as Hex[];
    values.forEach((value, i) => {
      bytes.set(hexToBytes(value), DATA_OFFSET + 32 * i);
    });
    const textAt = DATA_OFFSET + 32 * values.length + 1;
    kernels.hexNodes(textAt, DATA_OFFSET, values.length);
    const text = new TextDecoder().decode(bytes.slice(textAt, textAt + 66 * values.length));
    expect(text).to.equal(values.join(""));
  });

  it("parseHex reads 0x-hex of either case back into the bytes", () => {
    const { kernels, bytes } = kernelsWithMemory();
    const values = randomDigests(20, 9);
    const texts = values.map((value, i) =>
      i % 2 === 0 ? value : `0x${value.slice(2).toUpperCase()}`,
    );
    bytes.set(new TextEncoder().encode(texts.join("")), DATA_OFFSET);
    const dst = DATA_OFFSET + 66 * texts.length;
    expect(kernels.parseHex(DATA_OFFSET, dst, texts.length)).to.equal(texts.length);
    values.forEach((value, i) => {
      expect(read(bytes, dst + 32 * i)).to.equal(value);
    });
  });

  it("parseHex stops at any byte that is not a hex digit, and at a missing 0x", () => {
    const { kernels, bytes } = kernelsWithMemory();
    const hexDigit = /^[0-9a-fA-F]$/;
    for (let byte = 0; byte < 256; byte++) {
      const text = new TextEncoder().encode(`0x${"5".repeat(64)}`);
      text[2 + (byte % 64)] = byte;
      bytes.set(text, DATA_OFFSET + 66);
      bytes.set(new TextEncoder().encode(`0x${"a".repeat(64)}`), DATA_OFFSET);
      const valid = hexDigit.test(String.fromCharCode(byte));
      expect(kernels.parseHex(DATA_OFFSET, DATA_OFFSET + 200, 2), `byte ${byte}`).to.equal(
        valid ? 2 : 1,
      );
    }
    bytes.set(new TextEncoder().encode(`0X${"a".repeat(64)}`), DATA_OFFSET);
    expect(kernels.parseHex(DATA_OFFSET, DATA_OFFSET + 200, 1)).to.equal(0);
  });
});
