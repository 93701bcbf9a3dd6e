// `credanchor revoke|suspend|unsuspend`: the issuer (or its operator) changes the status of
// credentials named by file, by id (found in a folder of holder files), or by batch root and
// index, many at once from a list file. Every target is checked before anything is sent; then
// each batch gets one bulk transaction (more only beyond 102,400 credentials per batch).
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import type { Address, Hex } from "viem";
import {
  changeCredentialStatus,
  parseStatusReason,
  readBatch,
  revokeBatch,
  STATUS_REASONS,
  type StatusAction,
  statusReasonName,
  toTransactionError,
} from "../../chain/index.ts";
import { CredanchorError } from "../../errors.ts";
import { verifyMerkleProof } from "../../merkle/verifyProof.ts";
import {
  addNetworkOptions,
  type CliContext,
  type NetworkOptions,
  requireWriter,
  withContext,
} from "../context.ts";
import { parseAddress, parseBytes32, parseIndex } from "./args.ts";
import {
  type CredentialFile,
  findCredentialsById,
  locateCredential,
  readCredentialFile,
} from "./credentialFiles.ts";
import {
  chainReport,
  outputOf,
  type TransactionReport,
  transactionLine,
  transactionReport,
} from "./report.ts";

interface StatusChangeOptions extends NetworkOptions {
  batch?: string;
  index?: string[];
  all?: boolean;
  issuer?: string;
  id?: string[];
  folder?: string;
  list?: string;
  reason: string;
}

/** One credential to act on, and what named it (for error messages). */
interface Target {
  issuer?: Address;
  root: Hex;
  index: number;
  source: string;
}

const DESCRIPTIONS: Record<StatusAction, string> = {
  revoke: "revoke credentials for good (or a whole batch with --batch <root> --all)",
  suspend: "suspend credentials until unsuspended",
  unsuspend: "lift the suspension of credentials",
};

const PAST: Record<StatusAction, string> = {
  revoke: "Revoked",
  suspend: "Suspended",
  unsuspend: "Unsuspended",
};

export function register(program: Command): void {
  for (const action of ["revoke", "suspend", "unsuspend"] as const) {
    const command = program
      .command(`${action} [files...]`)
      .description(
        `issuer: ${DESCRIPTIONS[action]}; targets are credential files, --id with --folder, --batch with --index, or --list`,
      )
      .option("--batch <root>", "batch root (0x and 64 hex digits) the --index values belong to")
      .option("--index <n...>", "credential indices in --batch")
      .option(
        "--issuer <address>",
        "issuer of --batch (default: your account; an operator names the issuer it acts for)",
      )
      .option("--id <ids...>", "credential ids (urn:uuid:...), looked up in --folder")
      .option("--folder <dir>", "folder of holder files (searched recursively) for --id")
      .option(
        "--list <file>",
        "a file with one target per line: a credential file path, a credential id (with --folder) or an index (with --batch); # comments; - for stdin",
      )
      .option(
        "--reason <code|name>",
        `reason recorded on chain: 0-255 or ${Object.keys(STATUS_REASONS).join(", ")}`,
        "unspecified",
      );
    if (action === "revoke") {
      command.option("--all", "revoke the whole --batch (for instance, issued in error)");
    }
    addNetworkOptions(command, { signer: true }).action(
      async (files: string[], options: StatusChangeOptions, cmd: Command) => {
        await changeStatus(action, files, options, cmd);
      },
    );
  }
}

