// `credanchor status`: what the registry says about credentials, named by file or by batch root
// and index: anchored when, revoked or suspended (with the reason from the events), and whether
// the issuer was accredited at anchoring and is now. It reports; it does not judge integrity or
// proofs (that is `verify`), so it exits 0 whatever the status.
import type { Command } from "commander";
import type { Address, Hex } from "viem";
import {
  listStatusChanges,
  type OnChainCredentialStatus,
  readCredentialStatuses,
  type StatusChange,
  statusReasonName,
} from "../../chain/index.ts";
import { CredanchorError } from "../../errors.ts";
import {
  addNetworkOptions,
  type CliContext,
  type NetworkOptions,
  withContext,
} from "../context.ts";
import { credentialTypeLabel, isoTime, parseAddress, parseBytes32, parseIndex } from "./args.ts";
import { locateCredential, readCredentialFile } from "./credentialFiles.ts";
import { outputOf } from "./report.ts";
import { registerPublish } from "./statusPublish.ts";

interface StatusOptions extends NetworkOptions {
  batch?: string;
  index?: string[];
  issuer?: string;
}

interface Query {
  source: string;
  credentialId: string | null;
  chainId: number;
  registry: Address;
  issuer: Address;
  root: Hex;
  index: number;
}

export type CredentialState =
  | "not-anchored"
  | "index-out-of-range"
  | "batch-revoked"
  | "revoked"
  | "suspended"
  | "active";

export function register(program: Command): void {
  const status = addNetworkOptions(
    program
      .command("status [files...]")
      .description(
        "what the registry says about credentials (by file, or --batch with --index and --issuer): anchored, revoked, suspended, accredited",
      )
      .option("--batch <root>", "batch root (0x and 64 hex digits)")
      .option("--index <n...>", "credential indices in --batch")
      .option("--issuer <address>", "the issuer that anchored --batch"),
    { signer: false },
  ).action(async (files: string[], options: StatusOptions, command: Command) => {
    const queries: Query[] = [];
    for (const file of files) {
      const loaded = await readCredentialFile(file);
      const where = locateCredential(loaded);
      const id = loaded.credential.id;
      queries.push({ source: file, credentialId: typeof id === "string" ? id : null, ...where });
    }
    if (options.batch !== undefined || options.index !== undefined) {
      if (
        options.batch === undefined ||
        options.index === undefined ||
        options.issuer === undefined
      ) {
        throw new CredanchorError(
          "OPTION_MISSING",
          "status by batch needs --batch <root>, --index <n...> and --issuer <address> together.",
        );
      }
      const root = parseBytes32(options.batch, "--batch");
      const issuer = parseAddress(options.issuer, "--issuer");
      for (const i of options.index) {
        queries.push({
          source: `--batch ${root} --index ${i}`,
          credentialId: null,
          chainId: 0,
          registry: "0x0000000000000000000000000000000000000000",
          issuer,
          root,
          index: parseIndex(i, "--index"),
        });
      }
    }
    if (queries.length === 0) {
      throw new CredanchorError(
        "OPTION_MISSING",
        "status: give credential files, or --batch <root> --index <n...> --issuer <address>.",
      );
    }
    const out = outputOf(command);
    await withContext(options, { existingState: true }, async (context) => {
      for (const q of queries) {
        if (q.chainId === 0) {
          q.chainId = context.chainId;
          q.registry = context.registry;
        } else {
          assertChosenRegistry(q.source, q, context);
        }
      }
      const credentials = await readStatuses(context, queries);
      out.result({ network: context.network, chain: context.caip2, credentials }, (r) =>
        r.credentials.map(describe).join("\n\n"),
      );
    });
  });
  registerPublish(status);
}

/**
 * Refuses a credential anchored on another chain, or in another registry, than the one the user
 * chose: a file names its registry, but a registry is only believed when the user chose it.
 */
export function assertChosenRegistry(
  source: string,
  where: { chainId: number; registry: Address },
  context: CliContext,
): void {
  if (where.chainId !== context.chainId) {
    throw new CredanchorError(
      "CREDENTIAL_CHAIN_MISMATCH",
      `${source}: the credential is anchored on chain ${where.chainId}, but this network is chain ${context.chainId}: choose its network with --network or --rpc-url.`,
      { file: source, expected: where.chainId, actual: context.chainId },
    );
  }
  if (where.registry.toLowerCase() !== context.registry.toLowerCase()) {
    throw new CredanchorError(
      "REGISTRY_NOT_CHOSEN",
      `${source}: the credential points at registry ${where.registry}, not ${context.registry} of this network: pass --registry ${where.registry} to read that registry on purpose (only if you know who runs it).`,
      { file: source, expected: context.registry, actual: where.registry },
    );
  }
}

