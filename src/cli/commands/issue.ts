// `credanchor issue`: a registrar's whole batch in one command, over src/issuer's pipeline. The
// result goes to stdout (a summary, or the report as JSON with --json); progress, gas estimates and
// every bad row go to stderr. Running the same command again after an interruption resumes it.
// Credentials are format v2, signed by the issuer's Ed25519 key (src/cli/signingKey.ts: the
// environment, --keystore, or the public development key on development chains), declared on
// chain by the issuer account first when this run signs as it.
//
// Test hook: CREDANCHOR_CRASH_AT=<checkpoint>[:<batch>] makes the process kill itself (SIGKILL,
// no cleanup) when the pipeline reaches that checkpoint, so crash tests stop a run at an exact,
// repeatable point instead of racing a timer.
import type { Command } from "commander";
import { formatEther, formatGwei } from "viem";
import { CredanchorError } from "../../errors.ts";
import type {
  Checkpoint,
  InputFormat,
  IssueCredentialsOptions,
  IssueEvent,
  IssuePhase,
} from "../../issuer/index.ts";
import { issueStoreOptions, openContentStore } from "../contentStore.ts";
import { addNetworkOptions, type NetworkOptions, requireWriter, withContext } from "../context.ts";
import { resolveSigningKey, SIGNING_KEY_VARIABLE } from "../signingKey.ts";
import { parseAddress } from "./args.ts";
import { outputOf } from "./report.ts";

interface IssueOptions extends NetworkOptions {
  out: string;
  mapping?: string;
  format?: string;
  type?: string;
  issuerName?: string;
  issuerUrl?: string;
  issuerEmail?: string;
  issuer?: string;
  statusBase?: string;
  skipInvalid?: string;
  batchSize?: string;
  dryRun?: boolean;
  ipfsDir?: string;
  kubo?: string;
  threads?: string;
  pinBodies?: boolean;
  progress?: boolean;
}

export function register(program: Command): void {
  addNetworkOptions(
    program
      .command("issue <input>")
      .description(
        `issuer: issue a batch from a CSV, JSON or JSON Lines export (or CLR 2.0 / European Learning Model documents, --format clr|elm): validate every row, build and encrypt the credentials, store them on IPFS, anchor one root per batch, write one file per holder (credential, proof, the issuer's signature, link and key to its encrypted copy); the signing key comes from ${SIGNING_KEY_VARIABLE} (or --keystore) and is declared first if the issuer account signs`,
      )
      .requiredOption(
        "--out <dir>",
        "output folder: holder files, report and journal (rerun the same command to resume)",
      )
      .option(
        "--mapping <file>",
        'JSON file mapping the export\'s columns to record fields, e.g. {"id": "Student number", "fields": {"holderName": "Full name", "validFrom": {"column": "Award date", "type": "date", "format": "DD/MM/YYYY"}}} (see examples/README.md); without it, CSV headers must be field paths (holderName, achievement.name, results[0].value, ...)',
      )
      .option(
        "--format <format>",
        `what the input holds: ${Object.entries(INPUT_FORMATS)
          .map(([name, what]) => `${name} (${what})`)
          .join(", ")}; default: from the file extension (.csv, .json, .jsonl)`,
      )
      .option("--type <name>", "credential type the batch is anchored under, e.g. BachelorDegree")
      .option("--issuer-name <name>", "issuer name shown in the credentials")
      .option("--issuer-url <url>", "issuer web site shown in the credentials")
      .option("--issuer-email <email>", "issuer contact shown in the credentials")
      .option(
        "--issuer <address>",
        "issuer to anchor for when signing as its operator (default: the signing account)",
      )
      .option(
        "--status-base <url>",
        "https folder URL the batches' status lists will be hosted under, each at <url>/<list id>.json (default: <issuer url>/credanchor/status); `credanchor status publish` writes them",
      )
      .option(
        "--skip-invalid <rejects.csv>",
        "issue the valid rows and list the bad ones in this CSV (default: bad rows stop the run)",
      )
      .option("--batch-size <n>", "credentials per anchored batch (default 100000)")
      .option("--dry-run", "validate, build and estimate gas; store, anchor and write nothing")
      .option(
        "--ipfs-dir <dir>",
        "data folder of the embedded IPFS node that keeps the encrypted bodies (default: <out>/ipfs)",
      )
      .option(
        "--kubo <url>",
        "store bodies on a Kubo node's RPC API instead, e.g. http://127.0.0.1:5001",
      )
      .option(
        "--pin-bodies",
        "pin every encrypted body in the embedded node too (always on with --kubo; the embedded node never collects garbage, so by default only manifests are pinned there)",
      )
      .option("--threads <n>", "threads building credentials (default: one per core)")
      .option("--no-progress", "no progress bar on stderr"),
    { signer: true },
  ).action(async (input: string, options: IssueOptions, command: Command) => {
    const out = outputOf(command);
    const { issueCredentials, loadColumnMapping, InputRowsInvalidError, describeRowProblem } =
      await import("../../issuer/index.ts");
    const mapping =
      options.mapping === undefined ? undefined : await loadColumnMapping(options.mapping);
    const format = options.format === undefined ? undefined : parseFormat(options.format);
    const progress = new Progress(process.stderr, options.progress !== false);
    const crashAt = parseCrashAt(process.env.CREDANCHOR_CRASH_AT);
    await withContext(options, { signer: true }, async (context) => {
      const writer = requireWriter(context);
      const issuer =
        options.issuer === undefined ? writer.account : parseAddress(options.issuer, "--issuer");
      const key = await resolveSigningKey({
        env: process.env,
        keystore: options.keystore,
        chainId: context.chainId,
        issuer,
      });
      try {
        const settings: IssueCredentialsOptions = {
          input,
          outDir: options.out,
          chainId: context.chainId,
          registry: context.registry,
          writer,
          issuer,
          signingSeed: key.seedForWorkers(),
          pinBodies: options.kubo !== undefined || options.pinBodies === true,
          issuerProfile: {
            name: options.issuerName,
            url: options.issuerUrl,
            email: options.issuerEmail,
          },
          onEvent: (event) => {
            if (event.type === "rows-rejected" && options.dryRun && !out.json) {
              // A dry run is where a registrar checks the input: name each row left out.
              progress.end();
              process.stderr.write(
                `${event.problems.length} row${event.problems.length === 1 ? "" : "s"} would not be issued (listed in ${event.rejectsFile}):\n${event.problems.map((p) => `  ${describeRowProblem(p)}\n`).join("")}`,
              );
            }
            progress.show(event);
            if (event.type === "checkpoint" && crashAt?.(event.checkpoint, event.batch)) {
              process.kill(process.pid, "SIGKILL");
            }
          },
        };
        if (mapping !== undefined) settings.mapping = mapping;
        if (options.type !== undefined) settings.credentialType = options.type;
        if (options.statusBase !== undefined) settings.statusBase = options.statusBase;
        if (options.skipInvalid !== undefined) settings.rejectsFile = options.skipInvalid;
        if (options.batchSize !== undefined) {
          settings.batchSize = wholeNumber(options.batchSize, "--batch-size");
        }
        if (options.threads !== undefined)
          settings.threads = wholeNumber(options.threads, "--threads");
        if (format !== undefined) settings.format = format;
        if (options.dryRun) settings.dryRun = true;
        // Opened by the run once the input is valid and the output folder made, closed by it.
        else settings.store = (outDir) => openContentStore(issueStoreOptions(options, outDir));
        const report = await issueCredentials(settings);
        progress.end();
        const { formatIssueReport } = await import("../../issuer/index.ts");
        out.result({ network: context.network, ...report }, (r) => formatIssueReport(r));
      } catch (error) {
        progress.end();
        if (error instanceof InputRowsInvalidError && !out.json) {
          for (const problem of error.problems) {
            process.stderr.write(`  ${describeRowProblem(problem)}\n`);
          }
        }
        throw error;
      }
    });
  });
}

