// Verifies many credentials with as few round trips as the chain allows: every file is checked
// locally first (a registry outside the trust list is never read), then the ones that pass are
// grouped by batch (chain, registry, issuer, root) and each group is read together: one eth_call
// for a batch of at most crowdWords status words, two for a bigger one (see readBatchGroup.ts).
// Reports come back in input order, each saying among how many credentials its status was read.
import type { Address, Hex } from "viem";
import type { RpcEndpoint } from "../chain/index.ts";
import { type ChainTarget, checkLocally, type LocalOutcome } from "./checkLocally.ts";
import type { BodyPolicy } from "./checkOnChain.ts";
import { checkSignature } from "./checkSignature.ts";
import { finishReport } from "./finishReport.ts";
import { resolveOptions, type VerifyManyOptions } from "./options.ts";
import { parseCredential } from "./parseCredential.ts";
import { type BatchReading, readBatchGroup } from "./readBatchGroup.ts";
import { readStatusChange, readStatusLogs } from "./readStatusChange.ts";
import type { TrustedRegistry } from "./trust.ts";
import type { VerificationReport } from "./types.ts";

/** Batches read at the same time; each is one or two eth_calls, so this bounds the load on the RPC. */
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
  // Local checks first, then signatures (asynchronous: WebCrypto, and for another issuer's
  // credential its DID document and status lists), all before any batch is read.
  const anchorBlocks: bigint[] = [];
  const locals: LocalOutcome[] = await Promise.all(
    credentials.map((input, i) => {
      const source = options.sources?.[i] ?? null;
      const credential = parseCredential(input, source);
      anchorBlocks[i] = anchorBlockOf(credential);
      return checkSignature(checkLocally(credential, source, resolved), credential, resolved);
    }),
  );

  // One read per batch and signing key: the key's term comes back in the same eth_call.
  const groups = new Map<string, { target: ChainTarget; members: number[] }>();
  locals.forEach((local, i) => {
    const t = local.target;
    if (t === null) return;
    const key = [t.chainId, t.registry, t.issuer, t.root, t.signingKey].join(" ").toLowerCase();
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { target: t, members: [i] });
    else group.members.push(i);
  });

  const readings = new Array<{ reading: BatchReading; bodies: BodyPolicy } | undefined>(
    locals.length,
  );
  const queue = [...groups.values()];
  const worker = async () => {
    for (let group = queue.shift(); group !== undefined; group = queue.shift()) {
      const indices = group.members.map((i) => locals[i]!.target!.index);
      const bodies = bodyPolicy(group.target.trusted, resolved.trustedBodies);
      const reading = await readBatchGroup(
        resolved.chain,
        group.target,
        indices,
        bodies.asked as Address[],
        resolved,
      );
      for (const i of group.members) readings[i] = { reading, bodies };
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_GROUPS, queue.length) }, worker));

  const reports = locals.map((local, i) => {
    const read = readings[i];
    const report = finishReport(local, read?.reading, read?.bodies);
    return { ...report, privacy: read?.reading.kind === "read" ? read.reading.privacy : null };
  });
  await addStatusChanges(reports, locals, anchorBlocks, resolved.chain);
  return reports;
}

/**
 * Says when and why each revoked or suspended credential was (registry events, one log read per
 * batch); valid ones cost nothing more. A fault leaves `statusChange` null, the verdict unchanged.
 */
async function addStatusChanges(
  reports: VerificationReport[],
  locals: readonly LocalOutcome[],
  anchorBlocks: readonly bigint[],
  chain: RpcEndpoint,
): Promise<void> {
  const batches = new Map<string, ReturnType<typeof readStatusLogs>>();
  const blockTimes = new Map<Hex, Promise<unknown>>();
  await Promise.all(
    reports.map(async (report, i) => {
      const target = locals[i]!.target;
      if (target === null || (report.status !== "revoked" && report.status !== "suspended")) {
        return;
      }
      const key = [target.registry, target.issuer, target.root].join(" ").toLowerCase();
      if (!batches.has(key)) batches.set(key, readStatusLogs(chain, target, anchorBlocks[i]));
      try {
        const logs = await batches.get(key)!;
        report.statusChange = await readStatusChange(
          chain,
          logs,
          target.index,
          report.status,
          blockTimes,
        );
      } catch {
        report.statusChange = null; // the verdict stands; only its detail could not be read
      }
    }),
  );
}

/**
 * The block the file says its batch was anchored in (proof.anchor.blockNumber), where status
 * events can start; 0 when it says none. Only a hint for the log read (see readStatusLogs).
 */
function anchorBlockOf(credential: unknown): bigint {
  const proof = (credential as { proof?: unknown } | null)?.proof;
  const first = Array.isArray(proof) ? proof[0] : proof;
  const block = (first as { anchor?: { blockNumber?: unknown } } | null)?.anchor?.blockNumber;
  return typeof block === "number" && Number.isSafeInteger(block) && block >= 0
    ? BigInt(block)
    : 0n;
}

/**
 * The bodies that count within one trusted registry: the entry's own list and the caller's
 * trustedBodies, each narrowing (both: only bodies on both lists). Empty `asked` means any body.
 */
function bodyPolicy(
  trusted: TrustedRegistry,
  trustedBodies: ReadonlySet<string> | null,
): BodyPolicy {
  const own = trusted.bodies?.map((b) => b.toLowerCase()) ?? null;
  let asked: string[] | null;
  if (own === null) asked = trustedBodies === null ? null : [...trustedBodies];
  else asked = trustedBodies === null ? own : own.filter((b) => trustedBodies.has(b));
  if (asked === null) return { asked: [], noneTrusted: false };
  return asked.length === 0 ? { asked: [], noneTrusted: true } : { asked, noneTrusted: false };
}
