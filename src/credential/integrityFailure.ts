// What verifyIntegrity reports when a file is not intact: a reason a program can switch on, the
// pointer it concerns and a message naming what is wrong. Each rule of the format (proof members,
// v2 proof set, status, anchor) reports through one Fail callback, so all failures are collected.
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

/** Records one failure; the rules call it for each thing wrong and go on checking. */
export type Fail = (reason: IntegrityFailureReason, message: string, pointer?: JsonPointer) => void;
