// The bit-interleaved lane form (src/hash/interleavedLanes.ts) must lose nothing: lanes written
// in come back out the same, whole (readLanes) or a word at a time (laneWord).
import { expect } from "chai";
import fc from "fast-check";
import { laneWord, readLanes, writeLanes } from "../../src/hash/interleavedLanes.ts";

describe("hash: interleaved lanes", () => {
  it("reads back exactly the lanes it was given, whole or word by word", () => {
    fc.assert(
      fc.property(fc.uint32Array({ minLength: 50, maxLength: 50 }), (words) => {
        const state = new Int32Array(50);
        writeLanes(state, 0, Uint32Array.from(words), 25);
        const back = new Uint32Array(50);
        readLanes(state, back, 25);
        expect([...back]).to.deep.equal([...words]);
        expect(Array.from({ length: 50 }, (_, k) => laneWord(state, k))).to.deep.equal([...words]);
      }),
    );
  });

  it("writes lanes from any first lane on, leaving the ones before untouched", () => {
    const state = new Int32Array(50);
    writeLanes(state, 4, Uint32Array.of(0x01234567, 0x89abcdef), 1);
    expect([...state.subarray(0, 8)]).to.deep.equal([0, 0, 0, 0, 0, 0, 0, 0]);
    expect([laneWord(state, 8), laneWord(state, 9)]).to.deep.equal([0x01234567, 0x89abcdef]);
  });
});
