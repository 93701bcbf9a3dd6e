import canonicalize from "canonicalize";
import { expect } from "chai";
import fc from "fast-check";
import { CanonicalJsonError, canonicalJson } from "../../src/credential/index.ts";

describe("canonicalJson (RFC 8785)", () => {
  it("sorts members by UTF-16 code units, not by code points", () => {
    const value = { "\uE000": 5, b: 1, "\u{1F600}": 4, a: 2, "\u20AC": 3 };
    expect(canonicalJson(value)).to.equal('{"a":2,"b":1,"\u20AC":3,"\u{1F600}":4,"\uE000":5}');
  });

  it("writes numbers in ECMAScript's shortest round-trip form", () => {
    const cases: [number, string][] = [
      [100, "100"],
      [-0, "0"],
      [1e21, "1e+21"],
      [1e-7, "1e-7"],
      [123456789012345680000, "123456789012345680000"],
      [0.1 + 0.2, "0.30000000000000004"],
      [5e-324, "5e-324"],
      [-1.5e300, "-1.5e+300"],
    ];
    for (const [value, text] of cases) expect(canonicalJson(value), text).to.equal(text);
  });

  it("escapes only quote, backslash and control characters, the short ones as \\b \\f \\n \\r \\t", () => {
    expect(canonicalJson('"\\\b\f\n\r\t\u0001\u001f\u007f\u2028é€\u{1F600}')).to.equal(
      '"\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\u007f\u2028é€\u{1F600}"',
    );
  });

  it("keeps array order and writes no whitespace", () => {
    expect(canonicalJson({ z: [3, 1, { y: null, x: true }], a: "" })).to.equal(
      '{"a":"","z":[3,1,{"x":true,"y":null}]}',
    );
  });

  it("refuses values JSON cannot carry, naming where they are", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    const sparse: number[] = new Array(3);
    sparse[0] = 1;
    sparse[2] = 3;
    const cases: [unknown, string][] = [
      [{ a: [1, Number.NaN] }, "/a/1"],
      [{ a: Number.POSITIVE_INFINITY }, "/a"],
      [{ "a/b": undefined }, "/a~1b"],
      [{ f: () => 1 }, "/f"],
      [{ d: new Date(0) }, "/d"],
      [{ m: new Map() }, "/m"],
      [{ s: "x\uD800" }, "/s"],
      [{ "\uDC00": 1 }, "/\uDC00"],
      [{ sparse }, "/sparse/1"],
      [{ n: 10n }, "/n"],
      [cycle, "/self"],
    ];
    for (const [value, pointer] of cases) {
      expect(() => canonicalJson(value), pointer)
        .to.throw(CanonicalJsonError)
        .with.property("pointer", pointer);
    }
  });

  it("agrees with the canonicalize package on any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).to.equal(canonicalize(value));
      }),
      { numRuns: 300 },
    );
  });

  it("parses back to the same canonical form", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).to.equal(text);
      }),
      { numRuns: 200 },
    );
  });
});
