// Turns what a trusted registry's batch view says about one credential into the checks that need
// the chain: the registry's accreditation pointer agrees with the trust entry, anchored by the
// named issuer (in range, under the credential's type), batch and credential revocation,
// suspension, and accreditation at anchoring time and now, with the names recorded on chain.
// The revocation check says among how many credentials the status was read (the crowd).
import type { AccreditationDetail, BatchView } from "../chain/index.ts";
import { check, notChecked } from "./check.ts";
import type { CheckCode, CheckParams, CheckPhrase } from "./checkCodes.ts";
import type { ChainTarget } from "./checkLocally.ts";
import type { CredentialBits } from "./readBatchGroup.ts";
import {
  type AccreditorProfile,
  CHECK_IDS,
  type StatusPrivacy,
  type VerificationCheck,
} from "./types.ts";

export type OnChainOutcome = {
  checks: VerificationCheck[];
  accreditor: AccreditorProfile | null;
  accreditorNow: AccreditorProfile | null;
  registered: { name: string; domain: string | null } | null;
  anchoredAt: string | null;
};

/** Which bodies count for this batch: those asked of the view, or none at all. */
export type BodyPolicy = {
  /** Bodies the view was narrowed to; empty when any body of the registry counts. */
  asked: readonly string[];
  /** The verifier's lists leave no body at all (their intersection is empty). */
  noneTrusted: boolean;
};

/** The checks the registry's view decides: from the anchor up to the validity period (a file's). */
const AFTER_TRUST = CHECK_IDS.slice(
  CHECK_IDS.indexOf("anchor"),
  CHECK_IDS.indexOf("validity-period"),
);

export function checkOnChain(
  target: ChainTarget,
  view: BatchView,
  bits: CredentialBits,
  bodies: BodyPolicy,
): OnChainOutcome {
  const expected = target.trusted.accreditationRegistry;
  if (expected !== undefined && expected.toLowerCase() !== view.accreditation.toLowerCase()) {
    return {
      checks: [
        check(
          "trust",
          "fail",
          "ACCREDITATION_REGISTRY_MISMATCH",
          `registry ${target.registry} consults AccreditationRegistry ${view.accreditation}, not ${expected} as the trust entry "${target.trusted.label}" says: it is not the deployment this verifier trusts`,
          {
            registry: target.registry,
            accreditation: view.accreditation,
            expected,
            label: target.trusted.label,
          },
        ),
        ...AFTER_TRUST.map((id) =>
          notChecked(
            id,
            "the registry is not the trusted deployment",
            "registry-not-trusted-deployment",
          ),
        ),
      ],
      accreditor: null,
      accreditorNow: null,
      registered: null,
      anchoredAt: null,
    };
  }
  const anchorFailure = anchorProblem(target, view);
  if (anchorFailure !== null) {
    return {
      checks: [
        check("anchor", "fail", anchorFailure.code, anchorFailure.message, anchorFailure.params),
        ...AFTER_TRUST.slice(1).map((id) =>
          notChecked(id, "the batch is not anchored as the credential says", "batch-not-anchored"),
        ),
      ],
      accreditor: null,
      accreditorNow: null,
      registered: null,
      anchoredAt: null,
    };
  }
  const anchoredAt = new Date(view.anchoredAt * 1000).toISOString();
  const keyCheck = signingKeyCheck(target, view, anchoredAt);
  if (keyCheck.result === "fail") {
    return {
      checks: [
        anchoredCheck(target, view, anchoredAt),
        keyCheck,
        ...AFTER_TRUST.slice(2).map((id) =>
          notChecked(
            id,
            "the credential's signing key was not the issuer account's",
            "signing-key-not-issuers",
          ),
        ),
      ],
      accreditor: null,
      accreditorNow: null,
      registered: null,
      anchoredAt,
    };
  }
  const atAnchoring = bodies.noneTrusted ? null : view.atAnchoring;
  const current = bodies.noneTrusted ? null : view.current;
  const named = atAnchoring ?? current;
  return {
    checks: [
      anchoredCheck(target, view, anchoredAt),
      keyCheck,
      view.batchRevoked
        ? check("batch-revocation", "fail", "BATCH_REVOKED", "the issuer revoked the whole batch")
        : check("batch-revocation", "pass", "BATCH_NOT_REVOKED", "the batch is not revoked"),
      bits.revoked
        ? check(
            "revocation",
            "fail",
            "REVOKED",
            `the issuer revoked credential ${target.index} of the batch ${crowdNote(bits.privacy)}`,
            { index: target.index, ...crowdParams(bits.privacy) },
          )
        : check(
            "revocation",
            "pass",
            "NOT_REVOKED",
            `the credential is not revoked ${crowdNote(bits.privacy)}`,
            crowdParams(bits.privacy),
          ),
      bits.suspended
        ? check(
            "suspension",
            "fail",
            "SUSPENDED",
            `the issuer suspended credential ${target.index} of the batch`,
            { index: target.index },
          )
        : check("suspension", "pass", "NOT_SUSPENDED", "the credential is not suspended"),
      accreditationCheck("accreditation-at-anchoring", atAnchoring, target, bodies, anchoredAt),
      accreditationCheck("accreditation-now", current, target, bodies, anchoredAt),
    ],
    accreditor: profile(atAnchoring),
    accreditorNow: profile(current),
    registered:
      named === null ? null : { name: named.issuerName, domain: named.issuerDomain || null },
    anchoredAt,
  };
}