async function changeStatus(
  action: StatusAction,
  files: string[],
  options: StatusChangeOptions,
  command: Command,
): Promise<void> {
  const reason = parseStatusReason(options.reason);
  const root = options.batch === undefined ? undefined : parseBytes32(options.batch, "--batch");
  const issuerOption =
    options.issuer === undefined ? undefined : parseAddress(options.issuer, "--issuer");
  const listed = options.list === undefined ? emptyList() : await readTargetList(options.list);
  const indices = [
    ...(options.index ?? []).map((i) => ({
      index: parseIndex(i, "--index"),
      source: `--index ${i}`,
    })),
    ...listed.indices,
  ];
  const ids = [...(options.id ?? []), ...listed.ids];
  const paths = [...files, ...listed.files];

  if (indices.length > 0 && root === undefined) {
    throw new CredanchorError(
      "OPTION_MISSING",
      `Indices (${indices[0]!.source}) need --batch <root>.`,
    );
  }
  if (ids.length > 0 && options.folder === undefined) {
    throw new CredanchorError(
      "OPTION_MISSING",
      `Credential ids (${ids[0]}) need --folder <dir> to find their files in.`,
    );
  }
  if (options.all) {
    if (root === undefined || indices.length + ids.length + paths.length > 0) {
      throw new CredanchorError(
        "OPTION_CONFLICT",
        "--all revokes a whole batch: give it with --batch <root> and nothing else to revoke.",
      );
    }
  } else if (indices.length + ids.length + paths.length === 0) {
    throw new CredanchorError(
      "OPTION_MISSING",
      `Nothing to ${action}: give credential files, --id with --folder, --batch with --index, or --list <file>.`,
    );
  }

  // Read every file before touching the chain: a bad file stops the run with nothing sent.
  const credentials: CredentialFile[] = [];
  for (const path of paths) credentials.push(await readCredentialFile(path));
  if (ids.length > 0) {
    const found = await findCredentialsById(options.folder!, ids);
    credentials.push(...found.values());
  }

  const out = outputOf(command);
  await withContext(options, { signer: true, existingState: true }, async (context) => {
    const writer = requireWriter(context);
    const batchIssuer = issuerOption ?? writer.account;
    const reasonReport = { code: reason, name: statusReasonName(reason) };

    if (options.all) {
      const batch = await requireAnchored(context, batchIssuer, root!, `--batch ${root}`);
      const sent = transactionReport(
        await revokeBatch(writer, {
          registry: context.registry,
          issuer: batchIssuer,
          root: root!,
          reason,
        }).catch((error: unknown) => {
          throw toTransactionError(error, context.registry, "revokeBatch", writer.account);
        }),
      );
      out.result(
        {
          ...chainReport(context),
          action: "revoke-batch",
          registry: context.registry,
          reason: reasonReport,
          batches: [
            {
              issuer: batchIssuer,
              root: root!,
              leafCount: batch.leafCount,
              all: true,
              transactions: [sent],
            },
          ],
        },
        () =>
          `Revoked the whole batch ${root} of ${batchIssuer} (${batch.leafCount} credentials, reason ${reasonReport.name}): ${transactionLine(sent)}`,
      );
      return;
    }

    const targets: Target[] = [
      ...credentials.map((c) => targetOfFile(c, context)),
      ...indices.map(({ index, source }) => ({ issuer: batchIssuer, root: root!, index, source })),
    ];
    const groups = groupByBatch(targets, batchIssuer);
    for (const group of groups) {
      const batch = await requireAnchored(
        context,
        group.issuer,
        group.root,
        group.targets[0]!.source,
      );
      for (const t of group.targets) {
        if (t.index >= batch.leafCount) {
          throw new CredanchorError(
            "INDEX_OUT_OF_RANGE",
            `${t.source}: index ${t.index} is outside batch ${group.root} (${batch.leafCount} credentials, 0 to ${batch.leafCount - 1}).`,
            { source: t.source, index: t.index, leafCount: batch.leafCount },
          );
        }
      }
      group.leafCount = batch.leafCount;
    }

    const done: BatchReport[] = [];
    for (const group of groups) {
      const indexSet = [...new Set(group.targets.map((t) => t.index))].sort((a, b) => a - b);
      let sent: TransactionReport[];
      try {
        sent = (
          await changeCredentialStatus(writer, {
            registry: context.registry,
            issuer: group.issuer,
            root: group.root,
            leafCount: group.leafCount,
            action,
            indices: indexSet,
            reason,
          })
        ).map(transactionReport);
      } catch (error) {
        throw partialFailure(
          toTransactionError(error, context.registry, action, writer.account),
          done,
        );
      }
      done.push({
        issuer: group.issuer,
        root: group.root,
        leafCount: group.leafCount,
        count: indexSet.length,
        indices: indexSet,
        transactions: sent,
      });
    }
    out.result(
      {
        ...chainReport(context),
        action,
        registry: context.registry,
        reason: reasonReport,
        batches: done,
      },
      (r) =>
        r.batches
          .map((b) =>
            [
              `${PAST[action]} ${b.count} credential(s) of batch ${b.root} (issuer ${b.issuer}, reason ${r.reason.name})`,
              ...b.transactions.map((t) => `  ${transactionLine(t)}`),
            ].join("\n"),
          )
          .join("\n"),
    );
  });
}

