// Input validation: a record from a registrar's export (or the batch's issuance context) becomes
// a normalised record, or a CredentialInputError naming the record and the field. Text is
// trimmed and NFC-normalised, dates are normalised to UTC, unknown fields are refused (a typo in
// a column name must not silently drop data from a credential meant to last decades).
import { type Address, getAddress, isAddress } from "viem";
import {
  ACHIEVEMENT_TYPES,
  IDENTIFIER_TYPES,
  MAX_FIELD_BYTES,
  MAX_LIST_ITEMS,
  RESULT_STATUSES,
  RESULT_TYPES,
} from "./constants.ts";
import { credentialTypeId } from "./credentialType.ts";
import { parseDate } from "./dates.ts";
import { CredentialInputError, CredentialTypeError } from "./errors.ts";
import { ed25519KeyOfDidKey, isHttpsUrl } from "./formatV2.ts";
import { describeTextProblem, findTextProblem, utf8Length } from "./text.ts";
import type {
  AchievementInput,
  CredentialRecord,
  EvidenceInput,
  IdentifierInput,
  IssuanceContext,
  ResultInput,
} from "./types.ts";

const URI_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const EXTENSION_TERM = /^ext:[A-Za-z0-9._-]+$/;
const IDENTITY_HASH = /^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$/;

type TextRule = { required?: boolean; multiline?: boolean };
type Fields = Record<string, unknown>;

/** Reads fields of one record, throwing CredentialInputError that names the record and field. */
class FieldReader {
  readonly record: string;

  constructor(record: string) {
    this.record = record;
  }

  fail(code: CredentialInputError["code"], field: string, problem: string, details = {}): never {
    throw new CredentialInputError(code, this.record, field, problem, details);
  }

