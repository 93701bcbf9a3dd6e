// JSON Pointers (RFC 6901) name claims. Also the one order claims are sorted in: by the UTF-8
// bytes of their pointers, which a verifier in any language can reproduce.
import { JsonPointerError } from "./errors.ts";
import type { JsonPointer } from "./types.ts";

/** Escapes one reference token: "~" becomes "~0", "/" becomes "~1". */
export function escapePointerToken(token: string): string {
  return token.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** Builds a pointer from reference tokens; numbers are array indices. */
export function formatPointer(tokens: readonly (string | number)[]): JsonPointer {
  let pointer = "";
  for (const token of tokens) pointer += `/${escapePointerToken(String(token))}`;
  return pointer;
}

/** Splits a pointer into its unescaped reference tokens; "" (the whole document) gives []. */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new JsonPointerError(pointer, 'it must start with "/"');
  return pointer
    .slice(1)
    .split("/")
    .map((token) => {
      if (/~(?![01])/.test(token)) {
        throw new JsonPointerError(pointer, '"~" must be followed by "0" or "1"');
      }
      return token.replaceAll("~1", "/").replaceAll("~0", "~");
    });
}

/** True when `pointer` is `prefix` itself or names something inside it. */
export function isAtOrUnder(pointer: JsonPointer, prefix: JsonPointer): boolean {
  return pointer === prefix || (pointer.startsWith(prefix) && pointer[prefix.length] === "/");
}

/**
 * Orders pointers by their UTF-8 bytes. For well-formed strings that is Unicode code point
 * order, which differs from JavaScript's UTF-16 order above U+FFFF.
 */
export function comparePointers(a: JsonPointer, b: JsonPointer): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (0xD800-0xDFFF) encode code points above 0xFFFF, which sort after 0xE000-0xFFFF.
    const surrogateX = x >= 0xd800 && x <= 0xdfff;
    const surrogateY = y >= 0xd800 && y <= 0xdfff;
    if (surrogateX !== surrogateY) return surrogateX ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
