// The column mapping: how any export's columns (or a JSON record's keys) become the fields of a
// credential record. A mapping file names, for each record field, the column it comes from (with
// a type: text, number, boolean, list or date with a format) or a constant for the whole batch,
// plus the column holding the registrar's row id (which names the holder files). Without a
// mapping file, CSV headers must be record field paths ("holderName", "achievement.name",
// "results[0].value") and JSON records are credential records as they are.
//
// Mapping file:
//   { "id": "Student number",
//     "credentialType": "BachelorDegree",                       (optional, --type wins)
//     "issuer": { "name": "Example University", "url": "..." }, (optional, --issuer-name wins)
//     "fields": {
//       "holderName": "Full name",
//       "validFrom": { "column": "Award date", "type": "date", "format": "DD/MM/YYYY" },
//       "achievement.name": "Programme",
//       "achievement.description": { "value": "Awarded on completion of the programme." },
//       "achievement.tags": { "column": "Tags", "type": "list", "separator": ";" },
//       "identifiers[0].identityType": { "value": "sisSourcedId" },
//       "identifiers[0].value": "Student number" } }
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Hex } from "viem";
import {
  type FieldGroup,
  keysOf,
  PROFILE_FIELDS,
  placeOf,
  type RecordField,
  recordFieldList,
  recordFieldOf,
} from "../credential/index.ts";
import type { JsonValue } from "../credential/types.ts";
import { isObject } from "../values/index.ts";
import { dateFormatPattern, reformatDate } from "./dateFormats.ts";
import { MappingError } from "./errors.ts";

export type FieldKind = "text" | "number" | "boolean" | "list" | "date";

export type FieldSource =
  | { column: string; type: FieldKind; separator?: string; format?: string }
  | { value: JsonValue };

export interface IssuerProfileInput {
  name?: string;
  url?: string;
  email?: string;
  description?: string;
  image?: string;
}

export interface ColumnMapping {
  /** Column (or JSON key path) holding the registrar's id of each row. */
  id?: string;
  credentialType?: string;
  issuer?: IssuerProfileInput;
  /** Record field path -> where its value comes from, types resolved. */
  fields: Record<string, FieldSource>;
}

/** A mapping file as read: its content hash makes it part of a run's identity. */
export interface LoadedMapping {
  file: string;
  sha256: Hex;
  mapping: ColumnMapping;
}

/** A record mapped from one input row. */
export interface MappedRow {
  id?: string;
  record: Record<string, unknown>;
  /** The column a record field (as validateRecord names it) came from. */
  columnOf(field: string): string | undefined;
  /** The date format the mapping declares for a field's column, if any (e.g. "DD/MM/YYYY"). */
  dateFormatOf?(field: string): string | undefined;
}

const KINDS: readonly FieldKind[] = ["text", "number", "boolean", "list", "date"];
const LIST_PATH = /^(identifiers|results|evidence)\[(\d{1,3})\]\.([A-Za-z]+)$/;
const MAPPING_KEYS = ["id", "credentialType", "issuer", "fields"];

/** A record field path split into where it goes; undefined when no such field exists. */
type Target =
  | { kind: FieldKind; place: "top"; key: string }
  | { kind: FieldKind; place: "achievement"; key: string }
  | { kind: FieldKind; place: "list"; list: string; index: number; key: string };

/** Every row maps the same few paths: each is worked out once (undefined ones are not kept). */
const targets = new Map<string, Target>();

function targetOf(path: string): Target | undefined {
  let target = targets.get(path);
  if (target === undefined) {
    target = findTarget(path);
    if (target !== undefined) targets.set(path, target);
  }
  return target;
}

function findTarget(path: string): Target | undefined {
  const field = recordFieldOf(path);
  if (field === undefined) return undefined;
  const kind = columnKindOf(field.kind);
  const item = LIST_PATH.exec(path);
  if (item !== null) {
    return { kind, place: "list", list: item[1]!, index: Number(item[2]), key: item[3]! };
  }
  const { group, key } = placeOf(field.path);
  return group === "achievement"
    ? { kind, place: "achievement", key }
    : { kind, place: "top", key };
}

/** How a cell is read for a field of this kind: URIs, terms and long texts are text. */
function columnKindOf(kind: RecordField["kind"]): FieldKind {
  return kind === "number" || kind === "boolean" || kind === "list" || kind === "date"
    ? kind
    : "text";
}

/** True when `path` names a credential record field a column can fill. */
export function isRecordFieldPath(path: string): boolean {
  return targetOf(path) !== undefined;
}