/** Says what the RPC provider could learn from the status read. */
function crowdNote({ crowd, batchSize }: StatusPrivacy): string {
  const among =
    crowd >= batchSize
      ? `with the whole batch of ${batchSize} credentials`
      : `among ${crowd} of the batch's ${batchSize} credentials`;
  return `(status read ${among}: the RPC provider cannot tell which one was checked)`;
}

function crowdParams({ crowd, batchSize }: StatusPrivacy): CheckParams {
  return { crowd, batchSize, phrase: crowd >= batchSize ? "whole-batch" : "crowd-of-batch" };
}

function profile(detail: AccreditationDetail | null): AccreditorProfile | null {
  return detail === null
    ? null
    : { address: detail.body, name: detail.bodyName, jurisdiction: detail.bodyJurisdiction };
}

function anchorProblem(
  target: ChainTarget,
  view: BatchView,
): { code: CheckCode; message: string; params: CheckParams } | null {
  const { issuer, root, registry, index, typeId, credentialType } = target;
  if (view.anchoredAt === 0) {
    return {
      code: "NOT_ANCHORED_BY_ISSUER",
      message: `${issuer} never anchored batch root ${root} in registry ${registry}`,
      params: { issuer, root, registry },
    };
  }
  if (index >= view.leafCount) {
    return {
      code: "INDEX_OUT_OF_RANGE",
      message: `index ${index} is past the ${view.leafCount} credentials the batch was anchored with`,
      params: { index, leafCount: view.leafCount },
    };
  }
  if (view.credentialType.toLowerCase() !== typeId.toLowerCase()) {
    return {
      code: "CREDENTIAL_TYPE_MISMATCH",
      message: `the batch is anchored under credential type ${view.credentialType}, not ${typeId} ("${credentialType}")`,
      params: { anchoredType: view.credentialType, typeId, credentialType },
    };
  }
  const anchoredAt = utcSeconds(view.anchoredAt);
  if (target.version === 2 && target.anchorCreated !== anchoredAt) {
    const created = String(target.anchorCreated);
    return {
      code: "ANCHOR_TIME_MISMATCH",
      message: `the anchor proof says it was created ${created}, but the chain anchored the batch at ${anchoredAt}: the file was edited`,
      params: { created, anchoredAt },
    };
  }
  return null;
}

/** Unix seconds as the v2 format writes times: YYYY-MM-DDThh:mm:ssZ. */
function utcSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function anchoredCheck(target: ChainTarget, view: BatchView, anchoredAt: string) {
  return check(
    "anchor",
    "pass",
    "ANCHORED",
    `batch root anchored by ${target.issuer} at ${anchoredAt} with ${view.leafCount} credentials`,
    { issuer: target.issuer, anchoredAt, leafCount: view.leafCount },
  );
}

