import type { Command } from "commander";
import {
  changeStatuses,
  parseStatusReason,
  readCredentialStatuses,
  revokeAnchoredBatch,
  STATUS_REASONS,
  type StatusAction,
  type StatusTarget,
  statusReasonName,
} from "../../chain/index.ts";
import { CredanchorError } from "../../errors.ts";
import { addNetworkOptions, type NetworkOptions, requireWriter, withContext } from "../context.ts";
import { readInputText } from "../inputFiles.ts";
import { type AlreadyDone, alreadyText, splitAlreadyDone } from "./alreadyDone.ts";
import { parseAddress, parseBytes32, parseIndex } from "./args.ts";
import {
  type CredentialFile,
  CredentialFileError,
  findCredentialsById,
  locateCredential,
  readCredentialFile,
  readingOf,
} from "./credentialFiles.ts";
import { chainReport, outputOf, transactionLine, transactionReport } from "./report.ts";

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
        `issuer: ${DESCRIPTIONS[action]}; targets are credential files, --id with --folder, --batch with --index, or --list; targets already as asked are skipped and no transaction is sent for them`,
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

  const targets: StatusTarget[] = [
    ...credentials.map(targetOfFile),
    ...indices.map(({ index, source }) => ({
      ...(issuerOption === undefined ? {} : { issuer: issuerOption }),
      root: root!,
      index,
      source,
    })),
  ];
  const out = outputOf(command);
  await withContext(options, { signer: true, existingState: true }, async (context) => {
    const writer = requireWriter(context);
    const batchIssuer = issuerOption ?? writer.account;
    const reasonReport = { code: reason, name: statusReasonName(reason) };

    if (options.all) {
      const [batchStatus] = await readCredentialStatuses(
        context.chain,
        { registry: context.registry, issuer: batchIssuer, root: root! },
        [0],
      );
      if (batchStatus!.anchoredAt !== 0 && batchStatus!.batchRevoked) {
        out.result(
          {
            ...chainReport(context),
            action: "revoke-batch",
            registry: context.registry,
            reason: reasonReport,
            batches: [],
            skipped: [
              {
                source: `--batch ${root} --all`,
                issuer: batchIssuer,
                root: root!,
                all: true,
                already: "batch-revoked",
              },
            ],
          },
          () => `Batch ${root} of ${batchIssuer} is already revoked: nothing sent.`,
        );
        return;
      }
      const revoked = await revokeAnchoredBatch(context.chain, writer, {
        registry: context.registry,
        issuer: batchIssuer,
        root: root!,
        reason,
      });
      const sent = transactionReport(revoked.transaction);
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
              leafCount: revoked.leafCount,
              all: true,
              transactions: [sent],
            },
          ],
          skipped: [],
        },
        () =>
          `Revoked the whole batch ${root} of ${batchIssuer} (${revoked.leafCount} credentials, reason ${reasonReport.name}): ${transactionLine(sent)}`,
      );
      return;
    }

    const request = {
      chainId: context.chainId,
      registry: context.registry,
      action,
      issuer: batchIssuer,
    };
    const { toSend, alreadyDone } = await splitAlreadyDone(context.chain, { ...request, targets });
    const done =
      toSend.length === 0
        ? []
        : await changeStatuses(context.chain, writer, { ...request, reason, targets: toSend });
    out.result(
      {
        ...chainReport(context),
        action,
        registry: context.registry,
        reason: reasonReport,
        batches: done.map((b) => ({ ...b, transactions: b.transactions.map(transactionReport) })),
        skipped: alreadyDone,
      },
      (r) =>
        [
          ...r.batches.map((b) =>
            [
              `${PAST[action]} ${b.count} credential(s) of batch ${b.root} (issuer ${b.issuer}, reason ${r.reason.name})`,
              ...b.transactions.map((t) => `  ${transactionLine(t)}`),
            ].join("\n"),
          ),
          ...skippedLines(r.skipped, r.batches.length === 0),
        ].join("\n"),
    );
  });
}

/** One line per target left alone; "nothing sent" when no transaction went out at all. */
function skippedLines(skipped: readonly AlreadyDone[], nothingSent: boolean): string[] {
  const lines = skipped.map(
    (s) =>
      `Skipped ${s.source} (index ${s.index} of batch ${s.root}): ${alreadyText(s.already)}${nothingSent ? "" : ", so left out of the transaction"}`,
  );
  if (nothingSent) lines.push("Nothing sent: every credential is already as asked.");
  return lines;
}

/** The file's batch and index, with what the SDK checks before acting on it: its chain,
 * registry and proof (so a tampered index never revokes someone else). */
function targetOfFile(loaded: CredentialFile): StatusTarget {
  const where = locateCredential(loaded);
  const reading = readingOf(loaded);
  if (reading.version === "foreign") {
    throw new CredentialFileError(
      loaded.file,
      "is another issuer's credential: it has no batch in a credanchor registry",
      { field: "proof" },
    );
  }
  const { credentialDigest, anchor } = reading.anchorProof;
  return {
    issuer: where.issuer,
    root: where.root,
    index: where.index,
    source: loaded.file,
    credential: {
      chainId: where.chainId,
      registry: where.registry,
      credentialDigest,
      ...(anchor === undefined ? {} : { merkleProof: anchor.merkleProof }),
    },
  };
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
  const text = file === "-" ? await readStdin() : await readInputText(file, "--list");
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
