// The verification report: what verify() and verifyMany() return, and exactly what
// `credanchor verify --json` prints. One entry per check, in CHECK_IDS order, each with a stable
// id and code a program can switch on and a message a person can act on.
import type { Address, Hex } from "viem";
import type { JsonPointer, JsonValue } from "../credential/index.ts";
import type { CheckParams } from "./checkCodes.ts";

/** Every check, in the order a report lists them. */
export const CHECK_IDS = [
  "structure",
  "integrity",
  "signature",
  "inclusion",
  "trust",
  "chain",
  "anchor",
  "signing-key",
  "batch-revocation",
  "revocation",
  "suspension",
  "accreditation-at-anchoring",
  "accreditation-now",
  "validity-period",
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

/**
 * pass: the check held. fail: it proved something wrong. skipped: it was not needed (an earlier
 * check already failed) or could not be made (`code` says which). error: a network or RPC fault
 * stopped it; never a finding about the credential.
 */
export type CheckResult = "pass" | "fail" | "skipped" | "error";

export type VerificationCheck = {
  id: CheckId;
  result: CheckResult;
  /** Stable, e.g. "REVOKED", "INTEGRITY_DIGEST_MISMATCH", "RPC_UNREACHABLE". */
  code: string;
  /** In English, for programs and logs; a page in another language uses `code` and `params`. */
  message: string;
  /**
   * The values the code's message needs, by placeholder name ({index}, {registry}; `phrase`
   * names the varying part), so the string catalogue can say it in the reader's language.
   * Absent on checks made by others (a third-party checker) and on older reports.
   */
  params?: CheckParams;
};

/**
 * The overall answer. Precedence, most severe first: invalid > untrusted-registry > revoked >
 * suspended > expired > not-accredited > valid; unverifiable whenever a check that could not be made (a network fault)
 * might have given a more severe answer than every check that was made (see overallStatus.ts).
 */
export type VerificationStatus =
  | "valid"
  | "invalid"
  /** The credential points at a registry outside the verifier's trust list: never valid. */
  | "untrusted-registry"
  | "revoked"
  | "suspended"
  | "expired"
  | "not-accredited"
  | "unverifiable";

/** An accreditation body as governance recorded it in the trusted AccreditationRegistry. */
export type AccreditorProfile = { address: Address; name: string; jurisdiction: string };

/** Every warning a report can carry: the list the string catalogue's warningMessages covers. */
export const WARNING_CODES = [
  /** The file's issuer.name is not the legal name the accrediting body recorded. */
  "ISSUER_NAME_DIFFERS",
  /** No body of the trusted registry recorded a name for the issuer account. */
  "ISSUER_NAME_UNREGISTERED",
  /** The holder hid every claim that says whom the credential was issued to. */
  "RECIPIENT_HIDDEN",
  /** Text in the file holds control or bidirectional-override characters. */
  "CONTROL_CHARACTERS",
  /** Another issuer's credential: no registry the verifier trusts vouches for its issuer. */
  "ISSUER_NOT_IN_REGISTRY",
] as const;

export type WarningCode = (typeof WARNING_CODES)[number];

export type VerificationWarning = {
  code: WarningCode;
  /** In English; a page in another language uses `code` and `params`, as for a check. */
  message: string;
  /** The values the code's catalogue message needs ({claimed}, {registered}, {issuer}). */
  params?: Readonly<Record<string, string | number>>;
};

/**
 * How private the status read was: the RPC provider saw the batch and a set of bitmap words, so it
 * can tell only that the credential is one of `crowd` credentials of the batch's `batchSize`
 * (`crowd` equals `batchSize` when the whole batch was read).
 */
export type StatusPrivacy = { crowd: number; batchSize: number };

export type VerificationReport = {
  status: VerificationStatus;
  /** The check that decided a status other than valid; null when valid. */
  cause: { check: CheckId; code: string; message: string; params?: CheckParams } | null;
  checks: VerificationCheck[];
  /** Where the credential came from (a file name, a URL), as the caller named it. */
  source: string | null;
  credentialId: string | null;
  /** The credential type name of `credentialStatus` (its bytes20 is credentialTypeId of it). */
  credentialType: string | null;
  /**
   * `id`, `address` and `name` are what the file claims (unproven unless the status is valid);
   * `registeredName` and `registeredDomain` are what the accrediting body recorded on chain for
   * the issuer account (null when no body of a trusted registry accredited it).
   */
  issuer: {
    id: string | null;
    address: Address | null;
    name: string | null;
    registeredName: string | null;
    registeredDomain: string | null;
  };
  /** The accreditation body vouching for the issuer when the batch was anchored, from the registry. */
  accreditor: AccreditorProfile | null;
  /** The body accrediting the issuer for this type now (information only). */
  accreditorNow: AccreditorProfile | null;
  /** The trusted deployment the credential's registry matched; null when it matched none. */
  trust: { label: string; chain: string; registry: Address } | null;
  /** Things a reader must see even when the status is valid (a name mismatch, a hidden recipient). */
  warnings: VerificationWarning[];
  /** ISO 8601 time of the anchoring block, from the chain. */
  anchoredAt: string | null;
  /** CAIP-2 id of the chain the credential is anchored on, e.g. "eip155:8453". */
  chain: string | null;
  registry: Address | null;
  root: Hex | null;
  index: number | null;
  /** The award date; null when the file has none or the holder hid it (`validFromHidden`). */
  validFrom: string | null;
  /**
   * True when the holder hid the award date (only its digest is in the file): validity is then
   * judged from `validUntil` alone, and `anchoredAt` still bounds when it was awarded. verify()
   * always sets it; optional only so reports made before it existed still type-check.
   */
  validFromHidden?: boolean;
  validUntil: string | null;
  /**
   * Whose credential it is and what it says, from the claims the file proves: shown beside the
   * verdict. verify() always sets it; optional only so reports made before it still type-check.
   */
  subject?: SubjectSummary;
  /**
   * The revocation or suspension behind a revoked or suspended status, from the registry's
   * events: when and why. Absent when valid (a valid credential costs no log read), null when
   * the events could not be read or name no change of this credential.
   */
  statusChange?: ReportedStatusChange | null;
  /** Claims the file shows, pointer -> value; empty unless integrity passed. */
  disclosed: Record<JsonPointer, JsonValue>;
  /** Claims the holder hid (only their digests are in the file). */
  hidden: JsonPointer[];
  /** The moment validity dates were judged at (ISO 8601). */
  checkedAt: string;
  /**
   * Among how many credentials of the batch the status was read; null (absent for an unreadable
   * input) when the chain was not read.
   */
  privacy?: StatusPrivacy | null;
};

/** The holder, the achievement, the award date and the results, as far as the file proves them. */
export type SubjectSummary = {
  /** The holder's name (an identifier of type "name" in clear); null when hidden or absent. */
  name: string | null;
  /** True when the name is null because the holder hid their identifiers. */
  nameHidden: boolean;
  achievement: string | null;
  /** The award date (validFrom); null when hidden (awardDateHidden) or absent. */
  awardDate: string | null;
  awardDateHidden: boolean;
  /** The results the file shows, named by the achievement's result descriptions. */
  results: { name: string | null; value: string | null; status: string | null }[];
  /** How many results the holder hid. */
  resultsHidden: number;
};

/** The registry event behind a revoked or suspended verdict. */
export type ReportedStatusChange = {
  action: "revoked" | "batch-revoked" | "suspended";
  /** The issuer's reason code (0-255; docs/format.md names 0-7 and 255). */
  reason: number;
  /** ISO 8601 time of the block that recorded it. */
  at: string;
  by: Address;
  transactionHash: Hex;
};
