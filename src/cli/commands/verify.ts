// `credanchor verify <files...>`: checks credential files (full or disclosed) against the chain
// each names, through the SDK's verifyMany (one eth_call per batch). Prints a table, or the
// reports as JSON with --json; --csv writes them for HR systems. A file that cannot be read or
// is not a credential gets an error naming it and an invalid report; the others are still
// verified.
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { CredanchorError } from "../../errors.ts";
import {
  toCsv,
  unreadableReport,
  type VerificationReport,
  type VerificationStatus,
  verifyMany,
} from "../../verifier/index.ts";
import { EXIT } from "../exitCodes.ts";
import { createOutput, reportError } from "../output.ts";
import { parseAddress, parseMoment } from "./args.ts";
import { readCredentialFile } from "./credentialFiles.ts";

const DEFAULT_RPC_URL = "http://127.0.0.1:8545";

const EXIT_HELP = `
Exit codes of verify:
  ${EXIT.ok}   every credential is valid
  ${EXIT.notValid}   at least one is invalid, revoked, suspended, expired or not accredited
  ${EXIT.badInput}   bad usage (an option); nothing was verified
  ${EXIT.unreachable}   at least one is unverifiable (an RPC fault) and none is shown not valid

A file that cannot be read, is not JSON or is not a credential is reported invalid (check
"structure", code FILE_UNREADABLE or CREDENTIAL_FILE_INVALID) with an error naming it on
stderr; the other files are still verified.`;

type VerifyCommandOptions = {
  rpcUrl?: string[];
  trustedBody?: string[];
  trustedRegistry?: string[];
  timeout: string;
  retries: string;
  at?: string;
  csv?: string;
};

export function register(program: Command): void {
  program
    .command("verify")
    .description(
      "Verify credential files: integrity, inclusion in an anchored batch, revocation, suspension, issuer accreditation and validity dates.",
    )
    .argument("<files...>", "credential files (full or disclosed copies)")
    .option(
      "--rpc-url <url>",
      `RPC URL of the credentials' chain; repeat for fallbacks tried in turn (default: $CREDANCHOR_RPC_URL, else ${DEFAULT_RPC_URL})`,
      collect,
    )
    .option(
      "--trusted-body <address>",
      "an accreditation body you trust; repeat for several (default: any body counts)",
      collect,
    )
    .option(
      "--trusted-registry <address>",
      "a CredentialRegistry you trust; repeat for several (default: the one each file names)",
      collect,
    )
    .option("--timeout <ms>", "timeout of each RPC request in milliseconds", "10000")
    .option("--retries <n>", "retries per RPC URL, with backoff", "2")
    .option(
      "--at <date>",
      "judge validity dates at this moment (YYYY-MM-DD, ISO date-time or Unix seconds) instead of now; chain status is always current",
    )
    .option("--csv <file>", "also write the reports as CSV (one row per credential) to <file>")
    .addHelpText("after", EXIT_HELP)
    .action(async (files: string[], options: VerifyCommandOptions, command: Command) => {
      const json = Boolean(command.optsWithGlobals().json);
      const out = createOutput(json);
      const now =
        options.at === undefined
          ? new Date()
          : new Date(
              1000 * parseMoment(options.at, "--at", { now: Math.floor(Date.now() / 1000) }),
            );
      const trustedBodies = options.trustedBody?.map((a) => parseAddress(a, "--trusted-body"));
      const trustedRegistries = options.trustedRegistry?.map((a) =>
        parseAddress(a, "--trusted-registry"),
      );
      const rpcUrls = options.rpcUrl ?? [process.env.CREDANCHOR_RPC_URL || DEFAULT_RPC_URL];

      const loaded = await Promise.all(files.map(loadFile));
      const readable = loaded.flatMap((l, i) => ("input" in l ? [{ at: i, input: l.input }] : []));
      const verified = await verifyMany(
        readable.map((r) => r.input),
        {
          rpcUrls,
          timeoutMs: parseCount(options.timeout, "--timeout", 1),
          retryCount: parseCount(options.retries, "--retries", 0),
          ...(trustedBodies === undefined ? {} : { trustedBodies }),
          ...(trustedRegistries === undefined ? {} : { trustedRegistries }),
          now,
          sources: readable.map((r) => files[r.at]),
        },
      );
      const reports: VerificationReport[] = loaded.map((l, i) => {
        if ("input" in l) return verified[readable.findIndex((r) => r.at === i)]!;
        reportError(l.error, json);
        return unreadableReport({
          source: files[i]!,
          problem: l.error.message,
          code: l.error.code,
          now,
        });
      });

      if (options.csv !== undefined) {
        await writeFile(options.csv, toCsv(reports));
      }
      out.result(reports, (r) => formatTable(r));
      if (options.csv !== undefined) out.line(`CSV written to ${options.csv}`);
      process.exitCode = exitCodeOf(reports);
    });
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

type Loaded = { input: unknown } | { error: CredanchorError };

/** The credential of a file, or the error naming why it is not one. */
async function loadFile(file: string): Promise<Loaded> {
  try {
    return { input: (await readCredentialFile(file)).credential };
  } catch (error) {
    if (error instanceof CredanchorError) return { error };
    throw error;
  }
}

function parseCount(value: string, option: string, min: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) {
    throw new CredanchorError(
      "OPTION_INVALID",
      `${option} "${value}" must be a whole number of at least ${min}.`,
      { option, value },
    );
  }
  return n;
}

const NOT_VALID: readonly VerificationStatus[] = [
  "invalid",
  "revoked",
  "suspended",
  "expired",
  "not-accredited",
];

/** 0 when all are valid; 1 when any is shown not valid; else 3 when any is unverifiable. */
export function exitCodeOf(reports: readonly VerificationReport[]): number {
  if (reports.some((r) => NOT_VALID.includes(r.status))) return EXIT.notValid;
  if (reports.some((r) => r.status === "unverifiable")) return EXIT.unreachable;
  return EXIT.ok;
}

function short(address: string | null): string {
  return address === null ? "-" : `${address.slice(0, 6)}…${address.slice(-4)}`;
}

function formatTable(reports: readonly VerificationReport[]): string {
  const rows = reports
    .map((r) => [
      r.source ?? "-",
      r.status,
      r.issuer.name === null
        ? short(r.issuer.address)
        : `${r.issuer.name} (${short(r.issuer.address)})`,
      short(r.accreditor),
      r.anchoredAt === null ? "-" : r.anchoredAt.replace("T", " ").replace(/\.000Z$/, "Z"),
      r.cause === null ? "" : `${r.cause.check}: ${r.cause.message}`,
    ])
    // Text from a file is untrusted: no line breaks or terminal control sequences in the table.
    .map((row) => row.map((cell) => cell.replace(/[\s\p{Cc}]+/gu, " ")));
  const header = ["FILE", "STATUS", "ISSUER", "ACCREDITOR", "ANCHORED AT", "REASON"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  const counts = new Map<string, number>();
  for (const r of reports) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const summary = [...counts].map(([status, n]) => `${n} ${status}`).join(", ");
  const noun = reports.length === 1 ? "credential" : "credentials";
  return [line(header), ...rows.map(line), "", `${reports.length} ${noun}: ${summary}`].join("\n");
}
