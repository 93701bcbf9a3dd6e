import { expect } from "chai";
import fc from "fast-check";
import { fromStatusWords, toStatusWords } from "../../src/chain/statusWords.ts";
import { CredanchorError } from "../../src/errors.ts";

describe("chain/statusWords", () => {
  it("puts indices of one word into one mask", () => {
    expect(toStatusWords([0, 5, 255], 1000)).to.deep.equal([
      { word: 0n, mask: (1n << 255n) | (1n << 5n) | 1n },
    ]);
  });

  it("sorts words ascending whatever the order of indices", () => {
    expect(toStatusWords([700, 3, 256], 1000).map((w) => w.word)).to.deep.equal([0n, 1n, 2n]);
  });

  it("round-trips any set of indices", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 9_999 }), { maxLength: 300 }),
        (indices) => {
          expect(fromStatusWords(toStatusWords(indices, 10_000))).to.deep.equal(
            [...indices].sort((a, b) => a - b),
          );
        },
      ),
    );
  });

  it("rejects an index at or past the leaf count, naming it", () => {
    expect(() => toStatusWords([10], 10))
      .to.throw(CredanchorError, /index 10 is outside the batch/)
      .with.property("code", "INDEX_OUT_OF_RANGE");
  });

  it("rejects negative and fractional indices", () => {
    expect(() => toStatusWords([-1], 10)).to.throw(CredanchorError);
    expect(() => toStatusWords([1.5], 10)).to.throw(CredanchorError);
  });
});