  object(value: unknown, field: string, allowed: readonly string[]): Fields {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      this.fail("CREDENTIAL_FIELD_INVALID", field || "(record)", "must be an object", {
        expected: "object",
      });
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        const path = field ? `${field}.${key}` : key;
        this.fail(
          "CREDENTIAL_FIELD_UNKNOWN",
          path,
          `is not a known field; known fields: ${allowed.join(", ")}`,
          {
            allowed,
          },
        );
      }
    }
    return value as Fields;
  }

  text(fields: Fields, key: string, field: string, rule: TextRule & { required: true }): string;
  text(fields: Fields, key: string, field: string, rule?: TextRule): string | undefined;
  text(fields: Fields, key: string, field: string, rule: TextRule = {}): string | undefined {
    const raw = fields[key];
    if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) {
      if (rule.required) this.fail("CREDENTIAL_FIELD_MISSING", field, "is missing or empty");
      return undefined;
    }
    if (typeof raw !== "string") {
      this.fail("CREDENTIAL_FIELD_INVALID", field, `must be a string, got ${typeof raw}`, {
        expected: "string",
      });
    }
    const problem = findTextProblem(raw, rule.multiline ?? false);
    if (problem)
      this.fail("CREDENTIAL_TEXT_INVALID", field, describeTextProblem(problem), { problem });
    const text = raw.trim().normalize("NFC");
    const bytes = utf8Length(text);
    if (bytes > MAX_FIELD_BYTES) {
      this.fail(
        "CREDENTIAL_FIELD_TOO_LARGE",
        field,
        `is ${bytes} bytes; the limit is ${MAX_FIELD_BYTES} bytes of UTF-8`,
        {
          limit: MAX_FIELD_BYTES,
          actual: bytes,
        },
      );
    }
    return text;
  }

  uri(fields: Fields, key: string, field: string, required = false): string | undefined {
    const text = this.text(fields, key, field, { required });
    if (text !== undefined && !(URI_SCHEME.test(text) && URL.canParse(text))) {
      this.fail(
        "CREDENTIAL_FIELD_INVALID",
        field,
        `must be an absolute URI (like https://... or urn:...), got ${JSON.stringify(text)}`,
      );
    }
    return text;
  }

  date(
    fields: Fields,
    key: string,
    field: string,
    required = false,
  ): { iso: string; epochMs: number } | undefined {
    const text = this.text(fields, key, field, { required });
    if (text === undefined) return undefined;
    const parsed = parseDate(text);
    if (!parsed) {
      this.fail(
        "CREDENTIAL_DATE_INVALID",
        field,
        `is not a date: ${JSON.stringify(text)}; use YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ`,
        {
          value: text,
        },
      );
    }
    return parsed;
  }

  number(fields: Fields, key: string, field: string): number | undefined {
    const value = fields[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      this.fail("CREDENTIAL_FIELD_INVALID", field, "must be a finite number >= 0", {
        expected: "number",
      });
    }
    return value;
  }

  boolean(fields: Fields, key: string, field: string): boolean | undefined {
    const value = fields[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "boolean") {
      this.fail("CREDENTIAL_FIELD_INVALID", field, "must be true or false", {
        expected: "boolean",
      });
    }
    return value;
  }

  list(fields: Fields, key: string, field: string): unknown[] | undefined {
    const value = fields[key];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      this.fail("CREDENTIAL_FIELD_INVALID", field, "must be a list", { expected: "array" });
    }
    if (value.length > MAX_LIST_ITEMS) {
      this.fail(
        "CREDENTIAL_FIELD_TOO_LARGE",
        field,
        `has ${value.length} items; the limit is ${MAX_LIST_ITEMS}`,
        {
          limit: MAX_LIST_ITEMS,
          actual: value.length,
        },
      );
    }
    return value;
  }

  term(
    fields: Fields,
    key: string,
    field: string,
    terms: readonly string[],
    open: boolean,
  ): string | undefined {
    const text = this.text(fields, key, field);
    if (text !== undefined && !terms.includes(text) && !(open && EXTENSION_TERM.test(text))) {
      const rule = open
        ? `one of ${terms.join(", ")}, or "ext:" followed by a name`
        : `one of ${terms.join(", ")}`;
      this.fail("CREDENTIAL_FIELD_INVALID", field, `must be ${rule}; got ${JSON.stringify(text)}`, {
        allowed: terms,
      });
    }
    return text;
  }
}

/** A validated record: text trimmed and NFC-normalised, dates as UTC DateTimeZ strings. */
export type NormalizedRecord = CredentialRecord;

const RECORD_FIELDS = [
  "holderName",
  "subjectId",
  "identifiers",
  "achievement",
  "validFrom",
  "validUntil",
  "results",
  "evidence",
  "creditsEarned",
  "term",
  "activityStartDate",
  "activityEndDate",
];
const ACHIEVEMENT_FIELDS = [
  "id",
  "name",
  "description",
  "criteria",
  "criteriaUrl",
  "achievementType",
  "fieldOfStudy",
  "humanCode",
  "creditsAvailable",
  "tags",
  "image",
];
const PLAIN_IDENTIFIER_FIELDS = ["identityType", "value", "hashed"];
const HASHED_IDENTIFIER_FIELDS = ["identityType", "identityHash", "salt"];
const RESULT_FIELDS = ["name", "value", "status", "resultType"];
const EVIDENCE_FIELDS = ["id", "name", "description", "narrative", "genre", "audience"];

