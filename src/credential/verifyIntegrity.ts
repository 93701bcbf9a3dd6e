// Integrity: recompute a credential's digest from what the file shows (disclosed values with
// their salts, digests of hidden claims) and compare it with the digest it claims. Accepts full
// and disclosed forms alike; never throws on untrusted input, it reports what is wrong.
// It does not check the Merkle proof, the v2 signature or the chain: the verifier does that with
// the digest returned here (never with the digest stored in the file).
//
// The hex rule. v2: hashes (batch root, digests, proof path, transaction, keys) are lowercase and
// addresses are exactly EIP-55, so one value has one spelling. v1 files are checked as v1
// verifiers checked them (hex of either case, addresses compared case-insensitively), so every v1
// file issued keeps verifying. Each rule of the format has its file (checkProofMembers,
// checkProofSetV2, checkTypesShown, checkStatus, checkAnchor); this one walks the claims.
import type { Hex } from "viem";
import { isObject } from "../values/index.ts";
import { checkAnchor } from "./checkAnchor.ts";
import { checkProofMembers } from "./checkProofMembers.ts";
import { checkProofSetV2 } from "./checkProofSetV2.ts";
import { checkIssuer, checkStatusV2 } from "./checkStatus.ts";
import { checkTypesShown } from "./checkTypesShown.ts";
import { claimDigest, isDigest, isSalt } from "./claimDigest.ts";
import { DepthLimitError, isAlwaysDisclosed, isClaimPointer, walkLeaves } from "./claims.ts";
import { MAX_CLAIMS } from "./constants.ts";
import { credentialDigest } from "./credentialDigest.ts";
import { CanonicalJsonError } from "./errors.ts";
import type { IntegrityFailure, IntegrityFailureReason } from "./integrityFailure.ts";
import { comparePointers, parsePointer } from "./jsonPointer.ts";
import { proofLayoutOf } from "./readCredential.ts";
import type { JsonPointer } from "./types.ts";

export type { IntegrityFailure, IntegrityFailureReason } from "./integrityFailure.ts";

export type IntegrityResult =
  | { ok: true; credentialDigest: Hex; disclosed: JsonPointer[]; hidden: JsonPointer[] }
  | { ok: false; failures: IntegrityFailure[]; credentialDigest?: Hex };

/** One claim as the file shows it: disclosed (salt and value) or hidden (digest only). */
export type InspectedClaim =
  | { pointer: JsonPointer; disclosed: true; salt: Hex; value: unknown; digest: Hex }
  | { pointer: JsonPointer; disclosed: false; digest: Hex };

/**
 * Checks that the file is intact: every disclosed value matches its salted digest, nothing is
 * added or removed, mandatory claims are disclosed, and the recomputed credential digest equals
 * `proof.credentialDigest`. Returns that digest, or every failure found.
 */
export function verifyIntegrity(credential: unknown): IntegrityResult {
  const inspection = inspectCredential(credential);
  if (inspection.failures.length > 0 || inspection.credentialDigest === undefined) {
    return dropUndefinedDigest({
      ok: false,
      failures: inspection.failures,
      credentialDigest: inspection.credentialDigest,
    });
  }
  const disclosed: JsonPointer[] = [];
  const hidden: JsonPointer[] = [];
  for (const claim of inspection.claims) (claim.disclosed ? disclosed : hidden).push(claim.pointer);
  return { ok: true, credentialDigest: inspection.credentialDigest, disclosed, hidden };
}

function dropUndefinedDigest(result: {
  ok: false;
  failures: IntegrityFailure[];
  credentialDigest?: Hex | undefined;
}): IntegrityResult {
  if (result.credentialDigest === undefined) delete result.credentialDigest;
  return result as IntegrityResult;
}

