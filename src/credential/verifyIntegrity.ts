// Integrity: recompute a credential's digest from what the file shows (disclosed values with
// their salts, digests of hidden claims) and compare it with the digest it claims. Accepts full
// and disclosed forms alike; never throws on untrusted input, it reports what is wrong.
// It does not check the Merkle proof or the chain: the verifier does that with the digest
// returned here (never with the digest stored in the file).
import type { Hex } from "viem";
import { claimDigest, isDigest, isSalt } from "./claimDigest.ts";
import { DepthLimitError, isAlwaysDisclosed, isClaimPointer, walkLeaves } from "./claims.ts";
import { CID_TEXT, CRYPTOSUITE, MAX_BATCH_INDEX, MAX_CLAIMS, PROOF_TYPE } from "./constants.ts";
import { credentialDigest } from "./credentialDigest.ts";
import { CanonicalJsonError } from "./errors.ts";
import { parseCaip2ChainId, parseIssuerDid } from "./issuerId.ts";
import { comparePointers, parsePointer } from "./jsonPointer.ts";
import type { JsonPointer } from "./types.ts";

export type IntegrityFailureReason =
  /** The file is not shaped like a credential: no proof, bad hex, unknown members or suite. */
  | "MALFORMED"
  /** A value in the document has no salt: a claim was added, or its salt removed. */
  | "UNSALTED_VALUE"
  /** A salt is listed for a claim the document does not show: a claim was removed. */
  | "MISSING_VALUE"
  /** A claim that must always be disclosed (issuer, type, validity, status...) is hidden. */
  | "MANDATORY_CLAIM_HIDDEN"
  /** A disclosed value cannot be canonicalised (e.g. a lone surrogate). */
  | "NOT_CANONICAL"
  /** The recomputed credential digest differs from `proof.credentialDigest`. */
  | "DIGEST_MISMATCH"
  /** Anchor data disagrees with the status claims (root, index, chain, registry). */
  | "ANCHOR_MISMATCH"
  /** `issuer.id` is not the did:pkh of `credentialStatus.issuerAddress` on its chain. */
  | "ISSUER_MISMATCH"
  /** Too many claims or too deep: refused before hashing. */
  | "LIMIT_EXCEEDED";

export type IntegrityFailure = {
  reason: IntegrityFailureReason;
  pointer?: JsonPointer;
  message: string;
};

export type IntegrityResult =
  | { ok: true; credentialDigest: Hex; disclosed: JsonPointer[]; hidden: JsonPointer[] }
  | { ok: false; failures: IntegrityFailure[]; credentialDigest?: Hex };

/** One claim as the file shows it: disclosed (salt and value) or hidden (digest only). */
export type InspectedClaim =
  | { pointer: JsonPointer; disclosed: true; salt: Hex; value: unknown; digest: Hex }
  | { pointer: JsonPointer; disclosed: false; digest: Hex };

