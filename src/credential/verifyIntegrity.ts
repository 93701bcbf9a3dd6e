// Integrity: recompute a credential's digest from what the file shows (disclosed values with
// their salts, digests of hidden claims) and compare it with the digest it claims. Accepts full
// and disclosed forms alike; never throws on untrusted input, it reports what is wrong.
// It does not check the Merkle proof, the v2 signature or the chain: the verifier does that with
// the digest returned here (never with the digest stored in the file).
//
// The hex rule. v2: hashes (batch root, digests, proof path, transaction, keys) are lowercase and
// addresses are exactly EIP-55, so one value has one spelling. v1 files are checked as v1
// verifiers checked them (hex of either case, addresses compared case-insensitively), so every v1
// file issued keeps verifying.
import type { Hex } from "viem";
import { claimDigest, isDigest, isSalt } from "./claimDigest.ts";
import { DepthLimitError, isAlwaysDisclosed, isClaimPointer, walkLeaves } from "./claims.ts";
import {
  CID_TEXT,
  CONTEXTS_V2,
  CRYPTOSUITE,
  CRYPTOSUITE_V2,
  DATA_INTEGRITY_PROOF_TYPE,
  EDDSA_CRYPTOSUITE,
  MAX_BATCH_INDEX,
  MAX_CLAIMS,
  PROOF_TYPE,
  STATUS_PURPOSE,
  STATUS_TYPE_V2,
} from "./constants.ts";
import { credentialDigest } from "./credentialDigest.ts";
import { CanonicalJsonError } from "./errors.ts";
import {
  didKeyVerificationMethod,
  ed25519KeyOfDidKey,
  isChecksummedAddress,
  isHttpsUrl,
  isLowerBytes32,
  isSignatureValue,
  isUtcSeconds,
} from "./formatV2.ts";
import { parseCaip2ChainId, parseIssuerDid } from "./issuerId.ts";
import { comparePointers, escapePointerToken, parsePointer } from "./jsonPointer.ts";
import { type ProofLayout, proofLayoutOf } from "./readCredential.ts";
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
  | "LIMIT_EXCEEDED"
  /** v2: an object shows values while its `type` (or an IdentityObject's kind) is hidden. */
  | "TYPE_HIDDEN";

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
const PROOF_MEMBERS_V2 = [...PROOF_MEMBERS, "created"];
const SIGNATURE_MEMBERS = [
  "type",
  "cryptosuite",
  "created",
  "verificationMethod",
  "proofPurpose",
  "proofValue",
];
const STATUS_MEMBERS_V2 = [
  "id",
  "type",
  "statusPurpose",
  "statusListIndex",
  "statusListCredential",
  "chainId",
  "registryAddress",
  "issuerAddress",
  "credentialType",
  "batchIndex",
  "batchRoot",
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
  version?: 1 | 2;
} {
  const failures: IntegrityFailure[] = [];
  const fail = (reason: IntegrityFailureReason, message: string, pointer?: JsonPointer) => {
    failures.push(pointer === undefined ? { reason, message } : { reason, pointer, message });
  };
  if (!isPlainObject(credential)) {
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
  if (!isPlainObject(entries)) {
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

type Fail = (reason: IntegrityFailureReason, message: string, pointer?: JsonPointer) => void;

function checkProofMembers(
  credential: Record<string, unknown>,
  layout: ProofLayout & { version: 1 | 2 },
  fail: Fail,
): void {
  const proof = layout.anchorProof;
  const v2 = layout.version === 2;
  const at = v2 ? "/proof/0" : "/proof";
  const name = v2 ? "proof[0]" : "proof";
  for (const key of Object.keys(proof)) {
    if (!(v2 ? PROOF_MEMBERS_V2 : PROOF_MEMBERS).includes(key))
      fail(
        "MALFORMED",
        `${name} has an unknown member "${key}"`,
        `${at}/${escapePointerToken(key)}`,
      );
  }
  if (proof.type !== PROOF_TYPE)
    fail("MALFORMED", `${name}.type must be "${PROOF_TYPE}"`, `${at}/type`);
  const suite = v2 ? CRYPTOSUITE_V2 : CRYPTOSUITE;
  if (proof.cryptosuite !== suite) {
    fail(
      "MALFORMED",
      `${name}.cryptosuite ${JSON.stringify(proof.cryptosuite)} is not supported; expected "${suite}"`,
      `${at}/cryptosuite`,
    );
  }
  if (proof.proofPurpose !== "assertionMethod")
    fail("MALFORMED", `${name}.proofPurpose must be "assertionMethod"`, `${at}/proofPurpose`);
  if (v2) {
    // The anchor is the issuer account's act, whatever key signs: did:pkh of the status slot.
    const status = credential.credentialStatus;
    const account = isPlainObject(status)
      ? `did:pkh:${String(status.chainId)}:${String(status.issuerAddress)}#blockchainAccountId`
      : undefined;
    if (proof.verificationMethod !== account) {
      fail(
        "MALFORMED",
        "proof[0].verificationMethod must be did:pkh:<credentialStatus.chainId>:<credentialStatus.issuerAddress>#blockchainAccountId",
        "/proof/0/verificationMethod",
      );
    }
  } else {
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
  }
  if (!isDigest(proof.credentialDigest)) {
    fail(
      "MALFORMED",
      `${name}.credentialDigest must be 0x and 64 lowercase hex digits`,
      `${at}/credentialDigest`,
    );
  }
  const copy = proof.encryptedCopy;
  if (copy !== undefined) {
    const members = isPlainObject(copy) ? Object.keys(copy).sort().join(",") : "";
    const key = isPlainObject(copy) ? copy.key : undefined;
    if (
      !isPlainObject(copy) ||
      members !== "cid,key" ||
      typeof copy.cid !== "string" ||
      !CID_TEXT.test(copy.cid) ||
      !(v2 ? isLowerBytes32(key) : typeof key === "string" && BYTES32.test(key))
    ) {
      fail(
        "MALFORMED",
        `${name}.encryptedCopy must be {cid, key}: a CID and 32-byte ${v2 ? "lowercase " : ""}hex`,
        `${at}/encryptedCopy`,
      );
    }
  }
}

/**
 * v2: `@context` is exactly the four contexts, `proof` is [anchor proof] or [anchor proof,
 * DataIntegryProof] with nothing else, the signature is the issuer key's, made when the batch
 * was anchored, and only a full file carries it (or the encrypted copy's key).
 */
function checkProofSetV2(
  credential: Record<string, unknown>,
  layout: ProofLayout & { version: 2 },
  disclosed: boolean,
  fail: Fail,
): void {
  const context = credential["@context"];
  if (
    !Array.isArray(context) ||
    context.length !== CONTEXTS_V2.length ||
    context.some((url, i) => url !== CONTEXTS_V2[i])
  ) {
    fail(
      "MALFORMED",
      `@context must be exactly ${CONTEXTS_V2.map((url) => `"${url}"`).join(", ")}, in this order`,
      "/@context",
    );
  }
  const issuer = credential.issuer;
  const issuerId = isPlainObject(issuer) ? issuer.id : undefined;
  const didKey = typeof issuerId === "string" && ed25519KeyOfDidKey(issuerId) !== undefined;
  if (!didKey)
    fail(
      "ISSUER_MISMATCH",
      "issuer.id must be the issuer's Ed25519 did:key (did:key:z6Mk…)",
      "/issuer/id",
    );
  const [anchorProof, signature, ...extra] = layout.proofs;
  if (
    anchorProof !== layout.anchorProof ||
    extra.length > 0 ||
    (signature !== undefined && signature !== layout.dataIntegrityProof)
  ) {
    fail(
      "MALFORMED",
      "proof must be [the CredanchorMerkleProof] or [the CredanchorMerkleProof, one DataIntegrityProof], nothing else",
      "/proof",
    );
    return;
  }
  const anchor = layout.anchorProof;
  const created = anchor.created;
  if (created !== undefined && !isUtcSeconds(created))
    fail(
      "MALFORMED",
      "proof[0].created must be the anchoring block's time, YYYY-MM-DDThh:mm:ssZ",
      "/proof/0/created",
    );
  if ((created === undefined) !== (anchor.anchor === undefined)) {
    fail(
      "MALFORMED",
      "proof[0].created and proof[0].anchor come together: the anchor and its block's time",
      "/proof/0/created",
    );
  }
  if (disclosed && anchor.encryptedCopy !== undefined) {
    fail(
      "MALFORMED",
      "proof[0].encryptedCopy is in a disclosed copy: its key would open the hidden claims",
      "/proof/0/encryptedCopy",
    );
  }
  if (!isPlainObject(signature)) return;
  if (disclosed) {
    fail(
      "MALFORMED",
      "proof[1] is a signature in a disclosed copy: a copy that hides claims carries only the anchor proof",
      "/proof/1",
    );
  }
  if (anchor.anchor === undefined)
    fail("MALFORMED", "proof[1] signs a credential that is not anchored", "/proof/1");
  for (const key of Object.keys(signature)) {
    if (!SIGNATURE_MEMBERS.includes(key))
      fail(
        "MALFORMED",
        `proof[1] has an unknown member "${key}"`,
        `/proof/1/${escapePointerToken(key)}`,
      );
  }
  if (signature.type !== DATA_INTEGRITY_PROOF_TYPE)
    fail("MALFORMED", `proof[1].type must be "${DATA_INTEGRITY_PROOF_TYPE}"`, "/proof/1/type");
  if (signature.cryptosuite !== EDDSA_CRYPTOSUITE)
    fail(
      "MALFORMED",
      `proof[1].cryptosuite must be "${EDDSA_CRYPTOSUITE}"`,
      "/proof/1/cryptosuite",
    );
  if (signature.proofPurpose !== "assertionMethod")
    fail("MALFORMED", 'proof[1].proofPurpose must be "assertionMethod"', "/proof/1/proofPurpose");
  if (!didKey || signature.verificationMethod !== didKeyVerificationMethod(issuerId as string)) {
    fail(
      "MALFORMED",
      "proof[1].verificationMethod must be the issuer's did:key verification method (did:key:z6Mk…#z6Mk…)",
      "/proof/1/verificationMethod",
    );
  }
  if (!isSignatureValue(signature.proofValue))
    fail(
      "MALFORMED",
      'proof[1].proofValue must be "z" and the base58btc of a 64-byte signature',
      "/proof/1/proofValue",
    );
  if (signature.created !== created)
    fail(
      "MALFORMED",
      "proof[1].created must equal proof[0].created, the anchoring block's time",
      "/proof/1/created",
    );
}

/**
 * v2: a shown object keeps its `type` (an IdentityObject also its `identityType` and `hashed`),
 * so no holder can show a value while hiding what kind of thing it is.
 */
function checkTypesShown(
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
        isPlainObject(node) &&
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

/**
 * v2 status: exactly the BitstringStatusListEntry members, consistent with each other (the entry
 * is the batch index in the batch's list), in the v2 hex rule.
 */
function checkStatusV2(credential: Record<string, unknown>, fail: Fail): void {
  const status = credential.credentialStatus;
  if (!isPlainObject(status)) {
    fail("MALFORMED", "credentialStatus must be an object", "/credentialStatus");
    return;
  }
  const problem = (member: string, message: string) =>
    fail("MALFORMED", `credentialStatus.${member} ${message}`, `/credentialStatus/${member}`);
  for (const key of Object.keys(status)) {
    if (!STATUS_MEMBERS_V2.includes(key))
      fail(
        "MALFORMED",
        `credentialStatus has an unknown member "${key}"`,
        `/credentialStatus/${escapePointerToken(key)}`,
      );
  }
  if (status.type !== STATUS_TYPE_V2) problem("type", `must be "${STATUS_TYPE_V2}"`);
  if (status.statusPurpose !== STATUS_PURPOSE)
    problem("statusPurpose", `must be "${STATUS_PURPOSE}"`);
  const list = status.statusListCredential;
  if (!isHttpsUrl(list))
    problem("statusListCredential", "must be an https URL in normal form, without a fragment");
  const index = status.batchIndex;
  if (!Number.isSafeInteger(index) || (index as number) < 0 || (index as number) > MAX_BATCH_INDEX)
    problem("batchIndex", `must be an integer from 0 to ${MAX_BATCH_INDEX}`);
  if (status.statusListIndex !== String(index))
    problem("statusListIndex", "must be the batch index in decimal");
  if (status.id !== `${String(list)}#${String(index)}`)
    problem("id", "must be <statusListCredential>#<batchIndex>");
  if (typeof status.chainId !== "string" || parseCaip2ChainId(status.chainId) === undefined)
    problem("chainId", 'must be a CAIP-2 EVM chain id, e.g. "eip155:8453"');
  for (const member of ["registryAddress", "issuerAddress"]) {
    if (!isChecksummedAddress(status[member]))
      problem(member, "must be an address in EIP-55 checksummed form");
  }
  if (status.batchRoot !== undefined && !isLowerBytes32(status.batchRoot))
    problem("batchRoot", "must be 0x and 64 lowercase hex digits");
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
  layout: ProofLayout & { version: 1 | 2 },
  fail: Fail,
): void {
  const v2 = layout.version === 2;
  const at = v2 ? "/proof/0" : "/proof";
  const name = v2 ? "proof[0]" : "proof";
  const status = credential.credentialStatus;
  const batchRoot = isPlainObject(status) ? status.batchRoot : undefined;
  const anchor = layout.anchorProof.anchor;
  if (anchor === undefined) {
    if (batchRoot !== undefined) {
      fail(
        "ANCHOR_MISMATCH",
        `credentialStatus.batchRoot is set but ${name}.anchor is missing`,
        "/credentialStatus/batchRoot",
      );
    }
    return;
  }
  if (!isPlainObject(anchor) || !isPlainObject(status)) {
    fail("MALFORMED", `${name}.anchor and credentialStatus must be objects`, `${at}/anchor`);
    return;
  }
  for (const key of Object.keys(anchor)) {
    if (!ANCHOR_MEMBERS.includes(key))
      fail(
        "MALFORMED",
        `${name}.anchor has an unknown member "${key}"`,
        `${at}/anchor/${escapePointerToken(key)}`,
      );
  }
  const hex32 = v2
    ? isLowerBytes32
    : (value: unknown) => typeof value === "string" && BYTES32.test(value);
  const hexRule = v2 ? "32-byte lowercase hex" : "32-byte hex";
  if (!hex32(anchor.merkleRoot))
    fail("MALFORMED", `${name}.anchor.merkleRoot must be ${hexRule}`, `${at}/anchor/merkleRoot`);
  if (!hex32(anchor.transactionHash))
    fail(
      "MALFORMED",
      `${name}.anchor.transactionHash must be ${hexRule}`,
      `${at}/anchor/transactionHash`,
    );
  if (!Array.isArray(anchor.merkleProof) || !anchor.merkleProof.every(hex32)) {
    fail(
      "MALFORMED",
      `${name}.anchor.merkleProof must be a list of ${hexRule}`,
      `${at}/anchor/merkleProof`,
    );
  }
  if (
    anchor.manifestCid !== undefined &&
    !(typeof anchor.manifestCid === "string" && CID_TEXT.test(anchor.manifestCid))
  ) {
    fail("MALFORMED", `${name}.anchor.manifestCid must be a CID`, `${at}/anchor/manifestCid`);
  }
  if (
    anchor.blockNumber !== undefined &&
    !(Number.isSafeInteger(anchor.blockNumber) && (anchor.blockNumber as number) >= 0)
  ) {
    fail(
      "MALFORMED",
      `${name}.anchor.blockNumber must be a non-negative integer`,
      `${at}/anchor/blockNumber`,
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
      `${name}.anchor.leafCount must be a positive integer`,
      `${at}/anchor/leafCount`,
    );
  }
  // v1 compared hex case-insensitively; v2 values have one spelling, so they compare exactly.
  const same = (a: unknown, b: unknown) =>
    typeof a === "string" &&
    typeof b === "string" &&
    (v2 ? a === b : a.toLowerCase() === b.toLowerCase());
  if (!same(anchor.merkleRoot, batchRoot)) {
    fail(
      "ANCHOR_MISMATCH",
      `${name}.anchor.merkleRoot differs from credentialStatus.batchRoot`,
      `${at}/anchor/merkleRoot`,
    );
  }
  if (anchor.leafIndex !== status.batchIndex) {
    fail(
      "ANCHOR_MISMATCH",
      `${name}.anchor.leafIndex differs from credentialStatus.batchIndex`,
      `${at}/anchor/leafIndex`,
    );
  }
  if (anchor.chainId !== status.chainId) {
    fail(
      "ANCHOR_MISMATCH",
      `${name}.anchor.chainId differs from credentialStatus.chainId`,
      `${at}/anchor/chainId`,
    );
  }
  const addressOk = v2
    ? isChecksummedAddress(anchor.registryAddress)
    : typeof anchor.registryAddress === "string" && ADDRESS.test(anchor.registryAddress);
  if (!(addressOk && same(anchor.registryAddress, status.registryAddress))) {
    fail(
      "ANCHOR_MISMATCH",
      `${name}.anchor.registryAddress differs from credentialStatus.registryAddress`,
      `${at}/anchor/registryAddress`,
    );
  }
}
