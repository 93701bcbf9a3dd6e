import { expect } from "chai";
import {
  buildCredential,
  CredentialInputError,
  type CredentialRecord,
  type IssuanceContext,
  MAX_FIELD_BYTES,
} from "../../src/credential/index.ts";
import { context, fullRecord, minimalRecord } from "./support.ts";

type Expected = { code: CredentialInputError["code"]; field: string; record?: string };

function expectInputError(build: () => unknown, expected: Expected): CredentialInputError {
  try {
    build();
  } catch (error) {
    expect(error).to.be.instanceOf(CredentialInputError);
    const inputError = error as CredentialInputError;
    expect({ code: inputError.code, field: inputError.field }).to.deep.equal({
      code: expected.code,
      field: expected.field,
    });
    const record = expected.record ?? "record 5";
    expect(inputError.record).to.equal(record);
    expect(inputError.message).to.contain(record).and.to.contain(expected.field);
    expect(inputError.details).to.include({ record, field: expected.field });
    return inputError;
  }
  throw new Error("expected a CredentialInputError");
}

function withRecord(record: unknown, expected: Expected): CredentialInputError {
  return expectInputError(() => buildCredential({ record, index: 5, context }), expected);
}

const undecodable = new TextDecoder().decode(new Uint8Array([0x41, 0xff, 0x42]));

