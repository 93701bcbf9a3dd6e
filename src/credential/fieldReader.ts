// Reads the fields of one input object (a record, or the batch's issuance context) by kind:
// text trimmed and NFC-normalised and bounded, URIs absolute, dates normalised to UTC, terms
// from a vocabulary. Every problem is a CredentialInputError naming the record and the field.
import { isObject } from "../values/index.ts";
import { MAX_FIELD_BYTES, MAX_LIST_ITEMS } from "./constants.ts";
import { parseDate } from "./dates.ts";
import { CredentialInputError } from "./errors.ts";
import { describeTextProblem, findTextProblem, utf8Length } from "./text.ts";

const URI_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const EXTENSION_TERM = /^ext:[A-Za-z0-9._-]+$/;
export const EMAIL = /^[^\s@]+@[^\s@]+$/;

type TextRule = { required?: boolean; multiline?: boolean };
export type Fields = Record<string, unknown>;

/** Reads fields of one record, throwing CredentialInputError that names the record and field. */
export class FieldReader {
  readonly record: string;

  constructor(record: string) {
    this.record = record;
  }

  fail(code: CredentialInputError["code"], field: string, problem: string, details = {}): never {
    throw new CredentialInputError(code, this.record, field, problem, details);
  }

  object(value: unknown, field: string, allowed: readonly string[]): Fields {
    if (!isObject(value)) {
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

/** Removes members whose value is undefined, so optional fields are absent rather than empty. */
export function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}
