// Puts a report together: the local checks, the chain checks (or why they were not made), every
// check in CHECK_IDS order, and the overall status from them.
import type { LocalOutcome } from "./checkLocally.ts";
import { check, notChecked } from "./checkLocally.ts";
import { checkOnChain, faultCheck } from "./checkOnChain.ts";
import { overallStatus } from "./overallStatus.ts";
import type { BatchReading } from "./readBatchGroup.ts";
import { CHECK_IDS, type VerificationCheck, type VerificationReport } from "./types.ts";

export function finishReport(
  local: LocalOutcome,
  reading: BatchReading | undefined,
): VerificationReport {
  const checks = new Map(local.checks);
  let accreditor: VerificationReport["accreditor"] = null;
  let accreditorNow: VerificationReport["accreditorNow"] = null;
  let anchoredAt: VerificationReport["anchoredAt"] = null;
  const target = local.target;
  if (target === null || reading === undefined) {
    // Nothing was asked of the chain: a local check already failed.
  } else if (reading.kind === "chain-fault") {
    checks.set("chain", faultCheck("chain", reading.error));
  } else {
    checks.set("chain", check("chain", "pass", "CHAIN_MATCH", `the RPC serves ${target.caip2}`));
    if (reading.kind === "read-fault") {
      checks.set("anchor", faultCheck("anchor", reading.error));
    } else {
      const onChain = checkOnChain(target, reading.statuses.get(target.index)!, reading.trust);
      for (const c of onChain.checks) checks.set(c.id, c);
      ({ accreditor, accreditorNow, anchoredAt } = onChain);
    }
  }
  const why =
    target === null
      ? "the credential failed a check that needs no network"
      : "the chain could not be read";
  const ordered: VerificationCheck[] = CHECK_IDS.map((id) => checks.get(id) ?? notChecked(id, why));
  return {
    ...overallStatus(ordered),
    checks: ordered,
    ...local.facts,
    accreditor,
    accreditorNow,
    anchoredAt,
  };
}