const recordCases: [string, unknown, Expected][] = [
  [
    "a missing holder name",
    { ...minimalRecord, holderName: undefined },
    { code: "CREDENTIAL_FIELD_MISSING", field: "holderName" },
  ],
  [
    "a blank holder name",
    { ...minimalRecord, holderName: "   " },
    { code: "CREDENTIAL_FIELD_MISSING", field: "holderName" },
  ],
  [
    "a holder name that is not a string",
    { ...minimalRecord, holderName: 42 },
    { code: "CREDENTIAL_FIELD_INVALID", field: "holderName" },
  ],
  [
    "a missing achievement",
    { ...minimalRecord, achievement: undefined },
    { code: "CREDENTIAL_FIELD_MISSING", field: "achievement" },
  ],
  [
    "a missing achievement name",
    { ...minimalRecord, achievement: { ...minimalRecord.achievement, name: "" } },
    { code: "CREDENTIAL_FIELD_MISSING", field: "achievement.name" },
  ],
  [
    "a missing achievement description",
    { ...minimalRecord, achievement: { name: "X", criteria: "Y" } },
    { code: "CREDENTIAL_FIELD_MISSING", field: "achievement.description" },
  ],
  [
    "no criteria at all",
    { ...minimalRecord, achievement: { name: "X", description: "Y" } },
    { code: "CREDENTIAL_FIELD_MISSING", field: "achievement.criteria" },
  ],
  [
    "a missing validFrom",
    { ...minimalRecord, validFrom: undefined },
    { code: "CREDENTIAL_FIELD_MISSING", field: "validFrom" },
  ],
  [
    "an unparseable validFrom",
    { ...minimalRecord, validFrom: "next Tuesday" },
    { code: "CREDENTIAL_DATE_INVALID", field: "validFrom" },
  ],
  [
    "a date that does not exist",
    { ...minimalRecord, validFrom: "2025-02-29" },
    { code: "CREDENTIAL_DATE_INVALID", field: "validFrom" },
  ],
  [
    "a date-time without a zone",
    { ...minimalRecord, validFrom: "2025-02-03T10:00:00" },
    { code: "CREDENTIAL_DATE_INVALID", field: "validFrom" },
  ],
  [
    "a 25th hour",
    { ...minimalRecord, validUntil: "2030-01-01T24:00:00Z" },
    { code: "CREDENTIAL_DATE_INVALID", field: "validUntil" },
  ],
  [
    "validUntil before validFrom",
    { ...minimalRecord, validFrom: "2025-02-03", validUntil: "2024-02-03" },
    { code: "CREDENTIAL_DATES_OUT_OF_ORDER", field: "validUntil" },
  ],
  [
    "validUntil equal to validFrom, in another zone",
    {
      ...minimalRecord,
      validFrom: "2025-02-03T00:00:00Z",
      validUntil: "2025-02-03T01:00:00+01:00",
    },
    { code: "CREDENTIAL_DATES_OUT_OF_ORDER", field: "validUntil" },
  ],
  [
    "an activity that ends before it starts",
    { ...minimalRecord, activityStartDate: "2024-09-01", activityEndDate: "2024-06-01" },
    { code: "CREDENTIAL_DATES_OUT_OF_ORDER", field: "activityEndDate" },
  ],
  [
    "an unknown field",
    { ...minimalRecord, holdername: "typo" },
    { code: "CREDENTIAL_FIELD_UNKNOWN", field: "holdername" },
  ],
  [
    "an unknown achievement field",
    { ...minimalRecord, achievement: { ...minimalRecord.achievement, title: "X" } },
    { code: "CREDENTIAL_FIELD_UNKNOWN", field: "achievement.title" },
  ],
  [
    "an unknown result field",
    { ...minimalRecord, results: [{ name: "Grade", value: "A", grade: "A" }] },
    { code: "CREDENTIAL_FIELD_UNKNOWN", field: "results[0].grade" },
  ],
  [
    "a holder name one byte over the field limit",
    { ...minimalRecord, holderName: "a".repeat(MAX_FIELD_BYTES + 1) },
    { code: "CREDENTIAL_FIELD_TOO_LARGE", field: "holderName" },
  ],
  [
    "a description over the limit in UTF-8 bytes but not in characters",
    {
      ...minimalRecord,
      achievement: { ...minimalRecord.achievement, description: "€".repeat(1366) },
    },
    { code: "CREDENTIAL_FIELD_TOO_LARGE", field: "achievement.description" },
  ],
  [
    "more list items than allowed",
    {
      ...minimalRecord,
      achievement: {
        ...minimalRecord.achievement,
        tags: Array.from({ length: 65 }, (_, i) => `t${i}`),
      },
    },
    { code: "CREDENTIAL_FIELD_TOO_LARGE", field: "achievement.tags" },
  ],
  [
    "fields that together make a credential over 64 KiB",
    {
      ...minimalRecord,
      evidence: Array.from({ length: 20 }, () => ({ narrative: "n".repeat(4000) })),
    },
    { code: "CREDENTIAL_TOO_LARGE", field: "(record)" },
  ],
  [
    "a lone surrogate (not encodable as UTF-8)",
    { ...minimalRecord, holderName: "Ana\uD800" },
    { code: "CREDENTIAL_TEXT_INVALID", field: "holderName" },
  ],
  [
    "text decoded from bytes that were not UTF-8",
    { ...minimalRecord, holderName: undecodable },
    { code: "CREDENTIAL_TEXT_INVALID", field: "holderName" },
  ],
  [
    "a control character",
    { ...minimalRecord, holderName: "Ana\u0007 Bell" },
    { code: "CREDENTIAL_TEXT_INVALID", field: "holderName" },
  ],
  [
    "a line break in a one-line field",
    { ...minimalRecord, holderName: "Ana\nBell" },
    { code: "CREDENTIAL_TEXT_INVALID", field: "holderName" },
  ],
  [
    "a C1 control character",
    { ...minimalRecord, term: "Fall\u0085" },
    { code: "CREDENTIAL_TEXT_INVALID", field: "term" },
  ],
  [
    "an achievement id that is not a URI",
    { ...minimalRecord, achievement: { ...minimalRecord.achievement, id: "programme 12" } },
    { code: "CREDENTIAL_FIELD_INVALID", field: "achievement.id" },
  ],
  [
    "an email identifier that is not an email address",
    { ...minimalRecord, identifiers: [{ identityType: "emailAddress", value: "nobody" }] },
    { code: "CREDENTIAL_FIELD_INVALID", field: "identifiers[0].value" },
  ],
  [
    "an identifier type outside OB 3.0 and not ext:",
    { ...minimalRecord, identifiers: [{ identityType: "passport", value: "X1" }] },
    { code: "CREDENTIAL_FIELD_INVALID", field: "identifiers[0].identityType" },
  ],
  [
    "a second name given as an identifier",
    { ...minimalRecord, identifiers: [{ identityType: "name", value: "Alias" }] },
    { code: "CREDENTIAL_FIELD_INVALID", field: "identifiers[0].identityType" },
  ],
  [
    "a pre-hashed identifier in the wrong format",
    { ...minimalRecord, identifiers: [{ identityType: "emailAddress", identityHash: "sha1$abc" }] },
    { code: "CREDENTIAL_FIELD_INVALID", field: "identifiers[0].identityHash" },
  ],
  [
    "an achievement type outside OB 3.0 and not ext:",
    {
      ...minimalRecord,
      achievement: { ...minimalRecord.achievement, achievementType: "Doctorate" },
    },
    { code: "CREDENTIAL_FIELD_INVALID", field: "achievement.achievementType" },
  ],
  [
    "two results with one name",
    {
      ...minimalRecord,
      results: [
        { name: "Grade", value: "A" },
        { name: "Grade", value: "B" },
      ],
    },
    { code: "CREDENTIAL_FIELD_INVALID", field: "results[1].name" },
  ],
  [
    "a result with neither value nor status",
    { ...minimalRecord, results: [{ name: "Grade" }] },
    { code: "CREDENTIAL_FIELD_MISSING", field: "results[0].value" },
  ],
  [
    "a result status outside OB 3.0",
    { ...minimalRecord, results: [{ name: "Grade", status: "Passed" }] },
    { code: "CREDENTIAL_FIELD_INVALID", field: "results[0].status" },
  ],
  [
    "negative credits",
    { ...minimalRecord, creditsEarned: -1 },
    { code: "CREDENTIAL_FIELD_INVALID", field: "creditsEarned" },
  ],
  [
    "credits that are not a number",
    { ...minimalRecord, creditsEarned: "12" },
    { code: "CREDENTIAL_FIELD_INVALID", field: "creditsEarned" },
  ],
  [
    "evidence with nothing in it",
    { ...minimalRecord, evidence: [{ genre: "Film" }] },
    { code: "CREDENTIAL_FIELD_MISSING", field: "evidence[0].id" },
  ],
  [
    "a list that is not a list",
    { ...minimalRecord, results: { name: "Grade" } },
    { code: "CREDENTIAL_FIELD_INVALID", field: "results" },
  ],
  [
    "a record that is a list",
    [minimalRecord],
    { code: "CREDENTIAL_FIELD_INVALID", field: "(record)" },
  ],
  ["a record that is null", null, { code: "CREDENTIAL_FIELD_INVALID", field: "(record)" }],
];

