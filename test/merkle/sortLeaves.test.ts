// sortLeaves orders 32-byte values as byte strings, including values that tie on the first four
// bytes the radix passes look at (random leaves almost never do; these are made to).
import { expect } from "chai";
import fc from "fast-check";
import { sortLeaves } from "../../src/merkle/sortLeaves.ts";

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Values drawn from a few prefixes, so many share their first 4, 5 or more bytes. */
const values = fc.array(
  fc.tuple(
    fc.constantFrom(0, 1, 0xffffffff, 0x80000000),
    fc.nat({ max: 31 }),
    fc.uint8Array({ minLength: 32, maxLength: 32 }),
  ),
  { minLength: 1, maxLength: 300 },
);

describe("merkle: sortLeaves", () => {
  it("orders any values as byte strings, ties on the first four bytes included", () => {
    fc.assert(
      fc.property(values, (drawn) => {
        const at = 8;
        const bytes = new Uint8Array(at + 32 * drawn.length);
        const items = drawn.map(([prefix, shared, rest]) => {
          const value = Uint8Array.from(rest);
          new DataView(value.buffer).setUint32(0, prefix);
          value.fill(0, 4, 4 + (shared % 28));
          return value;
        });
        items.forEach((value, i) => {
          bytes.set(value, at + 32 * i);
        });
        const order = new Uint32Array(items.length);
        sortLeaves(bytes, at, items.length, order);

        const expected = items
          .map((_, i) => i)
          .sort((a, b) => compareBytes(items[a]!, items[b]!) || a - b);
        expect([...order]).to.deep.equal(expected);
      }),
      { numRuns: 200 },
    );
  });
});
