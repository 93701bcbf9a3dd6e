// The WebAssembly kernels against the reference rules, on inputs random trees rarely produce:
// sibling pairs that agree on their first 8, 16, 24 or all 32 bytes (each lane of the byte-order
// comparison), indices past 2^32, the placement of sorted leaves, and node text in hex.
import { expect } from "chai";
import fc from "fast-check";
import { bytesToHex, type Hex, hexToBytes } from "viem";
import {
  DATA_OFFSET,
  instantiateKernels,
  treeKernelsModule,
  writeRoundConstants,
} from "../../src/merkle/wasmKernels.ts";
import { randomDigests, referenceLeaf, referencePair } from "./reference.ts";

function kernelsWithMemory(pages = 1) {
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  writeRoundConstants(memory);
  return {
    kernels: instantiateKernels(treeKernelsModule(), memory),
    bytes: new Uint8Array(memory.buffer),
  };
}

function read(bytes: Uint8Array, at: number): Hex {
  return bytesToHex(bytes.slice(at, at + 32));
}

describe("merkle: WebAssembly kernels", () => {
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

  it("hashLeaves gives the reference leaf, in place, for indices past 2^32", () => {
    const { kernels, bytes } = kernelsWithMemory();
    const digests = randomDigests(40, 1);
    digests.forEach((digest, i) => {
      bytes.set(hexToBytes(digest), DATA_OFFSET + 32 * i);
    });
    const first = 2 ** 32 - 20;
    kernels.hashLeaves(DATA_OFFSET, first, digests.length);
    digests.forEach((digest, i) => {
      expect(read(bytes, DATA_OFFSET + 32 * i), `leaf ${i}`).to.equal(
        referenceLeaf(first + i, digest),
      );
    });
  });

  it("hashNodes hashes each pair in byte order, whatever prefix the two share", () => {
    const { kernels, bytes } = kernelsWithMemory();
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.nat({ max: 32 }),
        (left, tail, shared) => {
          const right = Uint8Array.from(left);
          right.set(tail.subarray(shared), shared);
          // A three-node tree: node 0 from children 1 and 2.
          bytes.set(left, DATA_OFFSET + 32);
          bytes.set(right, DATA_OFFSET + 64);
          kernels.hashNodes(DATA_OFFSET, 0, 1);
          expect(read(bytes, DATA_OFFSET)).to.equal(
            referencePair(bytesToHex(left), bytesToHex(right)),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it("hashNodes works down from the last node, so one call hashes a whole tree", () => {
    const { kernels, bytes } = kernelsWithMemory();
    const leaves = randomDigests(5, 2);
    // Heap order: nodes 0..3 inner, 4..8 the leaves.
    leaves.forEach((leaf, k) => {
      bytes.set(hexToBytes(leaf), DATA_OFFSET + 32 * (4 + k));
    });
    kernels.hashNodes(DATA_OFFSET, 0, 4);
    const node3 = referencePair(leaves[3]!, leaves[4]!);
    const node1 = referencePair(node3, leaves[0]!);
    const node2 = referencePair(leaves[1]!, leaves[2]!);
    expect(read(bytes, DATA_OFFSET)).to.equal(referencePair(node1, node2));
  });

  it("placeLeaves fills the last slots backwards in the given order", () => {
    const { kernels, bytes } = kernelsWithMemory();
    const values = randomDigests(4, 3);
    values.forEach((value, i) => {
      bytes.set(hexToBytes(value), DATA_OFFSET + 32 * i);
    });
    const orderAt = DATA_OFFSET + 32 * 4;
    new Uint32Array(bytes.buffer, orderAt, 4).set([2, 0, 3, 1]);
    const dst = orderAt + 16;
    kernels.placeLeaves(dst, DATA_OFFSET, orderAt, 4);
    const placed = [0, 1, 2, 3].map((slot) => read(bytes, dst + 32 * slot));
    expect(placed).to.deep.equal([values[1], values[3], values[0], values[2]]);
  });
});
