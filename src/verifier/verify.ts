// Verifies one credential: a thin wrapper over verifyMany, so one path does all the checking.
import { checkLocally } from "./checkLocally.ts";
import { finishReport } from "./finishReport.ts";
import type { VerifyOptions } from "./options.ts";
import { UnparsableCredential } from "./parseCredential.ts";
import type { VerificationReport } from "./types.ts";
import { verifyMany } from "./verifyMany.ts";

/**
 * Verifies a credential (a parsed object, or its JSON text) against the chain it names. Findings
 * are in the report, never thrown; only bad options throw. A network fault makes the report
 * "unverifiable" with the cause, never "invalid" or "revoked".
 */
export async function verify(
  credential: unknown,
  options: VerifyOptions,
): Promise<VerificationReport> {
  const { source, ...rest } = options;
  const [report] = await verifyMany([credential], { ...rest, sources: [source] });
  return report!;
}

/**
 * The report of an input that could not be read or parsed at all (a missing file, a failed
 * download): invalid by structure, under `code` (default UNREADABLE), naming the problem.
 */
export function unreadableReport(params: {
  source: string;
  problem: string;
  code?: string;
  now?: Date;
}): VerificationReport {
  const unparsable = new UnparsableCredential(params.code ?? "UNREADABLE", params.problem);
  const local = checkLocally(unparsable, params.source, {
    now: params.now ?? new Date(),
    trust: [],
  });
  return finishReport(local, undefined);
}