/** Validates and normalises one input record; `label` names it in errors (e.g. "row 18"). */
export function validateRecord(record: unknown, label: string): NormalizedRecord {
  const r: FieldReader = new FieldReader(label);
  const fields = r.object(record, "", RECORD_FIELDS);
  const holderName = r.text(fields, "holderName", "holderName", { required: true });
  const subjectId = r.uri(fields, "subjectId", "subjectId");
  if (fields.achievement === undefined || fields.achievement === null) {
    r.fail("CREDENTIAL_FIELD_MISSING", "achievement", "is missing");
  }
  const achievement = readAchievement(r, fields.achievement);
  const validFrom = r.date(fields, "validFrom", "validFrom", true)!;
  const validUntil = r.date(fields, "validUntil", "validUntil");
  if (validUntil && validUntil.epochMs <= validFrom.epochMs) {
    r.fail(
      "CREDENTIAL_DATES_OUT_OF_ORDER",
      "validUntil",
      `(${validUntil.iso}) must be after validFrom (${validFrom.iso})`,
      {
        validFrom: validFrom.iso,
        validUntil: validUntil.iso,
      },
    );
  }
  const activityStart = r.date(fields, "activityStartDate", "activityStartDate");
  const activityEnd = r.date(fields, "activityEndDate", "activityEndDate");
  if (activityStart && activityEnd && activityEnd.epochMs < activityStart.epochMs) {
    r.fail(
      "CREDENTIAL_DATES_OUT_OF_ORDER",
      "activityEndDate",
      `(${activityEnd.iso}) must not be before activityStartDate (${activityStart.iso})`,
    );
  }
  const identifiers = r
    .list(fields, "identifiers", "identifiers")
    ?.map((item, i) => readIdentifier(r, item, `identifiers[${i}]`));
  const results = r
    .list(fields, "results", "results")
    ?.map((item, i) => readResult(r, item, `results[${i}]`));
  results?.forEach((result, i) => {
    const first = results.findIndex((other) => other.name === result.name);
    if (first !== i)
      r.fail(
        "CREDENTIAL_FIELD_INVALID",
        `results[${i}].name`,
        `repeats results[${first}].name ${JSON.stringify(result.name)}; result names must be unique`,
      );
  });
  const evidence = r
    .list(fields, "evidence", "evidence")
    ?.map((item, i) => readEvidence(r, item, `evidence[${i}]`));
  return dropUndefined({
    holderName,
    subjectId,
    identifiers,
    achievement,
    validFrom: validFrom.iso,
    validUntil: validUntil?.iso,
    results,
    evidence,
    creditsEarned: r.number(fields, "creditsEarned", "creditsEarned"),
    term: r.text(fields, "term", "term"),
    activityStartDate: activityStart?.iso,
    activityEndDate: activityEnd?.iso,
  });
}

function readAchievement(r: FieldReader, value: unknown): AchievementInput {
  const fields = r.object(value, "achievement", ACHIEVEMENT_FIELDS);
  const criteria = r.text(fields, "criteria", "achievement.criteria", { multiline: true });
  const criteriaUrl = r.uri(fields, "criteriaUrl", "achievement.criteriaUrl");
  const name = r.text(fields, "name", "achievement.name", { required: true });
  const description = r.text(fields, "description", "achievement.description", {
    required: true,
    multiline: true,
  });
  if (criteria === undefined && criteriaUrl === undefined) {
    r.fail(
      "CREDENTIAL_FIELD_MISSING",
      "achievement.criteria",
      "is missing; give a criteria narrative or a criteriaUrl",
    );
  }
  const tags = r
    .list(fields, "tags", "achievement.tags")
    ?.map((_, i, list) =>
      r.text({ tag: list[i] }, "tag", `achievement.tags[${i}]`, { required: true }),
    );
  return dropUndefined({
    id: r.uri(fields, "id", "achievement.id"),
    name,
    description,
    criteria,
    criteriaUrl,
    achievementType: r.term(
      fields,
      "achievementType",
      "achievement.achievementType",
      ACHIEVEMENT_TYPES,
      true,
    ),
    fieldOfStudy: r.text(fields, "fieldOfStudy", "achievement.fieldOfStudy"),
    humanCode: r.text(fields, "humanCode", "achievement.humanCode"),
    creditsAvailable: r.number(fields, "creditsAvailable", "achievement.creditsAvailable"),
    tags,
    image: r.uri(fields, "image", "achievement.image"),
  });
}

