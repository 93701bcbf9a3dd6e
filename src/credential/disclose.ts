// Selective disclosure: a holder derives a copy of their credential that shows only some claims.
// Hidden claims leave the document and keep only their claim digest in `proof.claims`, so the
// credential digest (and so the leaf, the Merkle proof and the anchor) stays the same.
import { isAlwaysDisclosed, isClaimPointer, isDisclosedUnlessHidden } from "./claims.ts";
import { BATCH_ROOT_POINTER } from "./constants.ts";
import { CredentialIntegrityError, DisclosureError } from "./errors.ts";
import { escapePointerToken, isAtOrUnder, parsePointer } from "./jsonPointer.ts";
import type { ClaimEntry, CredanchorCredential, JsonPointer } from "./types.ts";
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
 * expiry, status, @context, achievement) and the award date unless `options.hide` names it, and
 * hides the rest. Works on full and already disclosed credentials; a claim hidden in the input
 * cannot be disclosed again.
 */
export function disclose(
  credential: CredanchorCredential,
  pointers: readonly JsonPointer[],
  options: DiscloseOptions = {},
): CredanchorCredential {
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
    for (const claim of matches) keep.delete(claim.pointer);
  }

  // The encrypted copy's key would open every claim, hidden ones too: a disclosed copy never has it.
  const { proof: full, ...document } = credential;
  const { encryptedCopy: _private, ...proof } = full;
  const pruned = prune(document, "", keep);
  const result = (pruned === DROP ? {} : pruned) as Omit<CredanchorCredential, "proof">;
  const batchRoot = credential.credentialStatus?.batchRoot;
  if (batchRoot !== undefined && result.credentialStatus !== undefined) {
    result.credentialStatus = { ...result.credentialStatus, batchRoot };
  }
  return { ...result, proof: { ...proof, claims: claimEntries(inspection.claims, keep) } };
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