function wholeNumber(value: string, option: string): number {
  if (!/^[1-9][0-9]*$/.test(value.trim())) {
    throw new CredanchorError(
      "OPTION_INVALID",
      `${option} "${value}" must be a whole number from 1.`,
      {
        option,
        value,
      },
    );
  }
  return Number(value);
}

/** The input formats the record reader takes, as --help names them. */
const INPUT_FORMATS = {
  csv: "rows",
  json: "an array of records",
  jsonl: "a record per line",
  clr: "CLR 2.0 ClrCredentials, a record per achievement",
  elm: "European Learning Model credentials, a record per achievement",
} as const satisfies Record<InputFormat, string>;

function parseFormat(value: string): InputFormat {
  if (Object.hasOwn(INPUT_FORMATS, value)) return value as InputFormat;
  throw new CredanchorError(
    "OPTION_INVALID",
    `--format "${value}" must be one of ${Object.keys(INPUT_FORMATS).join(", ")}.`,
    { option: "--format", value },
  );
}

/** CREDANCHOR_CRASH_AT as a test of checkpoints; undefined when unset. */
function parseCrashAt(
  value: string | undefined,
): ((checkpoint: Checkpoint, batch?: number) => boolean) | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const [name, batch] = value.trim().split(":");
  return (checkpoint, at) => checkpoint === name && (batch === undefined || at === Number(batch));
}

const PHASE_LABELS: Record<IssuePhase, string> = {
  validate: "validating rows",
  build: "building, sealing and storing",
  tree: "building the tree",
  manifest: "storing the manifest",
  anchor: "anchoring",
  files: "writing holder files",
};
const UNITS: Partial<Record<IssuePhase, string>> = {
  validate: "rows",
  build: "credentials",
  files: "holders",
};

/**
 * Progress on stderr: on a terminal one bar redrawn in place (count, rate, ETA); otherwise a plain
 * line at each tenth of the way (or every 5 s without a total), so logs stay readable.
 */
