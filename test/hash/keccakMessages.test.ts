// The WebAssembly message kernel (src/hash/keccakMessages.ts) against @noble/hashes' keccak_256:
// every length around the block boundaries, many messages in one call, and messages big enough
// to make the kernel's memory grow between calls.
import { keccak_256 } from "@noble/hashes/sha3.js";
import { expect } from "chai";
import fc from "fast-check";
import { KECCAK_RATE, KeccakMessages } from "../../src/hash/keccakMessages.ts";

function hashAll(hasher: KeccakMessages, messages: readonly Uint8Array[]): string[] {
  hasher.reset();
  const out = hasher.digests(messages.length);
  messages.forEach((message, i) => {
    const at = hasher.reserve(message.length);
    hasher.bytes.set(message, at);
    hasher.hash(at, hasher.pad(at, message.length), out + 32 * i);
  });
  hasher.run();
  return messages.map((_, i) =>
    Buffer.from(hasher.bytes.subarray(out + 32 * i, out + 32 * i + 32)).toString("hex"),
  );
}

const reference = (message: Uint8Array) => Buffer.from(keccak_256(message)).toString("hex");

describe("hash: keccak256 of many messages in one WebAssembly call", () => {
  it("equals keccak_256 for every length from 0 to three blocks and a byte", () => {
    const messages = Array.from({ length: 3 * KECCAK_RATE + 2 }, (_, n) =>
      Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff),
    );
    expect(hashAll(new KeccakMessages(), messages)).to.deep.equal(messages.map(reference));
  });

  it("equals keccak_256 for random batches, reusing one memory across calls", () => {
    const hasher = new KeccakMessages();
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 40 }), (messages) => {
        expect(hashAll(hasher, messages)).to.deep.equal(messages.map(reference));
      }),
      { numRuns: 200 },
    );
  });

  it("grows its memory for a message larger than it holds, and keeps hashing right", () => {
    const hasher = new KeccakMessages();
    const big = Uint8Array.from({ length: 1_000_003 }, (_, i) => (i * 7) & 0xff);
    const small = Uint8Array.of(1, 2, 3);
    expect(hashAll(hasher, [small, big, small])).to.deep.equal([small, big, small].map(reference));
    expect(hashAll(hasher, [small])).to.deep.equal([reference(small)]);
  });

  it("hashes nothing when nothing is listed", () => {
    const hasher = new KeccakMessages();
    expect(() => hasher.run()).to.not.throw();
  });
});