/** Integrity check that also returns every claim it read; disclose() builds on it. */
export function inspectCredential(credential: unknown): {
  failures: IntegrityFailure[];
  claims: InspectedClaim[];
  credentialDigest?: Hex;
  version?: 1 | 2;
} {
  const failures: IntegrityFailure[] = [];
  const fail = (reason: IntegrityFailureReason, message: string, pointer?: JsonPointer) => {
    failures.push(pointer === undefined ? { reason, message } : { reason, pointer, message });
  };
  if (!isObject(credential)) {
    fail("MALFORMED", "a credential must be a JSON object");
    return { failures, claims: [] };
  }
  const layout = proofLayoutOf(credential);
  if (layout === undefined) {
    fail("MALFORMED", "proof is missing or not an object", "/proof");
    return { failures, claims: [] };
  }
  if (layout.version === "foreign") {
    fail(
      "MALFORMED",
      "proof holds no credanchor anchor proof: this is another issuer's signed credential, which has no salted claims to check",
      "/proof",
    );
    return { failures, claims: [] };
  }
  const proof = layout.anchorProof;
  const at = layout.version === 1 ? "/proof" : "/proof/0";
  const name = layout.version === 1 ? "proof" : "proof[0]";
  const version = layout.version;
  checkProofMembers(credential, layout, fail);
  const entries = proof.claims;
  if (!isObject(entries)) {
    fail("MALFORMED", `${name}.claims is missing or not an object`, `${at}/claims`);
    return { failures, claims: [], version };
  }
  const pointers = Object.keys(entries);
  if (pointers.length > MAX_CLAIMS) {
    fail(
      "LIMIT_EXCEEDED",
      `${name}.claims lists ${pointers.length} claims; the limit is ${MAX_CLAIMS}`,
      `${at}/claims`,
    );
    return { failures, claims: [], version };
  }

  // Salts and hidden digests, by pointer, as the proof lists them.
  const salts = new Map<JsonPointer, Hex>();
  const hiddenDigests = new Map<JsonPointer, Hex>();
  const hiddenAncestors = new Set<JsonPointer>();
  for (const pointer of pointers) {
    const entry = entries[pointer];
    if (!validClaimPointer(pointer)) {
      fail(
        "MALFORMED",
        `proof.claims has an entry for "${pointer}", which is not a claim pointer`,
        pointer,
      );
      continue;
    }
    if (isObject(entry) && Object.keys(entry).length === 1 && isSalt(entry.salt)) {
      salts.set(pointer, entry.salt);
    } else if (isObject(entry) && Object.keys(entry).length === 1 && isDigest(entry.digest)) {
      hiddenDigests.set(pointer, entry.digest);
      for (let i = pointer.indexOf("/", 1); i > 0; i = pointer.indexOf("/", i + 1)) {
        hiddenAncestors.add(pointer.slice(0, i));
      }
      if (isAlwaysDisclosed(pointer)) {
        fail(
          "MANDATORY_CLAIM_HIDDEN",
          `"${pointer}" must always be disclosed but is hidden`,
          pointer,
        );
      }
    } else {
      fail(
        "MALFORMED",
        `proof.claims["${pointer}"] must be {"salt": 16-byte hex} or {"digest": 32-byte hex}, lowercase`,
        pointer,
      );
    }
  }

  // Every leaf of the document must be a disclosed claim, or a null filler standing for a
  // hidden array item (so later items keep their pointers).
  const claims: InspectedClaim[] = [];
  const seen = new Set<JsonPointer>();
  let leafCount = 0;
  try {
    walkLeaves(credential, ({ pointer, value, inArray }) => {
      if (++leafCount > MAX_CLAIMS) throw new LimitReached();
      const salt = salts.get(pointer);
      if (salt !== undefined) {
        seen.add(pointer);
        try {
          claims.push({
            pointer,
            disclosed: true,
            salt,
            value,
            digest: claimDigest(salt, pointer, value),
          });
        } catch (error) {
          if (!(error instanceof CanonicalJsonError)) throw error;
          fail(
            "NOT_CANONICAL",
            `value at "${pointer}" cannot be canonicalised: ${error.message}`,
            pointer,
          );
        }
      } else if (
        value === null &&
        inArray &&
        (hiddenDigests.has(pointer) || hiddenAncestors.has(pointer))
      ) {
        // A filler for a hidden array item.
      } else {
        fail(
          "UNSALTED_VALUE",
          `value at "${pointer}" has no salt in proof.claims: it was added, or its salt removed`,
          pointer,
        );
      }
    });
  } catch (error) {
    if (error instanceof DepthLimitError) {
      fail("LIMIT_EXCEEDED", error.message, error.pointer);
    } else if (error instanceof LimitReached) {
      fail("LIMIT_EXCEEDED", `the document has more than ${MAX_CLAIMS} values`);
    } else {
      throw error;
    }
    return { failures, claims: [] };
  }
  for (const pointer of salts.keys()) {
    if (!seen.has(pointer)) {
      fail(
        "MISSING_VALUE",
        `proof.claims has a salt for "${pointer}" but the document shows no value there`,
        pointer,
      );
    }
  }
  for (const [pointer, digest] of hiddenDigests) claims.push({ pointer, disclosed: false, digest });
  claims.sort((a, b) => comparePointers(a.pointer, b.pointer));
  if (version === 2) {
    checkProofSetV2(credential, layout, hiddenDigests.size > 0, fail);
    checkTypesShown(credential, hiddenDigests.keys(), fail);
  }
  if (failures.length > 0) return { failures, claims, version };
  if (claims.length === 0) {
    fail("MALFORMED", "the credential has no claims");
    return { failures, claims, version };
  }

  const digest = credentialDigest(claims);
  if (digest !== proof.credentialDigest) {
    fail(
      "DIGEST_MISMATCH",
      `recomputed credential digest ${digest} differs from ${name}.credentialDigest ${String(proof.credentialDigest)}`,
      `${at}/credentialDigest`,
    );
    return { failures, claims, credentialDigest: digest, version };
  }
  checkAnchor(credential, layout, fail);
  if (version === 1) checkIssuer(credential, fail);
  else checkStatusV2(credential, fail);
  return { failures, claims, credentialDigest: digest, version };
}

class LimitReached extends Error {
  override readonly name = "LimitReached";
}

function validClaimPointer(pointer: string): boolean {
  if (!pointer.startsWith("/") || !isClaimPointer(pointer)) return false;
  try {
    parsePointer(pointer);
    return true;
  } catch {
    return false;
  }
}
