import { readFileSync } from "node:fs";
import { expect } from "chai";
import {
  buildCredential,
  checkOpenBadgesStructure,
  elmText,
  recordFromElmAchievement,
  recordsFromClr,
  recordsFromElm,
  SourceMappingError,
  verifyIntegrity,
} from "../../src/credential/index.ts";
import { context } from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: tests edit the parsed fixtures freely, at any depth.
function fixture(name: string): Record<string, any> {
  return JSON.parse(
    readFileSync(new URL(`../fixtures/credential/${name}`, import.meta.url), "utf8"),
  );
}

function expectSourceError(
  map: () => unknown,
  code: SourceMappingError["code"],
  path: string,
): void {
  try {
    map();
  } catch (error) {
    expect(error).to.be.instanceOf(SourceMappingError);
    expect((error as SourceMappingError).code).to.equal(code);
    expect((error as SourceMappingError).details.path).to.equal(path);
    return;
  }
  throw new Error("expected a SourceMappingError");
}

describe("mapping from CLR 2.0", () => {
  it("makes one record per AchievementCredential the CLR bundles", () => {
    const [course, certificate] = recordsFromClr(fixture("clr-transcript.json"));
    expect(course).to.deep.equal({
      holderName: "Priya Ramanathan",
      identifiers: [
        {
          identityType: "emailAddress",
          identityHash: "sha256$5b1e1c2a3f0d9e8c7b6a5f4e3d2c1b0a99887766554433221100ffeeddccbbaa",
          salt: "c0ffee",
        },
        { identityType: "sisSourcedId", value: "LCC-88120" },
      ],
      achievement: {
        id: "https://lakeside-cc.example/courses/chem-101",
        name: "CHEM 101 General Chemistry",
        description:
          "Atoms, bonding, stoichiometry and the gas laws, with weekly laboratory sessions.",
        criteria: "Complete all labs and score at least 60% overall.",
        achievementType: "Course",
        creditsAvailable: 4,
      },
      validFrom: "2024-12-20T00:00:00Z",
      results: [{ name: "Course grade", value: "B+", resultType: "LetterGrade" }],
      creditsEarned: 4,
      term: "Fall 2024",
    });
    expect(certificate?.validUntil).to.equal("2028-05-16T00:00:00Z");
    expect(certificate?.achievement.criteriaUrl).to.equal(
      "https://lakeside-cc.example/badges/lab-safety/criteria",
    );
    expect(certificate?.achievement.image).to.equal(
      "https://lakeside-cc.example/badges/lab-safety.png",
    );
    expect(certificate?.evidence).to.deep.equal([
      {
        id: "https://lakeside-cc.example/evidence/lab-safety/88120",
        name: "Practical assessment record",
      },
    ]);
  });

  it("gives records that build into intact, well-formed credentials", () => {
    recordsFromClr(fixture("clr-transcript.json")).forEach((record, index) => {
      const credential = buildCredential({ record, index, context });
      expect(checkOpenBadgesStructure(credential).problems).to.deep.equal([]);
      expect(verifyIntegrity(credential).ok).to.equal(true);
    });
  });

  it("takes the holder name from the caller when the CLR has none", () => {
    const clr = fixture("clr-transcript.json");
    clr.credentialSubject.identifier = [];
    expectSourceError(
      () => recordsFromClr(clr),
      "SOURCE_FIELD_MISSING",
      "credentialSubject.verifiableCredential[0].credentialSubject.identifier",
    );
    expect(recordsFromClr(clr, { holderName: "P. Ramanathan" })[0]?.holderName).to.equal(
      "P. Ramanathan",
    );
  });

  it("names the CLR path of what is missing or wrong", () => {
    const notClr = fixture("clr-transcript.json");
    notClr.type = ["VerifiableCredential"];
    expectSourceError(() => recordsFromClr(notClr), "SOURCE_FIELD_INVALID", "type");
    const empty = fixture("clr-transcript.json");
    empty.credentialSubject.verifiableCredential = [];
    expectSourceError(
      () => recordsFromClr(empty),
      "SOURCE_FIELD_MISSING",
      "credentialSubject.verifiableCredential",
    );
    const unnamed = fixture("clr-transcript.json");
    delete unnamed.credentialSubject.verifiableCredential[1].credentialSubject.achievement.name;
    expectSourceError(
      () => recordsFromClr(unnamed),
      "SOURCE_FIELD_MISSING",
      "credentialSubject.verifiableCredential[1].credentialSubject.achievement.name",
    );
    const jwt = fixture("clr-transcript.json");
    jwt.credentialSubject.verifiableCredential[0] = "eyJhbGciOiJFUzI1NiJ9.e30.sig";
    expectSourceError(
      () => recordsFromClr(jwt),
      "SOURCE_FIELD_INVALID",
      "credentialSubject.verifiableCredential[0]",
    );
  });
});

