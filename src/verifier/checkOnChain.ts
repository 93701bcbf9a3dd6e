// Turns what the registry's status view says about one credential into the checks that need the
// chain: anchored by the named issuer (in range, under the credential's type), batch and
// credential revocation, suspension, and accreditation at anchoring time and now.
import type { Address } from "viem";
import type { OnChainCredentialStatus } from "../chain/index.ts";
import type { ChainTarget } from "./checkLocally.ts";
import { check, notChecked } from "./checkLocally.ts";
import type { TrustedAccreditation } from "./readTrustedAccreditation.ts";
import type { VerificationCheck } from "./types.ts";

export type OnChainOutcome = {
  checks: VerificationCheck[];
  accreditor: Address | null;
  accreditorNow: Address | null;
  anchoredAt: string | null;
};

/** How the verifier's trusted bodies bear on this batch (null: no list, any body counts). */
export type Trust = {
  bodies: ReadonlySet<string> | null;
  /** Answers about trusted bodies when the view named an untrusted one; an error if unreadable. */
  fallback: TrustedAccreditation | Error | null;
};

const AFTER_ANCHOR = [
  "batch-revocation",
  "revocation",
  "suspension",
  "accreditation-at-anchoring",
  "accreditation-now",
] as const;

export function checkOnChain(
  target: ChainTarget,
  status: OnChainCredentialStatus,
  trust: Trust,
): OnChainOutcome {
  const anchorFailure = anchorProblem(target, status);
  if (anchorFailure !== null) {
    return {
      checks: [
        check("anchor", "fail", anchorFailure.code, anchorFailure.message),
        ...AFTER_ANCHOR.map((id) =>
          notChecked(id, "the batch is not anchored as the credential says"),
        ),
      ],
      accreditor: null,
      accreditorNow: null,
      anchoredAt: null,
    };
  }
  const anchoredAt = new Date(status.anchoredAt * 1000).toISOString();
  const checks: VerificationCheck[] = [
    check(
      "anchor",
      "pass",
      "ANCHORED",
      `batch root anchored by ${target.issuer} at ${anchoredAt} with ${status.leafCount} credentials`,
    ),
    status.batchRevoked
      ? check("batch-revocation", "fail", "BATCH_REVOKED", "the issuer revoked the whole batch")
      : check("batch-revocation", "pass", "BATCH_NOT_REVOKED", "the batch is not revoked"),
    status.revoked
      ? check(
          "revocation",
          "fail",
          "REVOKED",
          `the issuer revoked credential ${target.index} of the batch`,
        )
      : check("revocation", "pass", "NOT_REVOKED", "the credential is not revoked"),
    status.suspended
      ? check(
          "suspension",
          "fail",
          "SUSPENDED",
          `the issuer suspended credential ${target.index} of the batch`,
        )
      : check("suspension", "pass", "NOT_SUSPENDED", "the credential is not suspended"),
  ];
  const atAnchoring = accreditation(
    status.accreditedAtAnchoring ? status.accreditorAtAnchoring : null,
    trust,
    "atAnchoring",
  );
  const now = accreditation(status.accreditedNow ? status.accreditorNow : null, trust, "now");
  checks.push(accreditationCheck("accreditation-at-anchoring", atAnchoring, target, anchoredAt));
  checks.push(accreditationCheck("accreditation-now", now, target, "now"));
  return {
    checks,
    accreditor: atAnchoring.kind === "error" ? null : atAnchoring.body,
    accreditorNow: now.kind === "error" ? null : now.body,
    anchoredAt,
  };
}

function anchorProblem(
  target: ChainTarget,
  status: OnChainCredentialStatus,
): { code: string; message: string } | null {
  if (status.anchoredAt === 0) {
    return {
      code: "NOT_ANCHORED_BY_ISSUER",
      message: `${target.issuer} never anchored batch root ${target.root} in registry ${target.registry}`,
    };
  }
  if (target.index >= status.leafCount) {
    return {
      code: "INDEX_OUT_OF_RANGE",
      message: `index ${target.index} is past the ${status.leafCount} credentials the batch was anchored with`,
    };
  }
  if (status.credentialType.toLowerCase() !== target.typeId.toLowerCase()) {
    return {
      code: "CREDENTIAL_TYPE_MISMATCH",
      message: `the batch is anchored under credential type ${status.credentialType}, not ${target.typeId} ("${target.credentialType}")`,
    };
  }
  return null;
}

type Accreditation =
  | { kind: "trusted"; body: Address }
  | { kind: "untrusted"; body: Address }
  | { kind: "none"; body: null }
  | { kind: "error"; error: Error };

function accreditation(
  reported: Address | null,
  trust: Trust,
  moment: keyof TrustedAccreditation,
): Accreditation {
  if (reported === null) return { kind: "none", body: null };
  if (trust.bodies === null || trust.bodies.has(reported.toLowerCase())) {
    return { kind: "trusted", body: reported };
  }
  if (trust.fallback instanceof Error) return { kind: "error", error: trust.fallback };
  const other = trust.fallback?.[moment] ?? null;
  return other !== null ? { kind: "trusted", body: other } : { kind: "untrusted", body: reported };
}

function accreditationCheck(
  id: "accreditation-at-anchoring" | "accreditation-now",
  found: Accreditation,
  target: ChainTarget,
  when: string,
): VerificationCheck {
  const atAnchoring = id === "accreditation-at-anchoring";
  const moment = atAnchoring ? `when the batch was anchored (${when})` : "now";
  const suffix = atAnchoring ? "" : "_NOW";
  const about = `${target.issuer} for "${target.credentialType}"`;
  switch (found.kind) {
    case "trusted":
      return check(
        id,
        "pass",
        `ACCREDITED${suffix}`,
        `${found.body} accredited ${about} ${moment}`,
      );
    case "untrusted":
      return check(
        id,
        "fail",
        `ACCREDITOR_NOT_TRUSTED${suffix}`,
        `only ${found.body}, a body this verifier does not trust, accredited ${about} ${moment}`,
      );
    case "none":
      return check(
        id,
        "fail",
        `NOT_ACCREDITED${suffix}`,
        `no accreditation body accredited ${about} ${moment}`,
      );
    case "error":
      return faultCheck(id, found.error);
  }
}

/** A check stopped by a network or RPC fault: an error, never a finding. */
export function faultCheck(id: VerificationCheck["id"], error: Error): VerificationCheck {
  const code = (error as Error & { code?: unknown }).code;
  return check(id, "error", typeof code === "string" ? code : "RPC_UNREACHABLE", error.message);
}
