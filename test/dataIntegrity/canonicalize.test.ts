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
  expect(fast.nquads, "the fast path canonicalises it").to.be.a("string");
  const general = await generalCanonicalNQuads(document);
  expect(fast.nquads).to.equal(general);
  expect(await canonicalNQuads(document)).to.equal(general);
  return fast.tied ? "tied" : "fast";
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
    expect(
      seen.tied,
      "some generated credentials have tied blank nodes (the n-degree step)",
    ).to.be.greaterThan(0);
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

  it("on nested ties: several identical subjects, each with its own achievement and criteria", async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(
        unsignedCredential,
        fc.integer({ min: 2, max: 3 }),
        fc.boolean(),
        async (generated, count, vary) => {
          const { id: _subjectId, achievement, ...subject } = generated.credentialSubject as Json;
          const { id: _achievementId, ...blankAchievement } = achievement as Json;
          const one = {
            ...subject,
            achievement: { ...blankAchievement, criteria: { narrative: "x" } },
          };
          const subjects: Json[] = Array(count).fill(one);
          if (vary)
            subjects[0] = {
              ...one,
              achievement: { ...one.achievement, criteria: { narrative: "y" } },
            };
          const document = { ...generated, credentialSubject: subjects };
          const fast = fastCanonicalNQuads(document);
          expect(fast.tied).to.equal(true);
          // rdf-canonize refuses the most symmetric graphs (its deep-iteration limit): skip those.
          const general = await generalCanonicalNQuads(document).catch((e) => {
            if (String(e).includes("deep iterations")) return undefined;
            throw e;
          });
          if (general === undefined) return;
          compared++;
          expect(fast.nquads).to.equal(general);
        },
      ),
      { numRuns: 150 },
    );
    expect(compared).to.be.greaterThan(100);
  });

  it("labels many identical siblings (seven tied results) as rdf-canonize does", async () => {
    const [document] = fc.sample(unsignedCredential, { numRuns: 1, seed: 3 });
    const subject = document!.credentialSubject as Json;
    const result = Array(7).fill({ type: ["Result"], value: "A" });
    const many = { ...document!, credentialSubject: { ...subject, result } };
    const fast = fastCanonicalNQuads(many);
    expect(fast.tied).to.equal(true);
    expect(fast.nquads).to.equal(await generalCanonicalNQuads(many));
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
