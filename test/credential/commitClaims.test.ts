import { bytesToHex } from "@noble/hashes/utils.js";
import { expect } from "chai";
import fc from "fast-check";
import type { Hex } from "viem";
import { canonicalJson } from "../../src/credential/canonicalJson.ts";
import { claimDigest } from "../../src/credential/claimDigest.ts";
import { commitClaims } from "../../src/credential/commitClaims.ts";
import { credentialDigest } from "../../src/credential/credentialDigest.ts";
import { comparePointers } from "../../src/credential/jsonPointer.ts";
import { utf8Length } from "../../src/credential/text.ts";

/** Any text, including astral characters, combining marks and escapes JSON must write. */
const anyText = fc.string({ unit: "binary", maxLength: 60 });
const claim = fc.record({
  pointer: anyText.map((t) => `/${t.replaceAll("~", "~0").replaceAll("/", "~1")}`),
  value: fc.oneof(
    anyText,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
  ),
});

describe("commitClaims (the issuer's one-pass credential digest)", () => {
  it("gives the credential digest the definitions give (claimDigest, credentialDigest) for any claims", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(claim, { minLength: 1, maxLength: 50, selector: (c) => c.pointer }),
        (claims) => {
          claims.sort((a, b) => comparePointers(a.pointer, b.pointer));
          expectDefinitionsDigest(claims);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("handles values longer than its starting buffers", () => {
    const value = "é".repeat(20_000);
    const salts = new Uint8Array(16).fill(7);
    const salt = `0x${"07".repeat(16)}` as Hex;
    const reference = credentialDigest([
      { pointer: "/name", digest: claimDigest(salt, "/name", value) },
    ]);
    const fast = commitClaims([{ pointer: "/name", canonicalValue: canonicalJson(value) }], salts);
    expect(`0x${bytesToHex(fast)}`).to.equal(reference);
  });
});

describe("utf8Length", () => {
  it("counts what TextEncoder writes, for any text (lone surrogates as U+FFFD)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 200 }),
        fc.string({ unit: "grapheme", maxLength: 50 }),
        (a, b) => {
          for (const text of [a, b, a + b, `${a}\uD800`, `\uDC00${b}`]) {
            expect(utf8Length(text), JSON.stringify(text)).to.equal(
              new TextEncoder().encode(text).length,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("gives the definitions' digest when a claim is longer than the kernel's memory holds", () => {
    expectDefinitionsDigest([
      { pointer: "/a", value: "short" },
      { pointer: "/b", value: "é".repeat(200_000) },
      { pointer: "/c", value: 42 },
    ]);
  });
});

/** commitClaims over `claims` (in pointer order) equals the digest of the definitions. */
function expectDefinitionsDigest(claims: readonly { pointer: string; value: unknown }[]): void {
  const salts = crypto.getRandomValues(new Uint8Array(16 * claims.length));
  const reference = credentialDigest(
    claims.map(({ pointer, value }, i) => ({
      pointer,
      digest: claimDigest(
        `0x${bytesToHex(salts.subarray(16 * i, 16 * i + 16))}` as Hex,
        pointer,
        value as never,
      ),
    })),
  );
  const fast = commitClaims(
    claims.map(({ pointer, value }) => ({
      pointer,
      canonicalValue: canonicalJson(value as never),
    })),
    salts,
  );
  expect(`0x${bytesToHex(fast)}`).to.equal(reference);
}
