import { expect } from "chai";
import {
  attachAnchor,
  attachSignature,
  buildCredential,
  checkOpenBadgesStructure,
  disclose,
  OB_V3_CONTEXT,
  VC_V2_CONTEXT,
} from "../../src/credential/index.ts";
import { deleteAt, setAt } from "./arbitraries.ts";
import { anchorV2, context, contextV2, fullRecord, signatureProof, viaJson } from "./support.ts";

/** A full credential without its proof, so nothing counts as hidden. */
function bareCredential(): Record<string, unknown> {
  const { proof: _, ...document } = viaJson(
    buildCredential({ record: fullRecord, index: 3, context }),
  );
  return document;
}

function problemsAt(credential: unknown): string[] {
  return checkOpenBadgesStructure(credential).problems.map((p) => p.pointer);
}

/** Members OB 3.0 requires, as they appear in a credential built from the full record. */
const required = [
  "/@context",
  "/id",
  "/type",
  "/issuer",
  "/issuer/id",
  "/issuer/type",
  "/validFrom",
  "/credentialSubject",
  "/credentialSubject/type",
  "/credentialSubject/achievement",
  "/credentialSubject/achievement/id",
  "/credentialSubject/achievement/type",
  "/credentialSubject/achievement/name",
  "/credentialSubject/achievement/description",
  "/credentialSubject/achievement/criteria",
  "/credentialSubject/achievement/resultDescription/0/id",
  "/credentialSubject/achievement/resultDescription/0/type",
  "/credentialSubject/achievement/resultDescription/0/name",
  "/credentialSubject/achievement/resultDescription/0/resultType",
  "/credentialSubject/identifier/0/type",
  "/credentialSubject/identifier/0/hashed",
  "/credentialSubject/identifier/0/identityHash",
  "/credentialSubject/identifier/0/identityType",
  "/credentialSubject/result/0/type",
  "/evidence/0/type",
  "/credentialSchema/0/id",
  "/credentialSchema/0/type",
  "/credentialStatus/type",
];

describe("checkOpenBadgesStructure", () => {
  it("accepts what the builder makes", () => {
    expect(
      checkOpenBadgesStructure(buildCredential({ record: fullRecord, index: 3, context })),
    ).to.deep.equal({
      ok: true,
      problems: [],
    });
  });

  for (const pointer of required) {
    it(`reports a missing ${pointer}`, () => {
      const credential = bareCredential();
      deleteAt(credential, pointer);
      expect(problemsAt(credential)).to.include(pointer);
    });
  }

  it("requires a subject id or at least one identifier", () => {
    const credential = bareCredential();
    deleteAt(credential, "/credentialSubject/id");
    setAt(credential, "/credentialSubject/identifier", []);
    expect(problemsAt(credential)).to.deep.equal(["/credentialSubject/id"]);
    setAt(credential, "/credentialSubject/id", "did:example:holder");
    expect(problemsAt(credential)).to.deep.equal([]);
  });

  const wrongValues: [string, string, unknown][] = [
    ["the OB context before the VC context", "/@context", [OB_V3_CONTEXT, VC_V2_CONTEXT]],
    ["a VC 1.1 context", "/@context/0", "https://www.w3.org/2018/credentials/v1"],
    [
      "a type without OpenBadgeCredential or AchievementCredential",
      "/type",
      ["VerifiableCredential"],
    ],
    ["a type without VerifiableCredential", "/type", ["OpenBadgeCredential"]],
    ["a credential id that is not a URI", "/id", "credential 42"],
    ["a validFrom without a zone", "/validFrom", "2025-07-14T10:30:00"],
    ["a validUntil that is not a date", "/validUntil", "soon"],
    ["an issuer profile that is not a Profile", "/issuer/type", ["Organization"]],
    ["an IdentityObject of another type", "/credentialSubject/identifier/0/type", "Identity"],
    ["an identity type outside OB 3.0", "/credentialSubject/identifier/0/identityType", "nickname"],
    ["hashed as a string", "/credentialSubject/identifier/0/hashed", "false"],
    [
      "an achievement type outside OB 3.0",
      "/credentialSubject/achievement/achievementType",
      "Diplom",
    ],
    [
      "criteria that are text, not an object",
      "/credentialSubject/achievement/criteria",
      "pass the exam",
    ],
    ["credits as text", "/credentialSubject/creditsEarned", "180"],
    [
      "a schema list without the OB 3.0 schema",
      "/credentialSchema/0/id",
      "https://example.org/my-schema.json",
    ],
    [
      "a proof purpose other than assertionMethod",
      "/proof",
      { type: "DataIntegrityProof", proofPurpose: "authentication" },
    ],
  ];
  for (const [name, pointer, value] of wrongValues) {
    it(`reports ${name}`, () => {
      const credential = bareCredential();
      setAt(credential, pointer, value);
      expect(checkOpenBadgesStructure(credential).ok).to.equal(false);
    });
  }

  it("counts a required member hidden by the holder as present", () => {
    const credential = disclose(buildCredential({ record: fullRecord, index: 3, context }), []);
    expect(credential.credentialSubject.identifier).to.equal(undefined);
    expect(credential.credentialSubject.id).to.equal(undefined);
    expect(checkOpenBadgesStructure(credential).problems).to.deep.equal([]);
    const withoutProof: Record<string, unknown> = viaJson(credential);
    delete withoutProof.proof;
    expect(problemsAt(withoutProof)).to.deep.equal(["/credentialSubject/id"]);
  });

  it("accepts an OB 3.0 credential written by another issuer, with a URI issuer and no schema", () => {
    const credential = {
      "@context": [VC_V2_CONTEXT, OB_V3_CONTEXT],
      id: "https://badges.harbour-guild.example/awards/5521",
      type: ["VerifiableCredential", "AchievementCredential"],
      issuer: "https://harbour-guild.example/profile",
      validFrom: "2024-11-05T09:00:00+01:00",
      credentialSubject: {
        id: "mailto:deckhand@harbour-guild.example",
        type: "AchievementSubject",
        achievement: {
          id: "https://badges.harbour-guild.example/knots",
          type: "Achievement",
          name: "Knots and hitches",
          description: "Ties the twelve working knots of the guild.",
          criteria: { id: "https://badges.harbour-guild.example/knots/criteria" },
        },
      },
    };
    expect(checkOpenBadgesStructure(credential)).to.deep.equal({ ok: true, problems: [] });
  });

  it("reports everything that is not a JSON object as one problem", () => {
    for (const value of [null, "credential", 12, []]) {
      expect(problemsAt(value)).to.deep.equal([""]);
    }
  });
});

describe("checkOpenBadgesStructure (v2)", () => {
  it("accepts a signed v2 file and a disclosed copy of it, counting hidden members as present", () => {
    const signed = attachSignature(
      attachAnchor(buildCredential({ record: fullRecord, index: 0, context: contextV2 }), anchorV2),
      signatureProof(anchorV2.blockTime!),
    );
    expect(checkOpenBadgesStructure(viaJson(signed)).problems).to.deep.equal([]);
    const copy = viaJson(disclose(signed, [], { hide: ["/validFrom"] }));
    expect(copy).to.not.have.property("validFrom");
    expect(checkOpenBadgesStructure(copy).problems).to.deep.equal([]);
    const { validFrom: _, ...full } = viaJson(signed);
    expect(checkOpenBadgesStructure(full).problems.map((p) => p.pointer)).to.deep.equal([
      "/validFrom",
    ]);
  });
});
