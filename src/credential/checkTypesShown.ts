// v2: a shown object keeps what kind of thing it is. A holder may hide a value, not the `type`
// of an object whose other values it shows (nor an IdentityObject's identityType or hashed).
import { isObject } from "../values/index.ts";
import type { Fail } from "./integrityFailure.ts";
import { parsePointer } from "./jsonPointer.ts";
import type { JsonPointer } from "./types.ts";

/**
 * v2: a shown object keeps its `type` (an IdentityObject also its `identityType` and `hashed`),
 * so no holder can show a value while hiding what kind of thing it is.
 */
export function checkTypesShown(
  credential: Record<string, unknown>,
  hidden: Iterable<JsonPointer>,
  fail: Fail,
): void {
  for (const pointer of hidden) {
    let tokens: string[];
    try {
      tokens = parsePointer(pointer);
    } catch {
      continue;
    }
    let node: unknown = credential;
    for (let i = 0; i < tokens.length; i++) {
      if (node === null || typeof node !== "object") break;
      const token = tokens[i]!;
      const kind =
        isObject(node) &&
        (token === "type" ||
          (node.type === "IdentityObject" && (token === "identityType" || token === "hashed")));
      if (kind && i > 0) {
        fail(
          "TYPE_HIDDEN",
          `"${pointer}" is hidden while the object it describes is shown: a disclosed object keeps its type`,
          pointer,
        );
        break;
      }
      node = Object.hasOwn(node, token) ? (node as Record<string, unknown>)[token] : undefined;
    }
  }
}
