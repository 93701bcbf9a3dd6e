import { keccak_256 } from "@noble/hashes/sha3.js";
import { expect } from "chai";
import fc from "fast-check";
import { keccak256, keccak256Into } from "../../src/hash/keccak256.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("hash/keccak256", () => {
  it("hashes the empty string to keccak256's known value", () => {
    expect(hex(keccak256(new Uint8Array()))).to.equal(
      "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
    );
  });

  it("matches @noble/hashes at every length around the 136-byte block boundary", () => {
    for (let length = 0; length <= 3 * 136 + 1; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(hex(keccak256(data)), `length ${length}`).to.equal(hex(keccak_256(data)));
    }
  });

  it("matches @noble/hashes on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_000 }), (data) => {
        expect(hex(keccak256(data))).to.equal(hex(keccak_256(data)));
      }),
    );
  });

  it("hashes a slice of a buffer into a slice of another (keccak256Into)", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.nat(40),
        fc.nat(40),
        fc.nat(40),
        (data, before, after, outOffset) => {
          const buffer = new Uint8Array(before + data.length + after).fill(0xa5);
          buffer.set(data, before);
          const out = new Uint8Array(outOffset + 32 + 8).fill(0x5a);
          keccak256Into(buffer, before, before + data.length, out, outOffset);
          expect(hex(out.subarray(outOffset, outOffset + 32))).to.equal(hex(keccak_256(data)));
          expect(out.subarray(0, outOffset).every((b) => b === 0x5a)).to.equal(true);
          expect(out.subarray(outOffset + 32).every((b) => b === 0x5a)).to.equal(true);
        },
      ),
    );
  });
});
