// What a claim is: a leaf of the credential document (a string, number, boolean, null, or an
// empty object or array), named by its JSON Pointer. Everything but `/proof` and the batch root
// is a claim.
import {
  ALWAYS_DISCLOSED,
  BATCH_ROOT_POINTER,
  DISCLOSED_UNLESS_HIDDEN,
  MAX_DEPTH,
  PROOF_POINTER,
} from "./constants.ts";
import { escapePointerToken, isAtOrUnder } from "./jsonPointer.ts";
import type { JsonPointer } from "./types.ts";

/** A leaf of the document; `inArray` when it is an array item (where `null` may be a filler). */
export type ClaimLeaf = { pointer: JsonPointer; value: unknown; inArray: boolean };

/** False for the members that are not claims: `/proof` and `/credentialStatus/batchRoot`. */
export function isClaimPointer(pointer: JsonPointer): boolean {
  return !isAtOrUnder(pointer, PROOF_POINTER) && !isAtOrUnder(pointer, BATCH_ROOT_POINTER);
}

/** True for claims a holder can never hide (issuer, type, expiry, status, achievement...). */
export function isAlwaysDisclosed(pointer: JsonPointer): boolean {
  return ALWAYS_DISCLOSED.some((prefix) => isAtOrUnder(pointer, prefix));
}

/** True for claims disclose() shows unless asked to hide them (the award date). */
export function isDisclosedUnlessHidden(pointer: JsonPointer): boolean {
  return DISCLOSED_UNLESS_HIDDEN.some((prefix) => isAtOrUnder(pointer, prefix));
}

/** Thrown by walkLeaves when a document nests deeper than MAX_DEPTH. */
export class DepthLimitError extends Error {
  override readonly name = "DepthLimitError";
  readonly pointer: JsonPointer;
  constructor(pointer: JsonPointer) {
    super(`nesting deeper than ${MAX_DEPTH} levels at "${pointer}"`);
    this.pointer = pointer;
  }
}

/**
 * Visits every leaf of a JSON document in document order, skipping non-claim members. Leaves
 * are primitives and empty containers; `null` array items are visited like any other leaf.
 */
export function walkLeaves(document: unknown, visit: (leaf: ClaimLeaf) => void): void {
  walk(document, "", false, 0, visit);
}

function walk(
  node: unknown,
  pointer: JsonPointer,
  inArray: boolean,
  depth: number,
  visit: (leaf: ClaimLeaf) => void,
): void {
  if (!isClaimPointer(pointer)) return;
  if (node === null || typeof node !== "object") {
    visit({ pointer, value: node, inArray });
    return;
  }
  if (depth >= MAX_DEPTH) throw new DepthLimitError(pointer);
  if (Array.isArray(node)) {
    if (node.length === 0) visit({ pointer, value: node, inArray });
    for (let i = 0; i < node.length; i++) walk(node[i], `${pointer}/${i}`, true, depth + 1, visit);
    return;
  }
  const keys = Object.keys(node);
  if (keys.length === 0 && pointer !== "") visit({ pointer, value: node, inArray });
  for (const key of keys) {
    const child = (node as Record<string, unknown>)[key];
    walk(child, `${pointer}/${escapePointerToken(key)}`, false, depth + 1, visit);
  }
}

/** All claim leaves of a document, in document order. */
export function listClaimLeaves(document: unknown): ClaimLeaf[] {
  const leaves: ClaimLeaf[] = [];
  walkLeaves(document, (leaf) => leaves.push(leaf));
  return leaves;
}