const PROOF_MEMBERS = [
  "type",
  "cryptosuite",
  "proofPurpose",
  "verificationMethod",
  "credentialDigest",
  "claims",
  "anchor",
  "encryptedCopy",
];
const ANCHOR_MEMBERS = [
  "chainId",
  "registryAddress",
  "merkleRoot",
  "leafIndex",
  "merkleProof",
  "transactionHash",
  "blockNumber",
  "manifestCid",
  "leafCount",
];
const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

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
} {
  const failures: IntegrityFailure[] = [];
  const fail = (reason: IntegrityFailureReason, message: string, pointer?: JsonPointer) => {
    failures.push(pointer === undefined ? { reason, message } : { reason, pointer, message });
  };
  if (!isPlainObject(credential)) {
    fail("MALFORMED", "a credential must be a JSON object");
    return { failures, claims: [] };
  }
  const proof = credential.proof;
  if (!isPlainObject(proof)) {
    fail("MALFORMED", "proof is missing or not an object", "/proof");
    return { failures, claims: [] };
  }
  checkProofMembers(credential, proof, fail);
  const entries = proof.claims;
  if (!isPlainObject(entries)) {
    fail("MALFORMED", "proof.claims is missing or not an object", "/proof/claims");
    return { failures, claims: [] };
  }
  const pointers = Object.keys(entries);
  if (pointers.length > MAX_CLAIMS) {
    fail(
      "LIMIT_EXCEEDED",
      `proof.claims lists ${pointers.length} claims; the limit is ${MAX_CLAIMS}`,
      "/proof/claims",
    );
    return { failures, claims: [] };
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
    if (isPlainObject(entry) && Object.keys(entry).length === 1 && isSalt(entry.salt)) {
      salts.set(pointer, entry.salt);
    } else if (isPlainObject(entry) && Object.keys(entry).length === 1 && isDigest(entry.digest)) {
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
  if (failures.length > 0) return { failures, claims };
  if (claims.length === 0) {
    fail("MALFORMED", "the credential has no claims");
    return { failures, claims };
  }

  const digest = credentialDigest(claims);
  if (digest !== proof.credentialDigest) {
    fail(
      "DIGEST_MISMATCH",
      `recomputed credential digest ${digest} differs from proof.credentialDigest ${String(proof.credentialDigest)}`,
      "/proof/credentialDigest",
    );
    return { failures, claims, credentialDigest: digest };
  }
  checkAnchor(credential, proof, fail);
  checkIssuer(credential, fail);
  return { failures, claims, credentialDigest: digest };
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

type Fail = (reason: IntegrityFailureReason, message: string, pointer?: JsonPointer) => void;

function checkProofMembers(
  credential: Record<string, unknown>,
  proof: Record<string, unknown>,
  fail: Fail,
): void {
  for (const key of Object.keys(proof)) {
    if (!PROOF_MEMBERS.includes(key))
      fail("MALFORMED", `proof has an unknown member "${key}"`, `/proof/${key}`);
  }
  if (proof.type !== PROOF_TYPE)
    fail("MALFORMED", `proof.type must be "${PROOF_TYPE}"`, "/proof/type");
  if (proof.cryptosuite !== CRYPTOSUITE) {
    fail(
      "MALFORMED",
      `proof.cryptosuite ${JSON.stringify(proof.cryptosuite)} is not supported; expected "${CRYPTOSUITE}"`,
      "/proof/cryptosuite",
    );
  }
  if (proof.proofPurpose !== "assertionMethod")
    fail("MALFORMED", 'proof.proofPurpose must be "assertionMethod"', "/proof/proofPurpose");
  const issuer = credential.issuer;
  const issuerId = isPlainObject(issuer) ? issuer.id : issuer;
  if (
    typeof issuerId !== "string" ||
    proof.verificationMethod !== `${issuerId}#blockchainAccountId`
  ) {
    fail(
      "MALFORMED",
      "proof.verificationMethod must be the issuer id followed by #blockchainAccountId",
      "/proof/verificationMethod",
    );
  }
  if (!isDigest(proof.credentialDigest)) {
    fail(
      "MALFORMED",
      "proof.credentialDigest must be 0x and 64 lowercase hex digits",
      "/proof/credentialDigest",
    );
  }
  const copy = proof.encryptedCopy;
  if (copy !== undefined) {
    const members = isPlainObject(copy) ? Object.keys(copy).sort().join(",") : "";
    if (
      !isPlainObject(copy) ||
      members !== "cid,key" ||
      typeof copy.cid !== "string" ||
      !CID_TEXT.test(copy.cid) ||
      typeof copy.key !== "string" ||
      !BYTES32.test(copy.key)
    ) {
      fail(
        "MALFORMED",
        "proof.encryptedCopy must be {cid, key}: a CID and 32-byte hex",
        "/proof/encryptedCopy",
      );
    }
  }
}

/** The issuer a credential names must be the account its status (and so its anchor) names. */
function checkIssuer(credential: Record<string, unknown>, fail: Fail): void {
  const issuer = credential.issuer;
  const status = credential.credentialStatus;
  const issuerId = isPlainObject(issuer) ? issuer.id : issuer;
  const parsed = typeof issuerId === "string" ? parseIssuerDid(issuerId) : undefined;
  const chainId =
    isPlainObject(status) && typeof status.chainId === "string"
      ? parseCaip2ChainId(status.chainId)
      : undefined;
  const address = isPlainObject(status) ? status.issuerAddress : undefined;
  if (
    parsed === undefined ||
    parsed.chainId !== chainId ||
    typeof address !== "string" ||
    parsed.address.toLowerCase() !== address.toLowerCase()
  ) {
    fail(
      "ISSUER_MISMATCH",
      "issuer.id must be did:pkh:<credentialStatus.chainId>:<credentialStatus.issuerAddress>",
      "/issuer/id",
    );
  }
}

function checkAnchor(
  credential: Record<string, unknown>,
  proof: Record<string, unknown>,
  fail: Fail,
): void {
  const status = credential.credentialStatus;
  const batchRoot = isPlainObject(status) ? status.batchRoot : undefined;
  const anchor = proof.anchor;
  if (anchor === undefined) {
    if (batchRoot !== undefined) {
      fail(
        "ANCHOR_MISMATCH",
        "credentialStatus.batchRoot is set but proof.anchor is missing",
        "/credentialStatus/batchRoot",
      );
    }
    return;
  }
  if (!isPlainObject(anchor) || !isPlainObject(status)) {
    fail("MALFORMED", "proof.anchor and credentialStatus must be objects", "/proof/anchor");
    return;
  }
  for (const key of Object.keys(anchor)) {
    if (!ANCHOR_MEMBERS.includes(key))
      fail("MALFORMED", `proof.anchor has an unknown member "${key}"`, `/proof/anchor/${key}`);
  }
  const hex32 = (value: unknown) => typeof value === "string" && BYTES32.test(value);
  if (!hex32(anchor.merkleRoot))
    fail("MALFORMED", "proof.anchor.merkleRoot must be 32-byte hex", "/proof/anchor/merkleRoot");
  if (!hex32(anchor.transactionHash))
    fail(
      "MALFORMED",
      "proof.anchor.transactionHash must be 32-byte hex",
      "/proof/anchor/transactionHash",
    );
  if (!Array.isArray(anchor.merkleProof) || !anchor.merkleProof.every(hex32)) {
    fail(
      "MALFORMED",
      "proof.anchor.merkleProof must be a list of 32-byte hex",
      "/proof/anchor/merkleProof",
    );
  }
  if (
    anchor.manifestCid !== undefined &&
    !(typeof anchor.manifestCid === "string" && CID_TEXT.test(anchor.manifestCid))
  ) {
    fail("MALFORMED", "proof.anchor.manifestCid must be a CID", "/proof/anchor/manifestCid");
  }
  if (
    anchor.blockNumber !== undefined &&
    !(Number.isSafeInteger(anchor.blockNumber) && (anchor.blockNumber as number) >= 0)
  ) {
    fail(
      "MALFORMED",
      "proof.anchor.blockNumber must be a non-negative integer",
      "/proof/anchor/blockNumber",
    );
  }
  if (
    anchor.leafCount !== undefined &&
    !(
      Number.isSafeInteger(anchor.leafCount) &&
      (anchor.leafCount as number) > 0 &&
      (anchor.leafCount as number) <= MAX_BATCH_INDEX + 1
    )
  ) {
    fail(
      "MALFORMED",
      "proof.anchor.leafCount must be a positive integer",
      "/proof/anchor/leafCount",
    );
  }
  const same = (a: unknown, b: unknown) =>
    typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
  if (!same(anchor.merkleRoot, batchRoot)) {
    fail(
      "ANCHOR_MISMATCH",
      "proof.anchor.merkleRoot differs from credentialStatus.batchRoot",
      "/proof/anchor/merkleRoot",
    );
  }
  if (anchor.leafIndex !== status.batchIndex) {
    fail(
      "ANCHOR_MISMATCH",
      "proof.anchor.leafIndex differs from credentialStatus.batchIndex",
      "/proof/anchor/leafIndex",
    );
  }
  if (anchor.chainId !== status.chainId) {
    fail(
      "ANCHOR_MISMATCH",
      "proof.anchor.chainId differs from credentialStatus.chainId",
      "/proof/anchor/chainId",
    );
  }
  if (
    !(
      typeof anchor.registryAddress === "string" &&
      ADDRESS.test(anchor.registryAddress) &&
      same(anchor.registryAddress, status.registryAddress)
    )
  ) {
    fail(
      "ANCHOR_MISMATCH",
      "proof.anchor.registryAddress differs from credentialStatus.registryAddress",
      "/proof/anchor/registryAddress",
    );
  }
}
