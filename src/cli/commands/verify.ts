// `credanchor verify <files...>`: checks credential files (full or disclosed) through the SDK's
// verifyMany (one eth_call per batch), believing only the registries the user trusts (--trust,
// default the known deployments), never the one a file names. Prints a table, or the reports as
// JSON with --json; --csv writes them for HR systems. Text from a file is shown with its control
// and bidirectional characters made visible. A file that cannot be read or is not a credential
// gets an error naming it and an invalid report; the others are still verified.
import { writeFile } from "node:fs/promises";
import { type Command, Option } from "commander";
import { KNOWN_DEPLOYMENTS } from "../../chain/knownDeployments.ts";
import { CredanchorError } from "../../errors.ts";
import { checkThirdParty } from "../../thirdParty/index.ts";
import {
  describeTrust,
  knownTrust,
  neutralise,
  replaceUnsafe,
  toCsv,
  unreadableReport,
  type VerificationReport,
  type VerificationStatus,
  verifyMany,
} from "../../verifier/index.ts";
import { EXIT } from "../exitCodes.ts";
import { LANGUAGE_HELP, parseLanguage } from "../language.ts";
import { createOutput, jsonReplacer, reportError } from "../output.ts";
import { parseAddress, parseMoment } from "./args.ts";
import { readCredentialFile } from "./credentialFiles.ts";
import { resolveTrust } from "./trustOption.ts";
import { formatTable } from "./verifyTable.ts";

const DEFAULT_RPC_URL = "http://127.0.0.1:8545";

const TRUST_HELP = `
Trust:
  A registry is a contract anyone can deploy, this project's own included, so a credential is
  valid only when its CredentialRegistry is one you trust; any other is "untrusted-registry",
  whatever that registry says. --trust takes, in this order of lookup:
    a known deployment's name     ${KNOWN_DEPLOYMENTS.map((d) => d.network).join(", ") || "(none is published yet)"}
    a name in ./deployments/      --trust localhost reads ./deployments/localhost.json
                                  (npx hardhat run scripts/deploy.ts --network localhost)
    a deployment record file      --trust path/to/record.json
    a registry by CAIP-10 id      --trust eip155:8453:0xRegistry=Label
  Without --trust, the known deployments are trusted. The trust list is printed on stderr.
  --trust replaces --trusted-registry, which only compared addresses the file's own registry
  reported. --trusted-body narrows accreditation to those bodies within the trusted registries.`;

const EXIT_HELP = `
Exit codes of verify:
  ${EXIT.ok}   every credential is valid
  ${EXIT.notValid}   at least one is invalid, untrusted-registry, revoked, suspended, expired or not accredited
  ${EXIT.badInput}   bad usage (an option, a --trust value); nothing was verified
  ${EXIT.unreachable}   at least one is unverifiable (an RPC fault) and none is shown not valid

A file that cannot be read, is not JSON, names a member twice or is not a credential is reported
invalid (check "structure", code FILE_UNREADABLE, NOT_JSON, DUPLICATE_MEMBER or
CREDENTIAL_FILE_INVALID) with an error naming it on stderr; the other files are still verified.

--json prints the array of reports (each names its trust entry in "trust"); the trust list is
not added to it, so the shape stays an array.`;

type VerifyCommandOptions = {
  rpcUrl?: string[];
  trust?: string[];
  trustedBody?: string[];
  trustedRegistry?: string[];
  timeout: string;
  retries: string;
  at?: string;
  csv?: string;
  lang: string;
};