describe("bad input records", () => {
  for (const [name, record, expected] of recordCases) {
    it(`refuses ${name}, naming the record and the field`, () => {
      withRecord(record, expected);
    });
  }

  it("accepts a field of exactly the limit", () => {
    const credential = buildCredential({
      record: { ...minimalRecord, holderName: "a".repeat(MAX_FIELD_BYTES) },
      index: 5,
      context,
    });
    expect(credential.credentialSubject.identifier?.[0]?.identityHash).to.have.length(
      MAX_FIELD_BYTES,
    );
  });

  it("accepts line breaks and tabs in multi-line fields", () => {
    const description = "Line one\n\tLine two\r\nLine three";
    const record = { ...minimalRecord, achievement: { ...minimalRecord.achievement, description } };
    const credential = buildCredential({ record, index: 5, context });
    expect(credential.credentialSubject.achievement.description).to.equal(description);
  });

  it("names the record the way the caller does", () => {
    const error = expectInputError(
      () =>
        buildCredential({
          record: { ...fullRecord, holderName: "" },
          index: 17,
          recordLabel: "row 18 of graduates.csv",
          context,
        }),
      { code: "CREDENTIAL_FIELD_MISSING", field: "holderName", record: "row 18 of graduates.csv" },
    );
    expect(error.message).to.equal(
      'row 18 of graduates.csv: field "holderName" is missing or empty',
    );
  });

  it("refuses an index outside the uint32 leaf range of a batch", () => {
    for (const index of [-1, 1.5, 2 ** 32 - 1]) {
      expectInputError(() => buildCredential({ record: minimalRecord, index, context }), {
        code: "CREDENTIAL_FIELD_INVALID",
        field: "index",
        record: `record ${index}`,
      });
    }
  });
});

describe("bad issuance context", () => {
  const cases: [string, unknown, Expected][] = [
    [
      "a chain id that is not a positive integer",
      { ...context, chainId: 0 },
      { code: "CREDENTIAL_FIELD_INVALID", field: "chainId" },
    ],
    [
      "a registry that is not an address",
      { ...context, registryAddress: "0x1234" },
      { code: "CREDENTIAL_FIELD_INVALID", field: "registryAddress" },
    ],
    [
      "the zero address as issuer",
      { ...context, issuerAddress: `0x${"0".repeat(40)}` },
      { code: "CREDENTIAL_FIELD_INVALID", field: "issuerAddress" },
    ],
    [
      "a credential type with a control character",
      { ...context, credentialType: "Degree\u0000" },
      { code: "CREDENTIAL_TEXT_INVALID", field: "credentialType" },
    ],
    [
      "an issuer without a name",
      { ...context, issuerProfile: { url: "https://x.example" } },
      { code: "CREDENTIAL_FIELD_MISSING", field: "issuerProfile.name" },
    ],
    [
      "an unknown issuer profile field",
      { ...context, issuerProfile: { name: "X", phone: "1" } },
      { code: "CREDENTIAL_FIELD_UNKNOWN", field: "issuerProfile.phone" },
    ],
  ];
  for (const [name, badContext, expected] of cases) {
    it(`refuses ${name}`, () => {
      expectInputError(
        () =>
          buildCredential({
            record: minimalRecord,
            index: 5,
            context: badContext as IssuanceContext,
          }),
        {
          ...expected,
          record: "issuance context",
        },
      );
    });
  }
});

describe("record typing", () => {
  it("accepts a CredentialRecord literal as the record", () => {
    const record: CredentialRecord = { ...minimalRecord };
    expect(buildCredential({ record, index: 0, context }).name).to.equal(
      "Workshop Safety Induction",
    );
  });
});