class Progress {
  private readonly stream: NodeJS.WriteStream;
  private readonly enabled: boolean;
  private readonly tty: boolean;
  private phase: IssuePhase | undefined;
  private label = "";
  private total: number | undefined;
  private done = 0;
  private started = 0;
  private drawnAt = 0;
  private loggedStep = -1;
  private open = false;

  constructor(stream: NodeJS.WriteStream, enabled: boolean) {
    this.stream = stream;
    this.enabled = enabled;
    this.tty = Boolean(stream.isTTY);
  }

  show(event: IssueEvent): void {
    if (!this.enabled) return;
    switch (event.type) {
      case "phase":
        this.begin(event.phase, event.batch, event.total);
        return;
      case "progress":
        if (event.phase !== this.phase) this.begin(event.phase, undefined, event.total);
        this.done = event.done;
        this.draw(false);
        return;
      case "resumed":
        this.line(`resuming the run recorded in ${event.journal} (${event.steps} steps done)`);
        return;
      case "estimate":
        this.line(
          `batch ${event.batch}: estimated gas ${event.gas.toLocaleString("en-US")} at ${formatGwei(event.gasPrice)} gwei = ${ether(event.gas * event.gasPrice)} ETH`,
        );
        return;
      case "anchored":
        this.line(
          event.status === "anchored"
            ? `batch ${event.batch}: anchored ${event.root} in tx ${event.txHash} (block ${event.blockNumber}, gas ${event.gasUsed?.toLocaleString("en-US")})`
            : `batch ${event.batch}: ${event.root} was already anchored by an earlier attempt (tx ${event.txHash})`,
        );
        return;
      case "signing-key-declared":
        this.line(
          `declared signing key ${event.didKey} for the issuer in tx ${event.txHash} (block ${event.blockNumber})`,
        );
        return;
      case "checkpoint":
      case "rows-rejected":
        return;
    }
  }

  end(): void {
    if (this.open) this.draw(true);
    this.phase = undefined;
  }

  private begin(phase: IssuePhase, batch: number | undefined, total: number | undefined): void {
    this.end();
    this.phase = phase;
    this.label = `${PHASE_LABELS[phase]}${batch === undefined ? "" : ` (batch ${batch})`}`;
    this.total = total;
    this.done = 0;
    this.started = performance.now();
    this.loggedStep = -1;
    this.open = true;
    this.draw(false);
  }

  private draw(final: boolean): void {
    const now = performance.now();
    const elapsed = (now - this.started) / 1000;
    const unit = this.phase === undefined ? "" : (UNITS[this.phase] ?? "");
    const rate = elapsed > 0 ? this.done / elapsed : 0;
    const count =
      unit === ""
        ? ""
        : ` ${this.done.toLocaleString("en-US")}${this.total === undefined ? "" : `/${this.total.toLocaleString("en-US")}`} ${unit}`;
    const speed =
      unit !== "" && elapsed > 0.5 ? `, ${Math.round(rate).toLocaleString("en-US")}/s` : "";
    const eta =
      !final && this.total !== undefined && rate > 0 && this.done < this.total
        ? `, ETA ${formatSeconds((this.total - this.done) / rate)}`
        : "";
    const took = final ? `, ${formatSeconds(elapsed)}` : "";

    if (this.tty) {
      if (!final && now - this.drawnAt < 100) return;
      this.drawnAt = now;
      const fraction = this.total ? Math.min(1, this.done / this.total) : undefined;
      const bar =
        fraction === undefined
          ? ""
          : ` [${"#".repeat(Math.round(fraction * 20)).padEnd(20, ".")}] ${Math.floor(fraction * 100)}%`;
      this.stream.write(
        `\r\x1b[2K${this.label}${bar}${count}${speed}${eta}${took}${final ? "\n" : ""}`,
      );
    } else {
      // Logs: the end of each phase, and a line per tenth of a phase that takes a while.
      const step =
        this.total !== undefined && this.total > 0
          ? Math.floor((10 * this.done) / this.total)
          : Math.floor(elapsed / 5);
      if (!final && (elapsed < 2 || step === this.loggedStep)) return;
      this.loggedStep = step;
      const what = count === "" ? "" : `${count}${speed}`;
      this.stream.write(
        final
          ? `${this.label}:${what} done in ${formatSeconds(elapsed)}\n`
          : `${this.label}:${what}${eta}\n`,
      );
    }
    if (final) this.open = false;
  }

  private line(text: string): void {
    if (this.tty && this.open) this.stream.write("\r\x1b[2K");
    this.stream.write(`${text}\n`);
    this.drawnAt = 0;
    if (this.tty && this.open) this.draw(false);
  }
}

/** Wei as ETH with at most 6 significant digits. */
function ether(wei: bigint): string {
  return Number(formatEther(wei))
    .toPrecision(6)
    .replace(/\.?0+$/, "");
}

function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(s / 60);
  return `${minutes} min ${Math.round(s - 60 * minutes)} s`;
}
