// Shape tests for untrusted JSON values, shared by every layer so that each reader of a file or
// an RPC answer agrees on what an object, an address or a 32-byte hex string is.

/** A JSON object: not null, not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A 20-byte EVM address as 0x-prefixed hex, in any letter case (the checksum is not checked). */
export function isAddress(value: unknown): value is `0x${string}` {
  return typeof value === "string" && /^0x[0-9a-fA-F]{40}$/.test(value);
}

/** A 32-byte value (a hash, a root, a private key) as 0x-prefixed hex, in any letter case. */
export function isBytes32(value: unknown): value is `0x${string}` {
  return typeof value === "string" && /^0x[0-9a-fA-F]{64}$/.test(value);
}

/** The value at `path` (member names and array indexes as strings) under `node`, if present. */
export function valueAt(node: unknown, path: readonly string[]): unknown {
  let here = node;
  for (const token of path) {
    if (here === null || typeof here !== "object" || !Object.hasOwn(here, token)) return undefined;
    here = (here as Record<string, unknown>)[token];
  }
  return here;
}
