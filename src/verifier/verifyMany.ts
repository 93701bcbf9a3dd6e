// Verifies many credentials with as few round trips as the chain allows: every file is checked
// locally first, then the ones that pass are grouped by batch (chain, registry, issuer, root) and
// each group is read with one eth_call. Reports come back in input order.
import { type ChainTarget, checkLocally, type LocalOutcome } from "./checkLocally.ts";
import { finishReport } from "./finishReport.ts";
import { resolveOptions, type VerifyManyOptions } from "./options.ts";
import { parseCredential } from "./parseCredential.ts";
import { type BatchReading, readBatchGroup } from "./readBatchGroup.ts";
import type { VerificationReport } from "./types.ts";

/** Batches read at the same time; each is one eth_call, so this bounds the load on the RPC. */
const CONCURRENT_GROUPS = 4;

/**
 * Verifies each credential (a parsed object, or JSON text) and returns one report per input, in
 * order. Findings are never thrown; only bad options are (VerifyOptionsError, RPC_URL_INVALID).
 */
export async function verifyMany(
  credentials: readonly unknown[],
  options: VerifyManyOptions,
): Promise<VerificationReport[]> {
  const resolved = resolveOptions(options);
  const locals: LocalOutcome[] = credentials.map((input, i) =>
    checkLocally(parseCredential(input), options.sources?.[i] ?? null, resolved),
  );

  const groups = new Map<string, { target: ChainTarget; members: number[] }>();
  locals.forEach((local, i) => {
    const t = local.target;
    if (t === null) return;
    const key = [t.chainId, t.registry, t.issuer, t.root].join(" ").toLowerCase();
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { target: t, members: [i] });
    else group.members.push(i);
  });

  const readings = new Array<BatchReading | undefined>(locals.length);
  const queue = [...groups.values()];
  const worker = async () => {
    for (let group = queue.shift(); group !== undefined; group = queue.shift()) {
      const indices = group.members.map((i) => locals[i]!.target!.index);
      const reading = await readBatchGroup(resolved.chain, group.target, indices, resolved);
      for (const i of group.members) readings[i] = reading;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_GROUPS, queue.length) }, worker));

  return locals.map((local, i) => finishReport(local, readings[i]));
}
