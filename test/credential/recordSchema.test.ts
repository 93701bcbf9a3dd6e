// The record schema table and the CredentialRecord type describe the same fields: the type-level
// checks below stop compiling (tsc --noEmit type-checks tests) when a field is added to one and
// not the other, or differs in kind or in being required.
import { expect } from "chai";
import {
  type CredentialRecord,
  describeRecordFields,
  RECORD_FIELDS,
  validateRecord,
} from "../../src/credential/index.ts";
import { parseColumnMapping } from "../../src/issuer/columnMapping.ts";

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_proof?: T): void {}

type Flat<T> = { [K in keyof T]: T[K] };
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (
  i: infer I,
) => void
  ? I
  : never;
type IsOptional<T, K extends keyof T> = object extends Pick<T, K> ? true : false;

/** Every leaf of a record type as {path: value type}, optional leaves with `| undefined`. */
type Leaves<T, P extends string> = T extends unknown
  ? {
      [K in keyof T & string]-?: NonNullable<T[K]> extends readonly (infer I)[]
        ? I extends string
          ? { [_ in `${P}${K}`]: Leaf<T, K> }
          : Leaves<NonNullable<I>, `${P}${K}[].`>
        : NonNullable<T[K]> extends object
          ? Leaves<NonNullable<T[K]>, `${P}${K}.`>
          : { [_ in `${P}${K}`]: Leaf<T, K> };
    }[keyof T & string]
  : never;
type Leaf<T, K extends keyof T> =
  IsOptional<T, K> extends true ? NonNullable<T[K]> | undefined : T[K];
type RecordLeaves = Flat<UnionToIntersection<Leaves<CredentialRecord, "">>>;

type ValueOf<Kind> = Kind extends "number"
  ? number
  : Kind extends "boolean"
    ? boolean
    : Kind extends "list"
      ? string[]
      : string;
type Field = (typeof RECORD_FIELDS)[number];
type SchemaLeaves = {
  [F in Field as F["path"]]: F extends { required: true }
    ? ValueOf<F["kind"]>
    : ValueOf<F["kind"]> | undefined;
};

assertType<Equal<SchemaLeaves, RecordLeaves>>();

/** A record giving every field of the table (both identifier shapes). */
const everyField = {
  holderName: "Amara Diallo",
  subjectId: "did:example:amara",
  identifiers: [
    { identityType: "emailAddress", value: "amara@mail.example", hashed: true },
    { identityType: "sisSourcedId", identityHash: `sha256$${"ab".repeat(32)}`, salt: "pepper" },
  ],
  achievement: {
    id: "https://school.example/achievements/msc",
    name: "MSc Data Science",
    description: "Master of Science in Data Science.",
    criteria: "Earn 120 credits.",
    criteriaUrl: "https://school.example/msc/rules",
    achievementType: "MasterDegree",
    fieldOfStudy: "Data Science",
    humanCode: "MSC-DS",
    creditsAvailable: 120,
    tags: ["data"],
    image: "https://school.example/msc.png",
  },
  validFrom: "2025-07-01",
  validUntil: "2035-07-01",
  results: [{ name: "Grade", value: "A", status: "Completed", resultType: "LetterGrade" }],
  evidence: [
    {
      id: "https://school.example/thesis",
      name: "Thesis",
      description: "The thesis.",
      narrative: "Defended in June.",
      genre: "Thesis",
      audience: "Examiners",
    },
  ],
  creditsEarned: 120,
  term: "2024/25",
  activityStartDate: "2023-09-01",
  activityEndDate: "2025-06-30",
} satisfies CredentialRecord;

/** The values at a table path in a record ("results[].name": the name of every result). */
function valuesAt(record: unknown, path: string): unknown[] {
  let values: unknown[] = [record];
  for (const part of path.split(".")) {
    const list = part.endsWith("[]");
    const key = list ? part.slice(0, -2) : part;
    values = values.flatMap((value) => {
      const next = (value as Record<string, unknown>)[key];
      return list ? ((next as unknown[] | undefined) ?? []) : [next];
    });
  }
  return values.filter((value) => value !== undefined);
}

describe("the record schema table", () => {
  it("names only fields a sample record has, and the sample passes validation", () => {
    const normalized = validateRecord(everyField, "sample");
    for (const field of RECORD_FIELDS) {
      expect(valuesAt(normalized, field.path), field.path).to.not.be.empty;
    }
  });

  it("lets a column mapping fill every field it lists", () => {
    const fields = Object.fromEntries(
      RECORD_FIELDS.map((field) => [field.path.replace("[]", "[0]"), `col ${field.path}`]),
    );
    const mapping = parseColumnMapping({ fields }, "map.json");
    expect(Object.keys(mapping.fields)).to.have.length(RECORD_FIELDS.length);
  });

  it("gives the issue help one line per field, saying which are required", () => {
    const help = describeRecordFields().split("\n");
    expect(help).to.have.length(RECORD_FIELDS.length + 3);
    expect(help.find((line) => line.includes(" holderName "))).to.match(/text, required/);
    expect(help.find((line) => line.includes("results[i].status"))).to.not.match(/required/);
  });
});
