// The fast canonicaliser is proved byte-for-byte equal to the general path (jsonld in safe mode
// with the offline loader, then rdf-canonize) on thousands of generated credanchor documents.
import { expect } from "chai";
import fc from "fast-check";
import {
  canonicalNQuads,
  fastCanonicalNQuads,
  generalCanonicalNQuads,
} from "../../src/dataIntegrity/canonicalize.ts";
import { CONTEXT, proofConfig, statusListCredential, unsignedCredential } from "./arbitraries.ts";

type Json = Record<string, unknown>;

async function expectSameAsGeneral(document: Json): Promise<"fast" | "tied"> {
  const fast = fastCanonicalNQuads(document);
  expect(fast.nquads !== undefined || fast.graph !== undefined, "the fast path applies").to.equal(
    true,
  );
  const general = await generalCanonicalNQuads(document);
  expect(await canonicalNQuads(document)).to.equal(general);
  if (fast.nquads !== undefined) expect(fast.nquads).to.equal(general);
  return fast.nquads !== undefined ? "fast" : "tied";
}

describe("dataIntegrity: the fast canonicaliser equals jsonld (safe mode) + rdf-canonize", function () {
  this.timeout(60_000);

  it("on generated credanchor v2 credentials (full and disclosed shapes)", async () => {
    const seen = { fast: 0, tied: 0 };
    await fc.assert(
      fc.asyncProperty(unsignedCredential, async (document) => {
        seen[await expectSameAsGeneral(document)]++;
      }),
      { numRuns: 1200 },
    );
    expect(seen.tied, "some generated credentials have tied blank nodes").to.be.greaterThan(0);
    expect(seen.fast).to.be.greaterThan(900);
  });

  it("on proof configurations and BitstringStatusListCredentials", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(proofConfig, statusListCredential), async (document) => {
        expect(await expectSameAsGeneral(document)).to.equal("fast");
      }),
      { numRuns: 300 },
    );
  });

  it("hands a document outside the compiled vocabulary to the general path", async () => {
    const document = {
      "@context": CONTEXT,
      id: "urn:uuid:1",
      type: ["VerifiableCredential"],
      nickname: "x",
    };
    expect(fastCanonicalNQuads(document)).to.deep.equal({});
  });
});