/** Reads and checks a mapping file. */
export async function loadColumnMapping(file: string): Promise<LoadedMapping> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new MappingError(file, "(file)", `cannot be read: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new MappingError(file, "(file)", `is not JSON: ${(error as Error).message}`);
  }
  const sha256: Hex = `0x${createHash("sha256").update(bytes).digest("hex")}`;
  return { file, sha256, mapping: parseColumnMapping(json, file) };
}

/** Checks a parsed mapping file; errors name the file and the entry. */
export function parseColumnMapping(json: unknown, file: string): ColumnMapping {
  const fail = (entry: string, problem: string): never => {
    throw new MappingError(file, entry, problem);
  };
  if (!isObject(json)) {
    fail("(file)", 'must be a JSON object with "fields" (and optionally "id")');
  }
  const object = json as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!MAPPING_KEYS.includes(key))
      fail(`"${key}"`, `is not known; use ${MAPPING_KEYS.join(", ")}`);
  }
  const mapping: ColumnMapping = { fields: {} };
  if (object.id !== undefined) {
    if (typeof object.id !== "string" || object.id.trim() === "")
      fail('"id"', "must name a column");
    mapping.id = (object.id as string).trim();
  }
  if (object.credentialType !== undefined) {
    if (typeof object.credentialType !== "string") fail('"credentialType"', "must be a string");
    mapping.credentialType = object.credentialType as string;
  }
  if (object.issuer !== undefined) {
    const issuer = object.issuer as Record<string, unknown>;
    if (!isObject(issuer)) {
      fail('"issuer"', 'must be an object like {"name": "Example University"}');
    }
    const profile: IssuerProfileInput = {};
    for (const [key, value] of Object.entries(issuer)) {
      if (!PROFILE_FIELDS.includes(key))
        fail(`"issuer.${key}"`, `is not known; use ${PROFILE_FIELDS.join(", ")}`);
      if (typeof value !== "string") fail(`"issuer.${key}"`, "must be a string");
      profile[key as keyof IssuerProfileInput] = value as string;
    }
    mapping.issuer = profile;
  }
  const fields = object.fields;
  if (!isObject(fields)) {
    fail('"fields"', "must be an object mapping record fields to columns");
  }
  for (const [path, source] of Object.entries(fields as Record<string, unknown>)) {
    const target = targetOf(path);
    if (target === undefined)
      fail(`fields."${path}"`, `is not a record field; ${recordFieldList()}`);
    mapping.fields[path] = parseSource(source, target!.kind, `fields."${path}"`, fail);
  }
  if (Object.keys(mapping.fields).length === 0) fail('"fields"', "maps no field");
  return mapping;
}

function parseSource(
  source: unknown,
  kind: FieldKind,
  entry: string,
  fail: (entry: string, problem: string) => never,
): FieldSource {
  if (typeof source === "string") {
    if (source.trim() === "") fail(entry, "names an empty column");
    return { column: source.trim(), type: kind };
  }
  if (!isObject(source)) {
    fail(entry, 'must be a column name, {"column": ..., "type": ...} or {"value": ...}');
  }
  const object = source as Record<string, unknown>;
  if ("value" in object) {
    if (Object.keys(object).length !== 1) fail(entry, 'a constant is {"value": ...} alone');
    return { value: object.value as JsonValue };
  }
  for (const key of Object.keys(object)) {
    if (!["column", "type", "separator", "format"].includes(key)) {
      fail(entry, `has unknown key "${key}"; use column, type, separator, format`);
    }
  }
  if (typeof object.column !== "string" || object.column.trim() === "") {
    fail(entry, 'needs "column": the name of the column');
  }
  const type = object.type ?? kind;
  if (!KINDS.includes(type as FieldKind)) fail(entry, `type must be one of ${KINDS.join(", ")}`);
  if (
    object.separator !== undefined &&
    (typeof object.separator !== "string" || object.separator === "")
  ) {
    fail(entry, "separator must be a non-empty string");
  }
  if (object.format !== undefined) {
    if (type !== "date") fail(entry, 'format applies to type "date" only');
    if (typeof object.format !== "string" || dateFormatPattern(object.format) === undefined) {
      fail(entry, "format must use YYYY, MM (or M) and DD (or D), e.g. DD/MM/YYYY");
    }
  }
  const parsed: FieldSource = { column: (object.column as string).trim(), type: type as FieldKind };
  if (object.separator !== undefined) parsed.separator = object.separator as string;
  if (object.format !== undefined) parsed.format = object.format as string;
  return parsed;
}

/** The column (or JSON member) a rejects file adds; reading ignores it, so the file can be reissued. */
export const REJECT_REASON_COLUMN = "reason";

/**
 * The mapping CSV headers imply when no mapping file is given: each column is a field path, but
 * for the reason column of a rejects file.
 */
export function mappingFromHeader(header: readonly string[]): {
  mapping: ColumnMapping;
  unknown: string[];
} {
  const mapping: ColumnMapping = { fields: {} };
  const unknown: string[] = [];
  for (const column of header) {
    if (column === "id") mapping.id = column;
    else if (column === REJECT_REASON_COLUMN) continue;
    else if (isRecordFieldPath(column)) {
      mapping.fields[column] = { column, type: targetOf(column)!.kind };
    } else unknown.push(column);
  }
  return { mapping, unknown };
}

/** The input columns a mapping reads. */
export function mappedColumns(mapping: ColumnMapping): string[] {
  const columns = new Set<string>();
  if (mapping.id !== undefined) columns.add(mapping.id);
  for (const source of Object.values(mapping.fields)) {
    if ("column" in source) columns.add(source.column);
  }
  return [...columns];
}

/**
 * Builds the record of one row; `get` reads a column (a CSV cell or a JSON key path). Empty cells
 * leave their field out; a list item (identifiers[i], results[i], evidence[i]) is left out when
 * none of its columns has a value, whatever constants it has.
 */
export function mapRow(mapping: ColumnMapping, get: (column: string) => unknown): MappedRow {
  const record: Record<string, unknown> = {};
  const achievement: Record<string, unknown> = {};
  const items = new Map<
    string,
    Map<number, { fields: Record<string, unknown>; filled: boolean }>
  >();
  const columns = new Map<string, string>();
  const formats = new Map<string, string>();
  for (const [path, source] of Object.entries(mapping.fields)) {
    const target = targetOf(path)!;
    let value: unknown;
    let fromColumn = false;
    if ("value" in source) {
      value = source.value;
    } else {
      // An empty cell still names its column, for the error a missing required field gets.
      columns.set(path, source.column);
      if (source.format !== undefined) formats.set(path, source.format);
      const raw = get(source.column);
      if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) {
        continue;
      }
      value = convert(raw, source);
      fromColumn = true;
    }
    if (target.place === "top") record[target.key] = value;
    else if (target.place === "achievement") achievement[target.key] = value;
    else {
      const list = items.get(target.list) ?? new Map();
      items.set(target.list, list);
      const item = list.get(target.index) ?? { fields: {}, filled: false };
      list.set(target.index, item);
      item.fields[target.key] = value;
      item.filled ||= fromColumn;
    }
  }
  if (Object.keys(achievement).length > 0) record.achievement = achievement;
  for (const [list, byIndex] of items) {
    const kept = [...byIndex.entries()].filter(([, item]) => item.filled).sort(([a], [b]) => a - b);
    if (kept.length === 0) continue;
    record[list] = kept.map(([, item]) => item.fields);
    // Errors name items by their place in the record: map that back to the mapped index.
    kept.forEach(([index], place) => {
      if (place === index) return;
      for (const key of keysOf(list as FieldGroup)) {
        const column = columns.get(`${list}[${index}].${key}`);
        if (column !== undefined) columns.set(`${list}[${place}].${key}`, column);
        else columns.delete(`${list}[${place}].${key}`);
      }
    });
  }
  let id: string | undefined;
  if (mapping.id !== undefined) {
    const raw = get(mapping.id);
    if (typeof raw === "string" && raw.trim() !== "") id = raw.trim();
    else if (typeof raw === "number" && Number.isFinite(raw)) id = String(raw);
  }
  return {
    id,
    record,
    columnOf: (field) => columns.get(field),
    dateFormatOf: (field) => formats.get(field),
  };
}

function convert(raw: unknown, source: Extract<FieldSource, { column: string }>): unknown {
  switch (source.type) {
    case "text":
      return typeof raw === "number" || typeof raw === "boolean" ? String(raw) : raw;
    case "number":
      if (typeof raw === "string" && /^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(raw)) return Number(raw);
      return raw;
    case "boolean": {
      if (typeof raw !== "string") return raw;
      const word = raw.trim().toLowerCase();
      if (["true", "yes", "y", "1"].includes(word)) return true;
      if (["false", "no", "n", "0"].includes(word)) return false;
      return raw;
    }
    case "list":
      if (typeof raw !== "string") return raw;
      return raw
        .split(source.separator ?? ";")
        .map((part) => part.trim())
        .filter((part) => part !== "");
    case "date":
      if (typeof raw !== "string" || source.format === undefined) return raw;
      return reformatDate(raw.trim(), source.format) ?? raw;
  }
}