export function register(program: Command): void {
  program
    .command("verify")
    .description(
      "Verify credential files: integrity, the issuer's signature and signing key, inclusion in an anchored batch, revocation, suspension, issuer accreditation and validity dates; other issuers' Open Badges 3.0 credentials by their signature and status list.",
    )
    .argument("<files...>", "credential files (full or disclosed copies)")
    .option(
      "--rpc-url <url>",
      `RPC URL of the credentials' chain; repeat for fallbacks tried in turn (default: $CREDANCHOR_RPC_URL, else ${DEFAULT_RPC_URL})`,
      collect,
    )
    .option(
      "--trust <registry>",
      "a registry deployment you trust: a known name, a name in ./deployments/, a deployment record file, or eip155:<chain id>:<address>[=label]; repeat for several (default: the known deployments; replaces --trusted-registry)",
      collect,
    )
    .option(
      "--trusted-body <address>",
      "an accreditation body you trust, within the trusted registries; repeat for several (default: any body of a trusted registry counts)",
      collect,
    )
    .addOption(new Option("--trusted-registry <address>").hideHelp().argParser(collect))
    .option("--timeout <ms>", "timeout of each RPC request in milliseconds", "10000")
    .option("--retries <n>", "retries per RPC URL, with backoff", "2")
    .option(
      "--at <date>",
      "judge validity dates at this moment (YYYY-MM-DD, ISO date-time or Unix seconds) instead of now; chain status is always current",
    )
    .option("--csv <file>", "also write the reports as CSV (one row per credential) to <file>")
    .option("--lang <language>", LANGUAGE_HELP, "en")
    .addHelpText("after", `${TRUST_HELP}\n${EXIT_HELP}`)
    .action(async (files: string[], options: VerifyCommandOptions, command: Command) => {
      const json = Boolean(command.optsWithGlobals().json);
      parseLanguage(options.lang);
      const out = createOutput(json);
      const now =
        options.at === undefined
          ? new Date()
          : new Date(
              1000 * parseMoment(options.at, "--at", { now: Math.floor(Date.now() / 1000) }),
            );
      if (options.trustedRegistry !== undefined) {
        throw new CredanchorError(
          "OPTION_REMOVED",
          `--trusted-registry was removed: it only compared what the file's own registry reported. Use --trust eip155:<chain id>:${options.trustedRegistry[0]} (see credanchor verify --help).`,
          { option: "--trusted-registry" },
        );
      }
      const trustedBodies = options.trustedBody?.map((a) => parseAddress(a, "--trusted-body"));
      const trust =
        options.trust === undefined
          ? knownTrust()
          : await Promise.all(options.trust.map((value) => resolveTrust(value)));
      // Labels come from record files and --trust values: one line each, shown as stored.
      const trustLines = describeTrust(trust).split("\n").map(neutralise);
      if (!json) process.stderr.write(`${trustLines.join("\n")}\n`);
      const rpcUrls = options.rpcUrl ?? [process.env.CREDANCHOR_RPC_URL || DEFAULT_RPC_URL];

      const loaded = await Promise.all(files.map(loadFile));
      const readable = loaded.flatMap((l, i) => ("input" in l ? [{ at: i, input: l.input }] : []));
      const verified = await verifyMany(
        readable.map((r) => r.input),
        {
          rpcUrls,
          timeoutMs: parseCount(options.timeout, "--timeout", 1),
          retryCount: parseCount(options.retries, "--retries", 0),
          trust,
          ...(trustedBodies === undefined ? {} : { trustedBodies }),
          now,
          sources: readable.map((r) => files[r.at]),
          // Other issuers' credentials too: their DID documents and status lists over HTTPS.
          thirdParty: checkThirdParty,
        },
      );
      const reports: VerificationReport[] = loaded.map((l, i) => {
        if ("input" in l) return verified[readable.findIndex((r) => r.at === i)]!;
        // A parser's message may quote the file's text: shown neutralised, like the table.
        reportError(
          new CredanchorError(l.error.code, neutralise(l.error.message), l.error.details),
          json,
        );
        const problem = l.error.details.problem;
        return unreadableReport({
          source: files[i]!,
          problem: l.error.message,
          code: typeof problem === "string" ? problem : l.error.code,
          now,
        });
      });

      if (options.csv !== undefined) {
        await writeFile(options.csv, toCsv(reports));
      }
      if (json) process.stdout.write(`${terminalSafeJson(reports)}\n`);
      else out.result(reports, (r) => formatTable(r, parseLanguage(options.lang)));
      if (options.csv !== undefined) out.line(`CSV written to ${options.csv}`);
      process.exitCode = exitCodeOf(reports);
    });
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * The reports as JSON, with bidirectional and C1 control characters written as \\u escapes: the
 * same data, but a terminal showing it cannot be turned around by a credential's text.
 */
function terminalSafeJson(reports: readonly VerificationReport[]): string {
  // JSON.stringify already escapes C0 controls; the pretty-printing's own line breaks stay.
  return replaceUnsafe(
    JSON.stringify(reports, jsonReplacer, 2),
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
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
  "untrusted-registry",
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
