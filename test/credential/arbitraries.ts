// fast-check generators for the credential properties: varied records (so credentials have
// arrays, nested objects, hashed identifiers, unicode), built credentials, and JSON edits.
import fc from "fast-check";
import {
  buildCredential,
  type CredanchorCredential,
  type CredentialRecord,
  parsePointer,
} from "../../src/credential/index.ts";
import { context, minimalRecord, seededRandom } from "./support.ts";

/** One-line text the builder accepts, keeping its meaning after trim and NFC. */
export const text = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 24 })
  .filter((s) => s.trim() !== "" && !/[\p{Cc}\uFFFD]/u.test(s));

export const record: fc.Arbitrary<CredentialRecord> = fc
  .record(
    {
      holderName: text,
      identifiers: fc.array(
        fc.record({
          identityType: fc.constantFrom("sisSourcedId", "ext:staffNumber"),
          value: text,
          hashed: fc.boolean(),
        }),
        { maxLength: 2 },
      ),
      results: fc.uniqueArray(fc.record({ name: text, value: text }), {
        selector: (r) => r.name.trim().normalize("NFC"),
        maxLength: 3,
      }),
      evidence: fc.array(fc.record({ name: text }), { maxLength: 2 }),
      creditsEarned: fc.integer({ min: 0, max: 300 }),
    },
    { requiredKeys: ["holderName"] },
  )
  .map((fields) => ({ ...minimalRecord, ...fields }));

/** A built credential (full form), with its randomness fixed by the seed so it shrinks stably. */
export const credential: fc.Arbitrary<CredanchorCredential> = fc
  .tuple(record, fc.nat({ max: 100_000 }), fc.string())
  .map(([r, index, seed]) =>
    buildCredential({ record: r, index, context, random: seededRandom(seed) }),
  );

/** Reads the value at a JSON Pointer. */
export function getAt(document: unknown, pointer: string): unknown {
  let node = document;
  for (const token of parsePointer(pointer)) node = (node as Record<string, unknown>)?.[token];
  return node;
}

/** Sets the value at a JSON Pointer, creating objects on the way. */
export function setAt(document: unknown, pointer: string, value: unknown): void {
  const tokens = parsePointer(pointer);
  let node = document as Record<string, unknown>;
  for (const token of tokens.slice(0, -1)) {
    if (node[token] === null || typeof node[token] !== "object") node[token] = {};
    node = node[token] as Record<string, unknown>;
  }
  node[tokens[tokens.length - 1]!] = value;
}

/** Deletes the member at a JSON Pointer (array items are spliced out). */
export function deleteAt(document: unknown, pointer: string): void {
  const tokens = parsePointer(pointer);
  const parent = getAt(
    document,
    tokens
      .slice(0, -1)
      .map((t) => `/${t.replaceAll("~", "~0").replaceAll("/", "~1")}`)
      .join(""),
  );
  const last = tokens[tokens.length - 1]!;
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete (parent as Record<string, unknown>)[last];
}

/** Flips one hex digit of a 0x-hex string at `position` (counted after the 0x). */
export function flipHexDigit(hex: string, position: number): string {
  const i = 2 + (position % (hex.length - 2));
  const digit = Number.parseInt(hex[i]!, 16);
  return hex.slice(0, i) + ((digit + 1) % 16).toString(16) + hex.slice(i + 1);
}