interface BatchReport {
  issuer: Address;
  root: Hex;
  leafCount: number;
  count: number;
  indices: number[];
  transactions: TransactionReport[];
}

interface BatchGroup {
  issuer: Address;
  root: Hex;
  leafCount: number;
  targets: Target[];
}

function groupByBatch(targets: Target[], defaultIssuer: Address): BatchGroup[] {
  const groups = new Map<string, BatchGroup>();
  for (const target of targets) {
    const issuer = target.issuer ?? defaultIssuer;
    const key = `${issuer}/${target.root}`.toLowerCase();
    let group = groups.get(key);
    if (group === undefined) {
      group = { issuer, root: target.root, leafCount: 0, targets: [] };
      groups.set(key, group);
    }
    group.targets.push(target);
  }
  return [...groups.values()];
}

/** The file's batch and index, after checking it belongs to this chain and registry and that its
 * proof binds the index to the root (so a tampered index never revokes someone else). */
function targetOfFile(loaded: CredentialFile, context: CliContext): Target {
  const where = locateCredential(loaded);
  if (where.chainId !== context.chainId) {
    throw new CredanchorError(
      "CREDENTIAL_CHAIN_MISMATCH",
      `${loaded.file}: the credential is anchored on chain ${where.chainId}, but this network is chain ${context.chainId}: choose its network with --network or --rpc-url.`,
      { file: loaded.file, expected: where.chainId, actual: context.chainId },
    );
  }
  if (where.registry !== context.registry) {
    throw new CredanchorError(
      "CREDENTIAL_REGISTRY_MISMATCH",
      `${loaded.file}: the credential is anchored in registry ${where.registry}, but this network's registry is ${context.registry}: pass --registry ${where.registry}.`,
      { file: loaded.file, expected: where.registry, actual: context.registry },
    );
  }
  const anchor = loaded.credential.proof.anchor;
  if (
    anchor !== undefined &&
    !verifyMerkleProof(
      where.root,
      where.index,
      loaded.credential.proof.credentialDigest,
      anchor.merkleProof,
    )
  ) {
    throw new CredanchorError(
      "CREDENTIAL_PROOF_MISMATCH",
      `${loaded.file}: its Merkle proof does not lead from index ${where.index} to batch root ${where.root}; the file was altered, so nothing is changed for it.`,
      { file: loaded.file, index: where.index, root: where.root },
    );
  }
  return { issuer: where.issuer, root: where.root, index: where.index, source: loaded.file };
}

async function requireAnchored(context: CliContext, issuer: Address, root: Hex, source: string) {
  const batch = await readBatch(context.chain, { registry: context.registry, issuer, root });
  if (batch.anchoredAt === 0) {
    throw new CredanchorError(
      "BATCH_NOT_ANCHORED",
      `${source}: issuer ${issuer} never anchored batch ${root} in registry ${context.registry}; check the root, --issuer and --network.`,
      { source, issuer, root, registry: context.registry },
    );
  }
  return batch;
}

/** An error after some batches were done says which, so a rerun can skip them. */
function partialFailure(error: unknown, done: BatchReport[]): unknown {
  if (done.length === 0 || !(error instanceof CredanchorError)) return error;
  const roots = done.map((b) => b.root).join(", ");
  return new CredanchorError(
    error.code,
    `${error.message} Already done before this failure: batch(es) ${roots}.`,
    { ...error.details, done },
    { cause: error },
  );
}

interface TargetList {
  files: string[];
  ids: string[];
  indices: { index: number; source: string }[];
}

function emptyList(): TargetList {
  return { files: [], ids: [], indices: [] };
}

/** One target per line: an index, a credential id (urn:...), or a file path (relative to the
 * working directory). Blank lines and lines starting with # are skipped. */
async function readTargetList(file: string): Promise<TargetList> {
  let text: string;
  try {
    text = file === "-" ? await readStdin() : await readFile(file, "utf8");
  } catch (error) {
    throw new CredanchorError(
      "FILE_UNREADABLE",
      `--list ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      { file },
    );
  }
  const list = emptyList();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const source = `${file === "-" ? "stdin" : file} line ${i + 1}`;
    if (/^[0-9]+$/.test(line)) list.indices.push({ index: parseIndex(line, source), source });
    else if (line.startsWith("urn:")) list.ids.push(line);
    else list.files.push(line);
  });
  return list;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
