// RFC 8785 JSON Canonicalization Scheme: the one canonical form of JSON in credanchor. Written
// here (rather than wrapping the `canonicalize` package, which tests compare it against) so that
// a value outside the JSON data model fails with an error naming its JSON Pointer, in one pass.
import { CanonicalJsonError } from "./errors.ts";
import { escapePointerToken } from "./jsonPointer.ts";
import { isWellFormedText } from "./text.ts";

/**
 * Serialises a JSON value per RFC 8785: object members sorted by the UTF-16 code units of their
 * names, no whitespace, numbers in ECMAScript shortest round-trip form, strings escaped as
 * ECMAScript's JSON.stringify does. Rejects what JSON cannot carry: lone surrogates, NaN and
 * infinities, undefined, functions, class instances, sparse arrays and cycles.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, "", new Set());
}

function serialize(value: unknown, pointer: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case "string":
      if (!isWellFormedText(value)) throw new CanonicalJsonError(pointer, "has a lone surrogate");
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new CanonicalJsonError(pointer, `is ${value}`);
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
      break;
    default:
      throw new CanonicalJsonError(pointer, `is of type ${typeof value}, not JSON`);
  }
  if (ancestors.has(value)) throw new CanonicalJsonError(pointer, "contains itself");
  ancestors.add(value);
  let out: string;
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new CanonicalJsonError(`${pointer}/${i}`, "is a hole in an array");
      items.push(serialize(value[i], `${pointer}/${i}`, ancestors));
    }
    out = `[${items.join(",")}]`;
  } else {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new CanonicalJsonError(pointer, "is not a plain object");
    }
    const record = value as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const child = `${pointer}/${escapePointerToken(key)}`;
      if (!isWellFormedText(key))
        throw new CanonicalJsonError(child, "has a lone surrogate in its name");
      members.push(`${JSON.stringify(key)}:${serialize(record[key], child, ancestors)}`);
    }
    out = `{${members.join(",")}}`;
  }
  ancestors.delete(value);
  return out;
}
