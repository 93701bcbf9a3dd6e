// The values of the claims a file discloses, by pointer, for display next to the report.
import { type JsonPointer, type JsonValue, parsePointer } from "../credential/index.ts";

export function disclosedValues(
  credential: unknown,
  pointers: readonly JsonPointer[],
): Record<JsonPointer, JsonValue> {
  const values: Record<JsonPointer, JsonValue> = {};
  for (const pointer of pointers) {
    let node: unknown = credential;
    for (const token of parsePointer(pointer)) {
      node =
        node !== null && typeof node === "object" && Object.hasOwn(node, token)
          ? (node as Record<string, unknown>)[token]
          : undefined;
    }
    if (node !== undefined) values[pointer] = node as JsonValue;
  }
  return values;
}
