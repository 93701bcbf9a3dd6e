// The unrolled, bit-interleaved JavaScript permutation against @noble/hashes' keccakP, on random
// states: it must be the same function, down to every bit of all 25 lanes.
import { keccakP } from "@noble/hashes/sha3.js";
import { expect } from "chai";
import fc from "fast-check";
import { readLanes, writeLanes } from "../../src/hash/interleavedLanes.ts";
import { keccakF1600 } from "../../src/hash/keccakF1600.ts";

describe("hash: keccakF1600", () => {
  it("permutes any state as @noble/hashes' keccakP does", () => {
    fc.assert(
      fc.property(fc.uint32Array({ minLength: 50, maxLength: 50 }), (words) => {
        const lanes = Uint32Array.from(words);
        const state = new Int32Array(50);
        writeLanes(state, 0, lanes, 25);
        keccakF1600(state);
        const ours = new Uint32Array(50);
        readLanes(state, ours, 25);

        const reference = Uint32Array.from(words);
        keccakP(reference, 24);
        expect([...ours]).to.deep.equal([...reference]);
      }),
      { numRuns: 200 },
    );
  });
});