function readIdentifier(r: FieldReader, value: unknown, field: string): IdentifierInput {
  const prehashed = value !== null && typeof value === "object" && "identityHash" in value;
  const fields = r.object(
    value,
    field,
    prehashed ? HASHED_IDENTIFIER_FIELDS : PLAIN_IDENTIFIER_FIELDS,
  );
  const identityType = r.term(
    fields,
    "identityType",
    `${field}.identityType`,
    IDENTIFIER_TYPES,
    true,
  );
  if (identityType === undefined)
    r.fail("CREDENTIAL_FIELD_MISSING", `${field}.identityType`, "is missing");
  if (identityType === "name") {
    r.fail(
      "CREDENTIAL_FIELD_INVALID",
      `${field}.identityType`,
      'must not be "name": the holder\'s name goes in holderName',
    );
  }
  if (prehashed) {
    const identityHash = r.text(fields, "identityHash", `${field}.identityHash`, {
      required: true,
    });
    if (!IDENTITY_HASH.test(identityHash)) {
      r.fail(
        "CREDENTIAL_FIELD_INVALID",
        `${field}.identityHash`,
        'must be "sha256$" + 64 hex digits or "md5$" + 32 hex digits',
      );
    }
    return dropUndefined({
      identityType,
      identityHash,
      salt: r.text(fields, "salt", `${field}.salt`),
    });
  }
  const valueText = r.text(fields, "value", `${field}.value`, { required: true });
  if (identityType === "emailAddress" && !EMAIL.test(valueText)) {
    r.fail(
      "CREDENTIAL_FIELD_INVALID",
      `${field}.value`,
      `is not an email address: ${JSON.stringify(valueText)}`,
    );
  }
  return dropUndefined({
    identityType,
    value: valueText,
    hashed: r.boolean(fields, "hashed", `${field}.hashed`),
  });
}

function readResult(r: FieldReader, value: unknown, field: string): ResultInput {
  const fields = r.object(value, field, RESULT_FIELDS);
  const result = dropUndefined({
    name: r.text(fields, "name", `${field}.name`, { required: true }),
    value: r.text(fields, "value", `${field}.value`),
    status: r.term(fields, "status", `${field}.status`, RESULT_STATUSES, false),
    resultType: r.term(fields, "resultType", `${field}.resultType`, RESULT_TYPES, true),
  });
  if (result.value === undefined && result.status === undefined) {
    r.fail(
      "CREDENTIAL_FIELD_MISSING",
      `${field}.value`,
      "is missing; a result needs a value or a status",
    );
  }
  return result;
}

function readEvidence(r: FieldReader, value: unknown, field: string): EvidenceInput {
  const fields = r.object(value, field, EVIDENCE_FIELDS);
  const evidence = dropUndefined({
    id: r.uri(fields, "id", `${field}.id`),
    name: r.text(fields, "name", `${field}.name`),
    description: r.text(fields, "description", `${field}.description`, { multiline: true }),
    narrative: r.text(fields, "narrative", `${field}.narrative`, { multiline: true }),
    genre: r.text(fields, "genre", `${field}.genre`),
    audience: r.text(fields, "audience", `${field}.audience`),
  });
  if (
    evidence.id === undefined &&
    evidence.name === undefined &&
    evidence.narrative === undefined &&
    evidence.description === undefined
  ) {
    r.fail(
      "CREDENTIAL_FIELD_MISSING",
      `${field}.id`,
      "is missing; evidence needs at least an id (URL), name, description or narrative",
    );
  }
  return evidence;
}

/** A validated issuance context with checksummed addresses; `v2` when it names a key and list. */
export type NormalizedContext = IssuanceContext & {
  issuerAddress: Address;
  registryAddress: Address;
  v2?: { issuerDid: string; statusListCredential: string };
};

const CONTEXT_FIELDS = [
  "chainId",
  "registryAddress",
  "issuerAddress",
  "credentialType",
  "issuerProfile",
  "issuerDid",
  "statusListCredential",
];
const PROFILE_FIELDS = ["name", "url", "email", "description", "image"];

