import { expect } from "chai";
import type { Hex } from "viem";
import { batchPermutation, newIndexKey } from "../../src/issuer/indexPermutation.ts";
import { spearmanRho } from "./fixtures.ts";

const KEY: Hex = `0x${"42".repeat(32)}`;

describe("issuer/indexPermutation", () => {
  it("gives every row of a batch a distinct index in 0..n-1", () => {
    const permutation = batchPermutation(newIndexKey(), 0, 1_000);
    expect([...permutation].sort((a, b) => a - b)).to.deep.equal(
      Array.from({ length: 1_000 }, (_, i) => i),
    );
  });

  it("gives the same indexes for the same key, batch and size (what a rerun needs)", () => {
    expect(batchPermutation(KEY, 3, 500)).to.deep.equal(batchPermutation(KEY, 3, 500));
  });

  it("gives other indexes under another key or for another batch", () => {
    const first = batchPermutation(KEY, 0, 1_000);
    expect(batchPermutation(newIndexKey(), 0, 1_000)).not.to.deep.equal(first);
    expect(batchPermutation(KEY, 1, 1_000)).not.to.deep.equal(first);
  });

  it("keeps no trace of input order: rank correlation of row and index is near 0", () => {
    const permutation = batchPermutation(newIndexKey(), 0, 1_000);
    // For a uniform permutation rho has a standard deviation of 1/sqrt(999) ~ 0.032.
    expect(Math.abs(spearmanRho([...permutation]))).to.be.below(0.15);
  });

  it("spreads each row over all indexes alike (no draw is favoured)", () => {
    // 3 rows in 6,000 batches: each of the 6 orders is expected 1,000 times, sd ~29.
    const seen = new Map<string, number>();
    for (let batch = 0; batch < 6_000; batch++) {
      const order = batchPermutation(KEY, batch, 3).join("");
      seen.set(order, (seen.get(order) ?? 0) + 1);
    }
    expect(seen.size).to.equal(6);
    for (const [order, count] of seen) expect(count, order).to.be.within(850, 1_150);
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => batchPermutation("0x1234", 0, 10)).to.throw(RangeError, /32 bytes/);
  });
});
