// Selective disclosure: a holder derives a copy of their credential that shows only some claims.
// Hidden claims leave the document and keep only their claim digest in `proof.claims`, so the
// credential digest (and so the leaf, the Merkle proof and the anchor) stays the same. A copy
// carries only the anchor proof: a v2 signature covers every claim, so it cannot verify once some
// are hidden, and the encrypted copy's key would open them.

import { isObject } from "../values/index.ts";
import { isAlwaysDisclosed, isClaimPointer, isDisclosedUnlessHidden } from "./claims.ts";
import { BATCH_ROOT_POINTER } from "./constants.ts";
import { CredentialIntegrityError, DisclosureError } from "./errors.ts";
import { escapePointerToken, formatPointer, isAtOrUnder, parsePointer } from "./jsonPointer.ts";
import type {
  AnchorProof,
  ClaimEntry,
  CredanchorCredentialV1,
  CredanchorCredentialV2,
  CredanchorProof,
  JsonPointer,
} from "./types.ts";
import { type InspectedClaim, inspectCredential } from "./verifyIntegrity.ts";

const DROP = Symbol("drop");

export type DiscloseOptions = {
  /**
   * Claims to hide even though they would be shown: the award date (`/validFrom`), which is
   * shown unless named here, or claims a broad pointer in `pointers` revealed. Claims that are
   * always disclosed cannot be hidden.
   */
  hide?: readonly JsonPointer[];
};

/**
 * Returns a copy of `credential` that discloses the claims at or under each of `pointers`
 * (RFC 6901; "" means every claim), plus the claims that are always disclosed (issuer, type,
 * expiry, status, @context, achievement), the award date unless `options.hide` names it, and the
 * `type` of every object it shows values of (an IdentityObject's `identityType` and `hashed`
 * too; v2 only, see keepTypes), and hides the rest. Works on full and already disclosed credentials of either version; a
 * claim hidden in the input cannot be disclosed again.
 */
export function disclose<C extends CredanchorCredentialV1 | CredanchorCredentialV2>(
  credential: C,
  pointers: readonly JsonPointer[],
  options: DiscloseOptions = {},
): C {
  const inspection = inspectCredential(credential);
  const credentialId = typeof credential?.id === "string" ? credential.id : "(no id)";
  if (inspection.failures.length > 0)
    throw new CredentialIntegrityError(credentialId, inspection.failures);

  const keep = new Set<JsonPointer>();
  for (const claim of inspection.claims) {
    if (
      claim.disclosed &&
      (isAlwaysDisclosed(claim.pointer) || isDisclosedUnlessHidden(claim.pointer))
    )
      keep.add(claim.pointer);
  }
  const matching = (requested: JsonPointer): InspectedClaim[] => {
    parsePointer(requested);
    const matches = inspection.claims.filter(
      (claim) => requested === "" || isAtOrUnder(claim.pointer, requested),
    );
    if (matches.length === 0) {
      throw new DisclosureError(
        "DISCLOSURE_POINTER_UNKNOWN",
        credentialId,
        requested,
        "names no claim of this credential",
      );
    }
    return matches;
  };
  for (const requested of pointers) {
    const revealable = matching(requested).filter((claim) => claim.disclosed);
    if (revealable.length === 0) {
      throw new DisclosureError(
        "DISCLOSURE_CLAIM_HIDDEN",
        credentialId,
        requested,
        "is hidden in this copy; disclose from a copy that still shows it",
      );
    }
    for (const claim of revealable) keep.add(claim.pointer);
  }
  const hiddenBy = new Map<JsonPointer, JsonPointer>(); // claim -> the hide request that took it
  for (const requested of options.hide ?? []) {
    const matches = matching(requested);
    const mandatory = matches.find((claim) => isAlwaysDisclosed(claim.pointer));
    if (mandatory !== undefined) {
      throw new DisclosureError(
        "DISCLOSURE_CLAIM_MANDATORY",
        credentialId,
        requested,
        `covers "${mandatory.pointer}", which is always disclosed; name only claims a holder may hide (such as /validFrom, the award date)`,
      );
    }
    for (const claim of matches) {
      if (keep.delete(claim.pointer)) hiddenBy.set(claim.pointer, requested);
    }
  }
  keepTypes(credential, credentialId, inspection.claims, keep, hiddenBy, inspection.version === 2);

  // The encrypted copy's key would open every claim, hidden ones too: a disclosed copy never has it.
  const { proof: proofs, ...document } = credential;
  const full: CredanchorProof | AnchorProof = Array.isArray(proofs) ? proofs[0] : proofs;
  const { encryptedCopy: _private, ...anchorProof } = full;
  const pruned = prune(document, "", keep);
  const result = (pruned === DROP ? {} : pruned) as Omit<C, "proof">;
  const batchRoot = credential.credentialStatus?.batchRoot;
  if (batchRoot !== undefined && result.credentialStatus !== undefined) {
    result.credentialStatus = { ...result.credentialStatus, batchRoot };
  }
  const proof = { ...anchorProof, claims: claimEntries(inspection.claims, keep) };
  return { ...result, proof: Array.isArray(proofs) ? [proof] : proof } as C;
}

