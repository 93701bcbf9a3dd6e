// The one description of an input record (a row of a registrar's export): every field's path,
// kind, whether it is required, and the help a person reads. Validation (validateRecord.ts), the
// column mapping (issuer/columnMapping.ts) and the `issue --help` text are all driven by this
// table, and test/credential/recordSchema.test.ts pins it to the CredentialRecord type, so adding
// a field is one edit here plus one in types.ts that the compiler checks against each other.
// Rules across fields (criteria or criteriaUrl, date order, unique result names) stay in code.
import {
  ACHIEVEMENT_TYPES,
  IDENTIFIER_TYPES,
  MAX_FIELD_BYTES,
  MAX_LIST_ITEMS,
  RESULT_STATUSES,
  RESULT_TYPES,
} from "./constants.ts";

/**
 * What a field holds. text is one line; multiline may hold line breaks; uri is absolute
 * (https:..., urn:..., did:...); date is YYYY-MM-DD or a date-time with zone; term is one of
 * `terms` (or "ext:<name>" when `open`); list is a list of one-line texts.
 */
export type RecordFieldKind =
  | "text"
  | "multiline"
  | "uri"
  | "date"
  | "number"
  | "boolean"
  | "term"
  | "list";

/** The groups of a record: the record itself, its achievement, and its three lists of items. */
export type FieldGroup = "record" | "achievement" | "identifiers" | "results" | "evidence";

export interface RecordField {
  /** "holderName", "achievement.name", or "results[].value" for a field of every list item. */
  readonly path: string;
  readonly kind: RecordFieldKind;
  /** Must be given (in its group: a list item's required field, when the item is there). */
  readonly required?: true;
  /** The allowed values of a term. */
  readonly terms?: readonly string[];
  /** A term may also be "ext:<name>". */
  readonly open?: true;
  /** Identifiers come in two shapes: given in clear, or already hashed by the source system. */
  readonly variant?: "plain" | "hashed";
  readonly help: string;
}

export const RECORD_FIELDS = [
  { path: "holderName", kind: "text", required: true, help: "the holder's name, as shown" },
  { path: "subjectId", kind: "uri", help: "URI or DID the holder is known by" },
  { path: "achievement.id", kind: "uri", help: "URI of the achievement (default: derived)" },
  { path: "achievement.name", kind: "text", required: true, help: "e.g. BEng Mechatronics" },
  {
    path: "achievement.description",
    kind: "multiline",
    required: true,
    help: "what the achievement is",
  },
  { path: "achievement.criteria", kind: "multiline", help: "how it is earned (or criteriaUrl)" },
  { path: "achievement.criteriaUrl", kind: "uri", help: "page stating the criteria" },
  {
    path: "achievement.achievementType",
    kind: "term",
    terms: ACHIEVEMENT_TYPES,
    open: true,
    help: "OB 3.0 type, e.g. BachelorDegree",
  },
  { path: "achievement.fieldOfStudy", kind: "text", help: "e.g. Mechatronics" },
  { path: "achievement.humanCode", kind: "text", help: "the registrar's code, e.g. BENG-MX" },
  { path: "achievement.creditsAvailable", kind: "number", help: "credits the programme gives" },
  { path: "achievement.tags", kind: "list", help: "keywords" },
  { path: "achievement.image", kind: "uri", help: "URL of the badge image" },
  { path: "validFrom", kind: "date", required: true, help: "award date" },
  { path: "validUntil", kind: "date", help: "end of validity, after validFrom" },
  { path: "activityStartDate", kind: "date", help: "start of the studies" },
  { path: "activityEndDate", kind: "date", help: "end of the studies" },
  {
    path: "identifiers[].identityType",
    kind: "term",
    required: true,
    terms: IDENTIFIER_TYPES,
    open: true,
    help: "e.g. emailAddress, sisSourcedId",
  },
  {
    path: "identifiers[].value",
    kind: "text",
    required: true,
    variant: "plain",
    help: "the identifier in clear",
  },
  {
    path: "identifiers[].hashed",
    kind: "boolean",
    variant: "plain",
    help: "true: store it as a salted hash",
  },
  {
    path: "identifiers[].identityHash",
    kind: "text",
    required: true,
    variant: "hashed",
    help: "already hashed: sha256$<hex> or md5$<hex>",
  },
  { path: "identifiers[].salt", kind: "text", variant: "hashed", help: "salt of identityHash" },
  { path: "results[].name", kind: "text", required: true, help: "e.g. Final grade (unique)" },
  { path: "results[].value", kind: "text", help: "e.g. 74 (or a status)" },
  {
    path: "results[].status",
    kind: "term",
    terms: RESULT_STATUSES,
    help: "e.g. Completed (or a value)",
  },
  {
    path: "results[].resultType",
    kind: "term",
    terms: RESULT_TYPES,
    open: true,
    help: "e.g. Percent (default: Result or Status)",
  },
  { path: "evidence[].id", kind: "uri", help: "URL of the evidence" },
  { path: "evidence[].name", kind: "text", help: "title of the evidence" },
  { path: "evidence[].description", kind: "multiline", help: "what it is" },
  { path: "evidence[].narrative", kind: "multiline", help: "how it shows the achievement" },
  { path: "evidence[].genre", kind: "text", help: "e.g. Engineering project" },
  { path: "evidence[].audience", kind: "text", help: "who it is for" },
  { path: "creditsEarned", kind: "number", help: "credits the holder earned" },
  { path: "term", kind: "text", help: "e.g. 2024/25" },
] as const satisfies readonly RecordField[];

