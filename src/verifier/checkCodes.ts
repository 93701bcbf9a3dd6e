// Every code the verifier itself puts on a check, and every phrase key a check's `params.phrase`
// can name: the list the string catalogue (src/labels, section checkMessages and checkPhrases)
// must cover in every language. check() takes only these codes, so a new one cannot skip the list.
// Codes of faults (RPC_*) come from the chain reader's errors; another issuer's checks
// (src/thirdParty) carry no params and are shown in English.
import type { IntegrityFailureReason } from "../credential/index.ts";

/** One code per reason verifyIntegrity gives; the type below fails to compile if one is missing. */
const INTEGRITY_CODES = [
  "INTEGRITY_MALFORMED",
  "INTEGRITY_UNSALTED_VALUE",
  "INTEGRITY_MISSING_VALUE",
  "INTEGRITY_MANDATORY_CLAIM_HIDDEN",
  "INTEGRITY_NOT_CANONICAL",
  "INTEGRITY_DIGEST_MISMATCH",
  "INTEGRITY_ANCHOR_MISMATCH",
  "INTEGRITY_ISSUER_MISMATCH",
  "INTEGRITY_LIMIT_EXCEEDED",
  "INTEGRITY_TYPE_HIDDEN",
] as const satisfies readonly `INTEGRITY_${IntegrityFailureReason}`[];
type IntegrityCodeMissing = Exclude<
  `INTEGRITY_${IntegrityFailureReason}`,
  (typeof INTEGRITY_CODES)[number]
>;
type NoneMissing<Missing extends never> = Missing;
export type IntegrityCodesComplete = NoneMissing<IntegrityCodeMissing>;

export const CHECK_CODES = [
  // structure
  "STRUCTURE_OK",
  "STRUCTURE_INVALID",
  // integrity
  "ANCHOR_PROOF_MISSING",
  "INTEGRITY_OK",
  ...INTEGRITY_CODES,
  // signature
  "SIGNATURE_VALID",
  "SIGNATURE_INVALID",
  "SIGNATURE_ABSENT",
  "SIGNATURE_NOT_IN_COPY",
  "THIRD_PARTY_NOT_SUPPORTED",
  "UNSIGNED_V1",
  // inclusion
  "NOT_ANCHORED",
  "INCLUDED",
  "NOT_INCLUDED",
  "PROOF_MALFORMED",
  // trust
  "REGISTRY_TRUSTED",
  "REGISTRY_NOT_TRUSTED",
  "THIRD_PARTY_ISSUER",
  "ACCREDITATION_REGISTRY_MISMATCH",
  // chain, and the faults that stop the chain checks
  "CHAIN_MATCH",
  "RPC_UNREACHABLE",
  "RPC_CHAIN_MISMATCH",
  "RPC_RESPONSE_INVALID",
  // anchor
  "ANCHORED",
  "NOT_ANCHORED_BY_ISSUER",
  "INDEX_OUT_OF_RANGE",
  "CREDENTIAL_TYPE_MISMATCH",
  "ANCHOR_TIME_MISMATCH",
  // signing-key
  "SIGNING_KEY_DECLARED",
  "SIGNING_KEY_NOT_DECLARED",
  "SIGNING_KEY_DECLARED_LATER",
  "SIGNING_KEY_RETIRED",
  // batch-revocation, revocation, suspension
  "BATCH_NOT_REVOKED",
  "BATCH_REVOKED",
  "NOT_REVOKED",
  "REVOKED",
  "NOT_SUSPENDED",
  "SUSPENDED",
  // accreditation-at-anchoring, accreditation-now
  "ACCREDITED",
  "ACCREDITED_NOW",
  "ACCREDITOR_NOT_TRUSTED",
  "ACCREDITOR_NOT_TRUSTED_NOW",
  "NOT_ACCREDITED",
  "NOT_ACCREDITED_NOW",
  // validity-period
  "WITHIN_VALIDITY",
  "AWARD_DATE_HIDDEN",
  "NOT_YET_VALID",
  "EXPIRED",
  // any check that was not made
  "NOT_CHECKED",
  "THIRD_PARTY",
] as const;

export type CheckCode = (typeof CHECK_CODES)[number];

/**
 * The part of a message that varies by case (why a check was not made, a plural, an optional
 * end date): `params.phrase` names one, and the catalogue puts its words at {phrase}.
 */
export const CHECK_PHRASES = [
  // STRUCTURE_OK
  "structure-own",
  "structure-badge",
  "structure-vc",
  // STRUCTURE_INVALID
  "one-problem",
  "more-problems",
  // INTEGRITY_OK
  "all-shown",
  "some-hidden",
  // UNSIGNED_V1
  "v1-no-signature",
  "v1-no-signing-key",
  // THIRD_PARTY_ISSUER
  "did-key",
  "did-web",
  // SIGNING_KEY_DECLARED
  "key-in-force",
  "key-retired",
  // REVOKED, NOT_REVOKED: among how many credentials the status was read
  "whole-batch",
  "crowd-of-batch",
  // ACCREDITOR_NOT_TRUSTED(_NOW)
  "no-body-trusted",
  "bodies-asked",
  // WITHIN_VALIDITY, AWARD_DATE_HIDDEN
  "valid-until",
  "no-end-date",
  // NOT_CHECKED: why not
  "structure-or-integrity-failed",
  "structure-failed",
  "status-slot-malformed",
  "dates-not-date-times",
  "valid-until-not-date-time",
  "signature-unverified",
  "registry-not-trusted-deployment",
  "batch-not-anchored",
  "signing-key-not-issuers",
  "local-check-failed",
  "chain-unread",
  // THIRD_PARTY: why another issuer's credential has nothing to check
  "no-salted-claims",
  "in-no-batch",
  "on-no-chain",
  "no-key-registry",
  "no-accreditation-registry",
] as const;

export type CheckPhrase = (typeof CHECK_PHRASES)[number];

/** The values a check's catalogue message needs, by placeholder name. */
export type CheckParams = { readonly phrase?: CheckPhrase } & Readonly<
  Record<string, string | number>
>;