/** Members that say what kind of thing an object is; an IdentityObject's kind is three of them. */
function kindMembers(node: Record<string, unknown>): readonly string[] {
  return node.type === "IdentityObject" ? ["type", "identityType", "hashed"] : ["type"];
}

/**
 * Refuses a `hide` request that took away a kind claim (`type`, and an IdentityObject's
 * `identityType` and `hashed`) of an object whose values stay shown (DISCLOSURE_TYPE_REQUIRED),
 * and in v2 adds the kind claims of every object a kept claim is a value of, so a copy never
 * shows a value without saying what it is. v1 copies made from a reveal list keep the v1 output
 * (the published v1 vectors hold such copies, and v1 verifiers accept them).
 */
function keepTypes(
  credential: unknown,
  credentialId: string,
  claims: readonly InspectedClaim[],
  keep: Set<JsonPointer>,
  hiddenBy: ReadonlyMap<JsonPointer, JsonPointer>,
  addKinds: boolean,
): void {
  const required = new Map<JsonPointer, JsonPointer>(); // kind claim -> a value it describes
  for (const pointer of keep) {
    let node: unknown = credential;
    const tokens = parsePointer(pointer);
    for (let depth = 0; depth < tokens.length - 1; depth++) {
      const token = tokens[depth]!;
      node =
        node !== null && typeof node === "object" && Object.hasOwn(node, token)
          ? (node as Record<string, unknown>)[token]
          : undefined;
      if (!isObject(node)) continue;
      const member = tokens[depth + 1]!;
      const kinds = kindMembers(node);
      if (kinds.includes(member)) continue; // the kind itself is not a value that needs a kind
      const object = formatPointer(tokens.slice(0, depth + 1));
      for (const kind of kinds) required.set(`${object}/${escapePointerToken(kind)}`, pointer);
    }
  }
  if (required.size === 0) return;
  for (const claim of claims) {
    for (const [kind, value] of required) {
      if (!isAtOrUnder(claim.pointer, kind) || keep.has(claim.pointer)) continue;
      const requested = hiddenBy.get(claim.pointer);
      if (requested !== undefined) {
        throw new DisclosureError(
          "DISCLOSURE_TYPE_REQUIRED",
          credentialId,
          requested,
          `covers "${claim.pointer}", which says what "${value}" is a value of; a copy that shows a value keeps its object's type (hide the whole object instead)`,
        );
      }
      // A kind already hidden in the input (an old v1 copy) stays hidden: it cannot come back.
      if (addKinds && claim.disclosed) keep.add(claim.pointer);
    }
  }
}

function claimEntries(
  claims: readonly InspectedClaim[],
  keep: ReadonlySet<JsonPointer>,
): Record<JsonPointer, ClaimEntry> {
  const entries: Record<JsonPointer, ClaimEntry> = {};
  for (const claim of claims) {
    entries[claim.pointer] =
      claim.disclosed && keep.has(claim.pointer) ? { salt: claim.salt } : { digest: claim.digest };
  }
  return entries;
}

/** Copies `node` keeping only leaves whose pointer is in `keep`; hidden array items become null. */
function prune(node: unknown, pointer: JsonPointer, keep: ReadonlySet<JsonPointer>): unknown {
  if (!isClaimPointer(pointer) || pointer === BATCH_ROOT_POINTER) return DROP;
  if (node === null || typeof node !== "object") return keep.has(pointer) ? node : DROP;
  if (Array.isArray(node)) {
    if (node.length === 0) return keep.has(pointer) ? [] : DROP;
    const items = node.map((item, i) => prune(item, `${pointer}/${i}`, keep));
    while (items.length > 0 && items[items.length - 1] === DROP) items.pop();
    return items.length === 0 ? DROP : items.map((item) => (item === DROP ? null : item));
  }
  const keys = Object.keys(node);
  if (keys.length === 0) return keep.has(pointer) ? {} : DROP;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const child = prune(
      (node as Record<string, unknown>)[key],
      `${pointer}/${escapePointerToken(key)}`,
      keep,
    );
    // defineProperty, not assignment: a member named "__proto__" (JSON.parse makes it an own
    // property) must stay a member rather than become the copy's prototype.
    if (child !== DROP)
      Object.defineProperty(out, key, {
        value: child,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return Object.keys(out).length === 0 ? DROP : out;
}
