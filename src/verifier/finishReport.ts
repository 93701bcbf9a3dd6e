// Puts a report together: the local checks, the chain checks (or why they were not made), every
// check in CHECK_IDS order, the overall status from them, the names a trusted registry recorded,
// and the warnings a reader must see.
import { check, faultCheck, notChecked } from "./check.ts";
import type { LocalOutcome } from "./checkLocally.ts";
import { type BodyPolicy, checkOnChain, type OnChainOutcome } from "./checkOnChain.ts";
import { overallStatus } from "./overallStatus.ts";
import type { BatchReading } from "./readBatchGroup.ts";
import { subjectSummary } from "./subjectSummary.ts";
import {
  CHECK_IDS,
  type VerificationCheck,
  type VerificationReport,
  type VerificationWarning,
} from "./types.ts";

export function finishReport(
  local: LocalOutcome,
  reading: BatchReading | undefined,
  bodies: BodyPolicy = { asked: [], noneTrusted: false },
): VerificationReport {
  const checks = new Map(local.checks);
  let onChain: OnChainOutcome | null = null;
  const target = local.target;
  if (target === null || reading === undefined) {
    // Nothing was asked of the chain: a local check already failed.
  } else if (reading.kind === "chain-fault") {
    checks.set("chain", faultCheck("chain", reading.error));
  } else {
    checks.set(
      "chain",
      check("chain", "pass", "CHAIN_MATCH", `the RPC serves ${target.caip2}`, {
        chain: target.caip2,
      }),
    );
    if (reading.kind === "read-fault") {
      checks.set("anchor", faultCheck("anchor", reading.error));
    } else {
      onChain = checkOnChain(target, reading.view, reading.bits.get(target.index)!, bodies);
      for (const c of onChain.checks) checks.set(c.id, c);
    }
  }
  const unmade = (id: (typeof CHECK_IDS)[number]) =>
    target === null
      ? notChecked(id, "the credential failed a check that needs no network", "local-check-failed")
      : notChecked(id, "the chain could not be read", "chain-unread");
  const ordered: VerificationCheck[] = CHECK_IDS.map((id) => checks.get(id) ?? unmade(id));
  const { facts } = local;
  const registered = onChain?.registered ?? null;
  return {
    ...overallStatus(ordered),
    checks: ordered,
    ...facts,
    issuer: {
      ...facts.issuer,
      registeredName: registered?.name ?? null,
      registeredDomain: registered?.domain ?? null,
    },
    accreditor: onChain?.accreditor ?? null,
    accreditorNow: onChain?.accreditorNow ?? null,
    anchoredAt: onChain?.anchoredAt ?? null,
    trust:
      target === null || checks.get("trust")?.result !== "pass"
        ? null
        : { label: target.trusted.label, chain: target.caip2, registry: target.registry },
    warnings: [...nameWarnings(facts.issuer.name, onChain), ...facts.warnings],
    subject: subjectSummary(
      facts.disclosed,
      facts.hidden,
      facts.validFrom,
      facts.validFromHidden === true,
    ),
  };
}

/** Whether the file's issuer name is the one the accrediting body recorded on chain. */
function nameWarnings(
  claimed: string | null,
  onChain: OnChainOutcome | null,
): VerificationWarning[] {
  if (onChain === null || onChain.anchoredAt === null || claimed === null) return [];
  const registered = onChain.registered;
  if (registered === null) {
    return [
      {
        code: "ISSUER_NAME_UNREGISTERED",
        message: `no accreditation body of the trusted registry recorded a name for this issuer: "${claimed}" is only what the file claims`,
        params: { claimed },
      },
    ];
  }
  if (comparable(claimed) === comparable(registered.name)) return [];
  return [
    {
      code: "ISSUER_NAME_DIFFERS",
      message: `the file names its issuer "${claimed}", but the registry records the issuer account as "${registered.name}"`,
      params: { claimed, registered: registered.name },
    },
  ];
}

function comparable(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}