/**
 * A v2 credential's key (its issuer.id) must be the issuer account's when the batch was
 * anchored: declaredAt != 0 && declaredAt <= anchoredAt && (retiredAt == 0 || anchoredAt < retiredAt).
 */
function signingKeyCheck(
  target: ChainTarget,
  view: BatchView,
  anchoredAt: string,
): VerificationCheck {
  if (target.version === 1) {
    return check("signing-key", "skipped", "UNSIGNED_V1", "a v1 file names no signing key", {
      phrase: "v1-no-signing-key",
    });
  }
  const key = `the signing key ${target.signingKey}`;
  const { keyDeclaredAt: declared, keyRetiredAt: retired, anchoredAt: anchored } = view;
  const names = { key: target.signingKey, issuer: target.issuer, anchoredAt };
  if (declared === 0) {
    return check(
      "signing-key",
      "fail",
      "SIGNING_KEY_NOT_DECLARED",
      `${key} of the credential's issuer.id was never declared by the issuer account ${target.issuer}: the account did not vouch for it`,
      names,
    );
  }
  if (declared > anchored) {
    return check(
      "signing-key",
      "fail",
      "SIGNING_KEY_DECLARED_LATER",
      `${key} was declared by ${target.issuer} at ${utcSeconds(declared)}, after the batch was anchored (${anchoredAt})`,
      { ...names, declaredAt: utcSeconds(declared) },
    );
  }
  if (retired !== 0 && anchored >= retired) {
    return check(
      "signing-key",
      "fail",
      "SIGNING_KEY_RETIRED",
      `${key} was retired by ${target.issuer} from ${utcSeconds(retired)}, before the batch was anchored (${anchoredAt})`,
      { ...names, retiredAt: utcSeconds(retired) },
    );
  }
  return check(
    "signing-key",
    "pass",
    "SIGNING_KEY_DECLARED",
    `${key} was the issuer account's when the batch was anchored (declared ${utcSeconds(declared)}${retired === 0 ? "" : `, retired from ${utcSeconds(retired)}`})`,
    {
      ...names,
      declaredAt: utcSeconds(declared),
      ...(retired === 0
        ? { phrase: "key-in-force" as const }
        : { retiredAt: utcSeconds(retired), phrase: "key-retired" as const }),
    },
  );
}

function accreditationCheck(
  id: "accreditation-at-anchoring" | "accreditation-now",
  found: AccreditationDetail | null,
  target: ChainTarget,
  bodies: BodyPolicy,
  anchoredAt: string,
): VerificationCheck {
  const atAnchoring = id === "accreditation-at-anchoring";
  const moment = atAnchoring ? `when the batch was anchored (${anchoredAt})` : "now";
  const suffix = atAnchoring ? "" : "_NOW";
  const about = `${target.issuer} for "${target.credentialType}"`;
  const names = { issuer: target.issuer, credentialType: target.credentialType, anchoredAt };
  if (found !== null) {
    return check(
      id,
      "pass",
      `ACCREDITED${suffix}`,
      `${found.bodyName} (${found.bodyJurisdiction}, ${found.body}) accredited ${about} as "${found.issuerName}" ${moment}`,
      {
        ...names,
        body: found.bodyName,
        jurisdiction: found.bodyJurisdiction,
        bodyAddress: found.body,
        issuerName: found.issuerName,
      },
    );
  }
  if (bodies.noneTrusted || bodies.asked.length > 0) {
    const which = bodies.noneTrusted
      ? "no body is trusted within this registry (the trusted-body lists do not overlap)"
      : `trusted: ${bodies.asked.join(", ")}`;
    return check(
      id,
      "fail",
      `ACCREDITOR_NOT_TRUSTED${suffix}`,
      `no accreditation body this verifier trusts accredited ${about} ${moment} (${which})`,
      {
        ...names,
        asked: bodies.asked.join(", "),
        phrase: (bodies.noneTrusted ? "no-body-trusted" : "bodies-asked") satisfies CheckPhrase,
      },
    );
  }
  return check(
    id,
    "fail",
    `NOT_ACCREDITED${suffix}`,
    `no accreditation body of the trusted registry accredited ${about} ${moment}`,
    names,
  );
}