/** Validates the batch-wide issuance context; errors name "issuance context" and the field. */
export function validateIssuanceContext(context: unknown): NormalizedContext {
  const r: FieldReader = new FieldReader("issuance context");
  const fields = r.object(context, "", CONTEXT_FIELDS);
  const chainId = fields.chainId;
  if (typeof chainId !== "number" || !Number.isSafeInteger(chainId) || chainId <= 0) {
    r.fail("CREDENTIAL_FIELD_INVALID", "chainId", "must be a positive integer EVM chain id");
  }
  const address = (key: string): Address => {
    const value = fields[key];
    if (
      typeof value !== "string" ||
      !isAddress(value, { strict: false }) ||
      /^0x0{40}$/i.test(value)
    ) {
      r.fail("CREDENTIAL_FIELD_INVALID", key, "must be a non-zero 20-byte hex address");
    }
    return getAddress(value);
  };
  const credentialType = r.text(fields, "credentialType", "credentialType", { required: true });
  try {
    credentialTypeId(credentialType);
  } catch (error) {
    if (error instanceof CredentialTypeError)
      r.fail("CREDENTIAL_FIELD_INVALID", "credentialType", error.message);
    throw error;
  }
  if (fields.issuerProfile === undefined)
    r.fail("CREDENTIAL_FIELD_MISSING", "issuerProfile", "is missing");
  const profile = r.object(fields.issuerProfile, "issuerProfile", PROFILE_FIELDS);
  const email = r.text(profile, "email", "issuerProfile.email");
  if (email !== undefined && !EMAIL.test(email)) {
    r.fail(
      "CREDENTIAL_FIELD_INVALID",
      "issuerProfile.email",
      `is not an email address: ${JSON.stringify(email)}`,
    );
  }
  return dropUndefined({
    chainId,
    registryAddress: address("registryAddress"),
    issuerAddress: address("issuerAddress"),
    credentialType,
    v2: v2Fields(r, fields),
    issuerProfile: dropUndefined({
      name: r.text(profile, "name", "issuerProfile.name", { required: true }),
      url: r.uri(profile, "url", "issuerProfile.url"),
      email,
      description: r.text(profile, "description", "issuerProfile.description", { multiline: true }),
      image: r.uri(profile, "image", "issuerProfile.image"),
    }),
  });
}

/** The v2 fields of a context: both (a v2 batch) or neither (a v1 batch). */
function v2Fields(r: FieldReader, fields: Fields): NormalizedContext["v2"] {
  const { issuerDid, statusListCredential } = fields;
  if (issuerDid === undefined && statusListCredential === undefined) return undefined;
  if (issuerDid === undefined) {
    r.fail(
      "CREDENTIAL_FIELD_MISSING",
      "issuerDid",
      "is missing: a v2 batch (one with statusListCredential) names the issuer's did:key",
    );
  }
  if (typeof issuerDid !== "string" || ed25519KeyOfDidKey(issuerDid) === undefined) {
    r.fail(
      "CREDENTIAL_FIELD_INVALID",
      "issuerDid",
      "must be an Ed25519 did:key (did:key:z6Mk…), the issuer's declared signing key",
    );
  }
  if (statusListCredential === undefined) {
    r.fail(
      "CREDENTIAL_FIELD_MISSING",
      "statusListCredential",
      "is missing: a v2 batch (one with issuerDid) names the https URL of its status list",
    );
  }
  if (!isHttpsUrl(statusListCredential)) {
    r.fail(
      "CREDENTIAL_FIELD_INVALID",
      "statusListCredential",
      "must be an https URL in normal form (as the URL parser writes it) without a fragment, where the batch's status list is published",
    );
  }
  return { issuerDid, statusListCredential };
}

/** Removes members whose value is undefined, so optional fields are absent rather than empty. */
export function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}