/** One status call and one event scan per batch, whatever the number of credentials in it. */
async function readStatuses(context: CliContext, queries: Query[]) {
  const byBatch = new Map<string, Query[]>();
  for (const q of queries) {
    const key = `${q.registry}/${q.issuer}/${q.root}`.toLowerCase();
    byBatch.set(key, [...(byBatch.get(key) ?? []), q]);
  }
  const reports = new Map<Query, ReturnType<typeof report>>();
  for (const group of byBatch.values()) {
    const { registry, issuer, root } = group[0]!;
    const batch = { registry, issuer, root };
    const statuses = await readCredentialStatuses(
      context.chain,
      batch,
      group.map((q) => q.index),
    );
    const changes =
      statuses[0]!.anchoredAt === 0
        ? []
        : await listStatusChanges(
            context.chain,
            batch,
            registry === context.registry ? context.deployBlocks.registry : 0n,
          );
    group.forEach((q, i) => {
      reports.set(q, report(q, statuses[i]!, changes));
    });
  }
  return queries.map((q) => reports.get(q)!);
}

function report(q: Query, s: OnChainCredentialStatus, changes: StatusChange[]) {
  const state: CredentialState =
    s.anchoredAt === 0
      ? "not-anchored"
      : q.index >= s.leafCount
        ? "index-out-of-range"
        : s.batchRevoked
          ? "batch-revoked"
          : s.revoked
            ? "revoked"
            : s.suspended
              ? "suspended"
              : "active";
  const covering = changes.filter((c) => c.indices.includes(q.index));
  const revocation = s.batchRevoked
    ? changes.find((c) => c.action === "revoke-batch")
    : s.revoked
      ? covering.find((c) => c.action === "revoke")
      : undefined;
  const suspension = s.suspended
    ? covering.filter((c) => c.action === "suspend").at(-1)
    : undefined;
  return {
    source: q.source,
    credentialId: q.credentialId,
    registry: q.registry,
    issuer: q.issuer,
    batchRoot: q.root,
    index: q.index,
    state,
    anchoredAt: s.anchoredAt === 0 ? null : isoTime(s.anchoredAt),
    leafCount: s.anchoredAt === 0 ? null : s.leafCount,
    credentialType: s.anchoredAt === 0 ? null : credentialTypeLabel(s.credentialType),
    batchRevoked: s.batchRevoked,
    revoked: s.revoked,
    suspended: s.suspended,
    revocation: event(revocation),
    suspension: event(suspension),
    accreditation: {
      atAnchoring: { accredited: s.accreditedAtAnchoring, body: s.accreditorAtAnchoring },
      now: { accredited: s.accreditedNow, body: s.accreditorNow },
    },
  };
}

function event(change: StatusChange | undefined) {
  if (change === undefined) return null;
  return {
    reason: { code: change.reason, name: statusReasonName(change.reason) },
    by: change.by,
    txHash: change.transactionHash,
    blockNumber: Number(change.blockNumber),
  };
}

function describe(r: ReturnType<typeof report>): string {
  const lines = [`${r.source}${r.credentialId ? `  (${r.credentialId})` : ""}`];
  if (r.state === "not-anchored") {
    lines.push(`  not anchored: issuer ${r.issuer} has no batch ${r.batchRoot} in ${r.registry}`);
    return lines.join("\n");
  }
  lines.push(
    `  batch ${r.batchRoot}, index ${r.index} of ${r.leafCount}, issuer ${r.issuer}, type ${r.credentialType}`,
    `  anchored ${r.anchoredAt}`,
  );
  const why = (e: ReturnType<typeof event>) =>
    e === null ? "" : ` (reason ${e.reason.name}, by ${e.by}, tx ${e.txHash})`;
  const state =
    r.state === "batch-revoked" || r.state === "revoked"
      ? `${r.state}${why(r.revocation)}`
      : r.state === "suspended"
        ? `suspended${why(r.suspension)}`
        : r.state;
  lines.push(`  status: ${state}`);
  const acc = (a: { accredited: boolean; body: string | null }) =>
    a.accredited ? `accredited by ${a.body}` : "not accredited";
  lines.push(
    `  accreditation: at anchoring ${acc(r.accreditation.atAnchoring)}; now ${acc(r.accreditation.now)}`,
  );
  return lines.join("\n");
}
