// Input validation: a record from a registrar's export (or the batch's issuance context) becomes
// a normalised record, or a CredentialInputError naming the record and the field. The fields and
// their kinds come from recordSchema.ts; the rules across fields are here. Unknown fields are
// refused (a typo in a column name must not silently drop data from a credential meant to last
// decades).
import { type Address, getAddress, isAddress } from "viem";
import { isObject } from "../values/index.ts";
import { credentialTypeId } from "./credentialType.ts";
import { CredentialTypeError } from "./errors.ts";
import { dropUndefined, EMAIL, FieldReader, type Fields } from "./fieldReader.ts";
import { ed25519KeyOfDidKey, isHttpsUrl } from "./formatV2.ts";
import {
  type FieldGroup,
  fieldsOf,
  keysOf,
  placeOf,
  RECORD_FIELDS,
  type RecordField,
} from "./recordSchema.ts";
import type {
  AchievementInput,
  CredentialRecord,
  EvidenceInput,
  IdentifierInput,
  IssuanceContext,
  ResultInput,
} from "./types.ts";

const IDENTITY_HASH = /^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$/;
const LISTS = ["identifiers", "results", "evidence"] as const;

declare const validated: unique symbol;

/**
 * A validated record: text trimmed and NFC-normalised, dates as UTC DateTimeZ strings. Only
 * validateRecord makes one (the brand exists for the compiler only), so a function taking it
 * knows the checks have run.
 */
export type NormalizedRecord = CredentialRecord & { readonly [validated]: "record" };

/** Validates and normalises one input record; `label` names it in errors (e.g. "row 18"). */
export function validateRecord(record: unknown, label: string): NormalizedRecord {
  const r = new FieldReader(label);
  const fields = r.object(record, "", keysOf("record"));
  const out: Fields = {};
  for (const field of RECORD_FIELDS) {
    const { group, key } = placeOf(field.path);
    if (group === "record") out[key] = readAt(r, fields, key, key, field);
    else if (group === "achievement" && !("achievement" in out)) {
      if (fields.achievement === undefined || fields.achievement === null) {
        r.fail("CREDENTIAL_FIELD_MISSING", "achievement", "is missing");
      }
      out.achievement = readAchievement(r, fields.achievement);
    }
  }
  const items = {
    identifiers: readIdentifier,
    results: readResult,
    evidence: readEvidence,
  } satisfies Record<(typeof LISTS)[number], unknown>;
  for (const list of LISTS) {
    out[list] = r.list(fields, list, list)?.map((item, i) => items[list](r, item, `${list}[${i}]`));
  }
  const normalized = dropUndefined(out) as NormalizedRecord;
  checkOrder(r, normalized, "validFrom", "validUntil", true);
  checkOrder(r, normalized, "activityStartDate", "activityEndDate", false);
  normalized.results?.forEach((result, i, results) => {
    const first = results.findIndex((other) => other.name === result.name);
    if (first !== i)
      r.fail(
        "CREDENTIAL_FIELD_INVALID",
        `results[${i}].name`,
        `repeats results[${first}].name ${JSON.stringify(result.name)}; result names must be unique`,
      );
  });
  return normalized;
}

/** One field, read by its kind in the schema; `path` names it in errors. */
function readAt(
  r: FieldReader,
  fields: Fields,
  key: string,
  path: string,
  spec: RecordField,
): unknown {
  const required = spec.required === true;
  let value: unknown;
  switch (spec.kind) {
    case "text":
    case "multiline":
      return r.text(fields, key, path, { required, multiline: spec.kind === "multiline" });
    case "uri":
      return r.uri(fields, key, path, required);
    case "date":
      return r.date(fields, key, path, required)?.iso;
    case "number":
      value = r.number(fields, key, path);
      break;
    case "boolean":
      value = r.boolean(fields, key, path);
      break;
    case "term":
      value = r.term(fields, key, path, spec.terms ?? [], spec.open === true);
      break;
    case "list":
      value = r
        .list(fields, key, path)
        ?.map((_, i, list) =>
          r.text({ item: list[i] }, "item", `${path}[${i}]`, { required: true }),
        );
      break;
  }
  if (value === undefined && required) r.fail("CREDENTIAL_FIELD_MISSING", path, "is missing");
  return value;
}

/** Reads every field of one object of `group`, in table order; `field` names the object. */
function readGroup(
  r: FieldReader,
  value: unknown,
  field: string,
  group: FieldGroup,
  variant?: "plain" | "hashed",
): Fields {
  const fields = r.object(value, field, keysOf(group, variant));
  const out: Fields = {};
  for (const spec of fieldsOf(group, variant)) {
    const { key } = placeOf(spec.path);
    out[key] = readAt(r, fields, key, `${field}.${key}`, spec);
  }
  return dropUndefined(out);
}

/** `later` must come after `earlier` (strictly, or at the same time too). */
function checkOrder(
  r: FieldReader,
  record: NormalizedRecord,
  earlier: "validFrom" | "activityStartDate",
  later: "validUntil" | "activityEndDate",
  strictly: boolean,
): void {
  const from = record[earlier];
  const to = record[later];
  if (from === undefined || to === undefined) return;
  const gap = Date.parse(to) - Date.parse(from);
  if (gap > 0 || (gap === 0 && !strictly)) return;
  const rule = strictly ? "must be after" : "must not be before";
  r.fail("CREDENTIAL_DATES_OUT_OF_ORDER", later, `(${to}) ${rule} ${earlier} (${from})`, {
    [earlier]: from,
    [later]: to,
  });
}

function readAchievement(r: FieldReader, value: unknown): AchievementInput {
  const achievement = readGroup(r, value, "achievement", "achievement") as AchievementInput;
  if (achievement.criteria === undefined && achievement.criteriaUrl === undefined) {
    r.fail(
      "CREDENTIAL_FIELD_MISSING",
      "achievement.criteria",
      "is missing; give a criteria narrative or a criteriaUrl",
    );
  }
  return achievement;
}

function readIdentifier(r: FieldReader, value: unknown, field: string): IdentifierInput {
  const variant = isObject(value) && "identityHash" in value ? "hashed" : "plain";
  const identifier = readGroup(r, value, field, "identifiers", variant);
  if (identifier.identityType === "name") {
    r.fail(
      "CREDENTIAL_FIELD_INVALID",
      `${field}.identityType`,
      'must not be "name": the holder\'s name goes in holderName',
    );
  }
  if (variant === "hashed" && !IDENTITY_HASH.test(identifier.identityHash as string)) {
    r.fail(
      "CREDENTIAL_FIELD_INVALID",
      `${field}.identityHash`,
      'must be "sha256$" + 64 hex digits or "md5$" + 32 hex digits',
    );
  }
  const text = identifier.value as string;
  if (identifier.identityType === "emailAddress" && variant === "plain" && !EMAIL.test(text)) {
    r.fail(
      "CREDENTIAL_FIELD_INVALID",
      `${field}.value`,
      `is not an email address: ${JSON.stringify(text)}`,
    );
  }
  return identifier as IdentifierInput;
}

function readResult(r: FieldReader, value: unknown, field: string): ResultInput {
  const result = readGroup(r, value, field, "results") as ResultInput;
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
  const evidence = readGroup(r, value, field, "evidence") as EvidenceInput;
  const { id, name, narrative, description } = evidence;
  if ([id, name, narrative, description].every((part) => part === undefined)) {
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
  readonly [validated]: "context";
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
/** The keys of the issuer profile, the same for every record of a batch. */
export const PROFILE_FIELDS = ["name", "url", "email", "description", "image"];

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
  }) as NormalizedContext;
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