// The table never changes, and validation asks these for every row of a million-row export:
// each answer is worked out once.
const places = new Map<string, { group: FieldGroup; key: string }>();
const fieldLists = new Map<string, readonly RecordField[]>();
const keyLists = new Map<string, readonly string[]>();

/** A field's group and its key in that group: "results[].name" is ("results", "name"). */
export function placeOf(path: string): { group: FieldGroup; key: string } {
  let place = places.get(path);
  if (place === undefined) {
    const list = /^(identifiers|results|evidence)\[\]\.(.+)$/.exec(path);
    place =
      list !== null
        ? { group: list[1] as FieldGroup, key: list[2]! }
        : path.startsWith("achievement.")
          ? { group: "achievement", key: path.slice(12) }
          : { group: "record", key: path };
    places.set(path, place);
  }
  return place;
}

/** The fields of one group, in table order (identifiers of one variant, or of both). */
export function fieldsOf(group: FieldGroup, variant?: "plain" | "hashed"): readonly RecordField[] {
  const cacheKey = `${group} ${variant}`;
  let fields = fieldLists.get(cacheKey);
  if (fields === undefined) {
    fields = Object.freeze(
      (RECORD_FIELDS as readonly RecordField[]).filter(
        (field) =>
          placeOf(field.path).group === group &&
          (variant === undefined || field.variant === undefined || field.variant === variant),
      ),
    );
    fieldLists.set(cacheKey, fields);
  }
  return fields;
}

/** The keys a group's objects may have (the record's own include its groups). */
export function keysOf(group: FieldGroup, variant?: "plain" | "hashed"): readonly string[] {
  const cacheKey = `${group} ${variant}`;
  let keys = keyLists.get(cacheKey);
  if (keys === undefined) {
    const own = fieldsOf(group, variant).map((field) => placeOf(field.path).key);
    keys = Object.freeze(
      group === "record" ? [...own, "achievement", "identifiers", "results", "evidence"] : own,
    );
    keyLists.set(cacheKey, keys);
  }
  return keys;
}

/** The field a path names; list paths may carry an index ("results[2].value"). */
export function recordFieldOf(path: string): RecordField | undefined {
  if (path.includes("[]")) return undefined;
  const match = /^(identifiers|results|evidence)\[(\d{1,3})\]\.(.+)$/.exec(path);
  if (match !== null && Number(match[2]) >= MAX_LIST_ITEMS) return undefined;
  const general = match === null ? path : `${match[1]}[].${match[3]}`;
  return (RECORD_FIELDS as readonly RecordField[]).find((field) => field.path === general);
}

/** One line listing every field path, for an error about an unknown one. */
export function recordFieldList(): string {
  return `record fields are ${RECORD_FIELDS.map((field) => field.path.replace("[]", "[i]")).join(", ")}`;
}

/**
 * The help text describing every record field: one line each (path, kind, required), then the
 * limits; the `issue` command prints it after its options.
 */
export function describeRecordFields(): string {
  const width = Math.max(...RECORD_FIELDS.map((field) => field.path.length)) + 2;
  const lines = (RECORD_FIELDS as readonly RecordField[]).map((field) => {
    const path = field.path.replace("[]", "[i]").padEnd(width);
    const kind = field.kind === "term" && field.open ? "term|ext:*" : field.kind;
    return `  ${path}${(field.required ? `${kind}, required` : kind).padEnd(22)}${field.help}`;
  });
  return [
    "Record fields (CSV column names and --mapping targets; JSON records nest them):",
    ...lines,
    `Texts hold at most ${MAX_FIELD_BYTES} bytes of UTF-8, lists ${MAX_LIST_ITEMS} items (i from 0).`,
    "Dates are YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ, unless a mapping declares a format.",
  ].join("\n");
}
