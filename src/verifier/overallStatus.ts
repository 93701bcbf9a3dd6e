// The overall status from the checks. Each failing check proves a status; a check that could not
// be made (an RPC fault) leaves open every status it could have proved. Statuses rank, most severe
// first: invalid > untrusted-registry > revoked > suspended > expired > not-accredited. The answer is the most severe
// proven status, unless a check left open a more severe one: then "unverifiable", because the
// chain might have said worse. So a network fault never yields invalid or revoked,
// yet a file that fails locally is invalid whatever the network does (nothing is more severe).
//
// accreditation-now never decides: what counts is accreditation when the batch was anchored (a
// withdrawal dated after the anchoring leaves earlier credentials valid, DESIGN.md); losing it
// later is reported as information.
import type {
  CheckId,
  VerificationCheck,
  VerificationReport,
  VerificationStatus,
} from "./types.ts";

const RANK: Record<Exclude<VerificationStatus, "valid" | "unverifiable">, number> = {
  invalid: 0,
  "untrusted-registry": 1,
  revoked: 2,
  suspended: 3,
  expired: 4,
  "not-accredited": 5,
};

type Ranked = keyof typeof RANK;

/** The status a check proves when it fails, or could have proved when it could not be made. */
function statusOf(check: VerificationCheck): Ranked | null {
  const byCheck: Record<CheckId, Ranked | null> = {
    structure: "invalid",
    integrity: "invalid",
    signature: "invalid",
    inclusion: "invalid",
    // What an untrusted registry says proves nothing either way. Another issuer's credential has
    // no registry at all: at best nobody accountable vouches for it (THIRD_PARTY_ISSUER).
    trust: check.code === "THIRD_PARTY_ISSUER" ? "not-accredited" : "untrusted-registry",
    // The chain id and the anchor gate everything the chain says; first of all, that it is anchored.
    chain: "invalid",
    anchor: "invalid",
    // A v2 key the issuer account had not declared (or had retired) when the batch was anchored.
    "signing-key": "invalid",
    "batch-revocation": "revoked",
    // Another issuer's status list that fails its checks proves the credential's status is forged.
    revocation: check.code === "STATUS_LIST_INVALID" ? "invalid" : "revoked",
    suspension: check.code === "STATUS_LIST_INVALID" ? "invalid" : "suspended",
    "accreditation-at-anchoring": "not-accredited",
    "accreditation-now": null,
    "validity-period": check.code === "NOT_YET_VALID" ? "invalid" : "expired",
  };
  return byCheck[check.id];
}

export function overallStatus(
  checks: readonly VerificationCheck[],
): Pick<VerificationReport, "status" | "cause"> {
  let proven: { rank: number; check: VerificationCheck } | null = null;
  let open: { rank: number; check: VerificationCheck } | null = null;
  for (const check of checks) {
    const status = statusOf(check);
    if (status === null) continue;
    const rank = RANK[status];
    if (check.result === "fail" && (proven === null || rank < proven.rank))
      proven = { rank, check };
    if (check.result === "error" && (open === null || rank < open.rank)) open = { rank, check };
  }
  const cause = ({ id, code, message, params }: VerificationCheck) =>
    params === undefined ? { check: id, code, message } : { check: id, code, message, params };
  if (open !== null && (proven === null || open.rank < proven.rank)) {
    return { status: "unverifiable", cause: cause(open.check) };
  }
  if (proven !== null) {
    const status = (Object.keys(RANK) as Ranked[]).find((s) => RANK[s] === proven.rank)!;
    return { status, cause: cause(proven.check) };
  }
  return { status: "valid", cause: null };
}
