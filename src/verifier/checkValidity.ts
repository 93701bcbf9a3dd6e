// The validity-period check, judged at the verifier's clock: from the award date (validFrom) to
// validUntil, or from validUntil alone when the holder hid the award date. Dates are claims, so
// they count only with integrity; the anchoring time still bounds a hidden award date.
import { AWARD_DATE_POINTER, proofLayoutOf } from "../credential/index.ts";
import { isObject } from "../values/index.ts";
import { check, notChecked } from "./check.ts";
import type { VerificationCheck } from "./types.ts";

/** The member of the award date, whose claim is AWARD_DATE_POINTER. */
const AWARD_DATE_KEY = "validFrom";

/** Validity dates, judged at `now`; they are claims, so they count only with integrity. */
export function checkValidityPeriod(
  validFrom: string | null,
  validUntil: string | null,
  now: Date,
): VerificationCheck {
  const from = validFrom === null ? Number.NaN : Date.parse(validFrom.toUpperCase());
  const until = validUntil === null ? undefined : Date.parse(validUntil.toUpperCase());
  if (Number.isNaN(from) || Number.isNaN(until)) {
    return notChecked(
      "validity-period",
      "validFrom or validUntil is not a date-time",
      "dates-not-date-times",
    );
  }
  const at = now.getTime();
  if (at < from) {
    return check(
      "validity-period",
      "fail",
      "NOT_YET_VALID",
      `valid from ${new Date(from).toISOString()}, after ${now.toISOString()}`,
      { from: new Date(from).toISOString(), now: now.toISOString() },
    );
  }
  if (until !== undefined) {
    if (at >= until) {
      return check(
        "validity-period",
        "fail",
        "EXPIRED",
        `expired at ${new Date(until).toISOString()}`,
        { until: new Date(until).toISOString() },
      );
    }
    return check(
      "validity-period",
      "pass",
      "WITHIN_VALIDITY",
      `valid from ${new Date(from).toISOString()} until ${new Date(until).toISOString()}`,
      {
        from: new Date(from).toISOString(),
        until: new Date(until).toISOString(),
        phrase: "valid-until",
      },
    );
  }
  return check(
    "validity-period",
    "pass",
    "WITHIN_VALIDITY",
    `valid from ${new Date(from).toISOString()}, no end date`,
    { from: new Date(from).toISOString(), phrase: "no-end-date" },
  );
}

/**
 * True when the file has no award date but lists its digest: the holder hid it. (Like every
 * claim, it counts only with integrity, which checks that digest.)
 */
export function awardDateHidden(credential: unknown): boolean {
  if (!isObject(credential) || credential[AWARD_DATE_KEY] !== undefined) return false;
  const layout = proofLayoutOf(credential);
  const claims =
    layout === undefined || layout.version === "foreign" ? undefined : layout.anchorProof.claims;
  const entry = isObject(claims) ? claims[AWARD_DATE_POINTER] : undefined;
  return isObject(entry) && "digest" in entry;
}

/**
 * Validity with the award date hidden: only the end can be judged. Whether the credential had
 * started to be valid cannot be, which is why the message says the date is hidden.
 */
export function checkExpiryOnly(validUntil: string | null, now: Date): VerificationCheck {
  const until = validUntil === null ? undefined : Date.parse(validUntil.toUpperCase());
  if (Number.isNaN(until)) {
    return notChecked(
      "validity-period",
      "validUntil is not a date-time",
      "valid-until-not-date-time",
    );
  }
  if (until !== undefined && now.getTime() >= until) {
    return check(
      "validity-period",
      "fail",
      "EXPIRED",
      `expired at ${new Date(until).toISOString()} (award date hidden by the holder)`,
      { until: new Date(until).toISOString() },
    );
  }
  return check(
    "validity-period",
    "pass",
    "AWARD_DATE_HIDDEN",
    until === undefined
      ? "award date hidden by the holder; no end date, so validity is judged from what can be proven: it has not expired"
      : `award date hidden by the holder; valid until ${new Date(until).toISOString()}`,
    until === undefined
      ? { phrase: "no-end-date" }
      : { until: new Date(until).toISOString(), phrase: "valid-until" },
  );
}
