// The report fields a file gives before the chain is asked (who it names, where it says it is
// anchored, its dates), and their empty form for a file that could not be read. Everything here
// is the file's own claim: it counts only as far as the checks prove it.

import { isObject } from "../values/index.ts";
import type { VerificationReport } from "./types.ts";

/** The report fields a file gives, before the chain is asked. */
export type ReportFacts = Omit<
  VerificationReport,
  "status" | "cause" | "checks" | "accreditor" | "accreditorNow" | "anchoredAt" | "trust"
>;

export function emptyFacts(source: string | null, now: Date): ReportFacts {
  return {
    source,
    credentialId: null,
    credentialType: null,
    issuer: { id: null, address: null, name: null, registeredName: null, registeredDomain: null },
    chain: null,
    registry: null,
    root: null,
    index: null,
    validFrom: null,
    validFromHidden: false,
    validUntil: null,
    disclosed: {},
    hidden: [],
    checkedAt: now.toISOString(),
    warnings: [],
  };
}

/** The string at `value[key]`, or null when `value` is no object or holds none there. */
export function stringAt(value: unknown, key: string): string | null {
  return isObject(value) && typeof value[key] === "string" ? (value[key] as string) : null;
}
