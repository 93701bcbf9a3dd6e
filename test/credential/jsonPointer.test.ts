import { expect } from "chai";
import fc from "fast-check";
import {
  comparePointers,
  formatPointer,
  JsonPointerError,
  parsePointer,
} from "../../src/credential/index.ts";

describe("JSON Pointers (RFC 6901)", () => {
  it("escapes ~ as ~0 and / as ~1", () => {
    expect(formatPointer(["a/b", "m~n", 0, ""])).to.equal("/a~1b/m~0n/0/");
    expect(parsePointer("/a~1b/m~0n/0/")).to.deep.equal(["a/b", "m~n", "0", ""]);
    expect(parsePointer("/~01")).to.deep.equal(["~1"]);
    expect(parsePointer("")).to.deep.equal([]);
  });

  it("round-trips any list of tokens", () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (tokens) => {
        expect(parsePointer(formatPointer(tokens))).to.deep.equal(tokens);
      }),
    );
  });

  it("refuses strings that are not pointers", () => {
    for (const text of ["a/b", "/a~", "/a~2b"]) {
      expect(() => parsePointer(text), text)
        .to.throw(JsonPointerError)
        .with.property("code", "JSON_POINTER_INVALID");
    }
  });

  it("orders pointers by their UTF-8 bytes", () => {
    expect(["/\uE000", "/\u{1F600}", "/b", "/a/b", "/a"].sort(comparePointers)).to.deep.equal([
      "/a",
      "/a/b",
      "/b",
      "/\uE000",
      "/\u{1F600}",
    ]);
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
        const bytes = Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
        expect(Math.sign(comparePointers(a, b))).to.equal(bytes);
      }),
      { numRuns: 500 },
    );
  });
});