describe("mapping from the European Learning Model", () => {
  it("makes one record per LearningAchievement claim, in the preferred language", () => {
    const records = recordsFromElm(fixture("elm-certificate.json"));
    expect(records).to.deep.equal([
      {
        holderName: "Lukas Brandstätter",
        subjectId: "urn:epass:person:1",
        achievement: {
          id: "https://bildungszentrum-alpen.example/kurse/schweissen-1",
          name: "Welding fundamentals",
          description: "MAG and TIG welding on sheet steel.",
          criteria:
            "- Prepare joints and select filler metals\n- Produce fillet welds to ISO 5817 level C",
        },
        validFrom: "2025-02-21T00:00:00+01:00",
        validUntil: "2030-03-01T00:00:00+01:00",
        results: [{ name: "Practical welding test", value: "passed" }],
        evidence: [
          {
            id: "https://bildungszentrum-alpen.example/nachweise/2025/0331.pdf",
            name: "Test protocol",
          },
        ],
      },
    ]);
    const [german] = recordsFromElm(fixture("elm-certificate.json"), {
      language: "de",
      achievementType: "Certificate",
    });
    expect(german?.achievement.name).to.equal("Schweißtechnik Grundkurs");
    expect(german?.achievement.achievementType).to.equal("Certificate");
    expect(german?.results?.[0]?.value).to.equal("bestanden");
  });

  it("gives records that build into intact, well-formed credentials", () => {
    const [record] = recordsFromElm(fixture("elm-certificate.json"));
    const credential = buildCredential({ record, index: 0, context });
    expect(credential.validFrom).to.equal("2025-02-20T23:00:00Z");
    expect(checkOpenBadgesStructure(credential).problems).to.deep.equal([]);
    expect(verifyIntegrity(credential).ok).to.equal(true);
  });

  it("names the ELM path of what is missing", () => {
    const undated = fixture("elm-certificate.json");
    delete undated.credentialSubject.hasClaim[0].awardedBy.awardingDate;
    expectSourceError(
      () => recordsFromElm(undated),
      "SOURCE_FIELD_MISSING",
      "credentialSubject.hasClaim[0].awardedBy.awardingDate",
    );
    const noAchievement = fixture("elm-certificate.json");
    noAchievement.credentialSubject.hasClaim.shift();
    expectSourceError(
      () => recordsFromElm(noAchievement),
      "SOURCE_FIELD_MISSING",
      "credentialSubject.hasClaim",
    );
    const elm = fixture("elm-certificate.json");
    delete elm.credentialSubject.hasClaim[0].specifiedBy.learningOutcome;
    expectSourceError(
      () => recordFromElmAchievement(elm.credentialSubject, elm.credentialSubject.hasClaim[0]),
      "SOURCE_FIELD_MISSING",
      "LearningAchievement.specifiedBy.learningOutcomeSummary",
    );
  });

  it("reads ELM text as plain strings, language maps and JSON-LD value objects", () => {
    expect(elmText("plain")).to.equal("plain");
    expect(elmText({ fr: "bonjour", en: "hello" })).to.equal("hello");
    expect(elmText({ fr: "bonjour", en: "hello" }, "fr")).to.equal("bonjour");
    expect(elmText({ fr: ["bonjour", "salut"] }, "de")).to.equal("bonjour");
    expect(
      elmText(
        [
          { "@language": "de", "@value": "hallo" },
          { "@language": "en", "@value": "hello" },
        ],
        "de",
      ),
    ).to.equal("hallo");
    expect(elmText({ noteLiteral: { en: "A" } })).to.equal("A");
    expect(elmText(42)).to.equal(undefined);
  });
});
