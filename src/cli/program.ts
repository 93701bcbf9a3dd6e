// The `credanchor` command: global options and one subcommand module per job. Each module in
// commands/ exports `register(program)`; this file is the only list of them.
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { EXIT } from "./exitCodes.ts";

/** The version of the package this runs from (the checkout's or the installed CLI's). */
function packageVersion(): string {
  const manifest = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

/** Global options every subcommand sees (via `command.optsWithGlobals()`). */
export interface GlobalOptions {
  json?: boolean;
}

type Register = (program: Command) => void;

const EXIT_HELP = `
Exit codes:
  ${EXIT.ok}   done (verify: every credential valid)
  ${EXIT.notValid}   verify: at least one credential is not valid
  ${EXIT.badInput}   bad usage or input; nothing was changed
  ${EXIT.unreachable}   an RPC endpoint or content store could not be reached (verify: unverifiable)
  ${EXIT.refused}   the registry refused the transaction
  ${EXIT.internal}  internal error`;

export async function buildProgram(): Promise<Command> {
  const program = new Command()
    .name("credanchor")
    .description("Issue, anchor, disclose, revoke and verify learning and employment records.")
    .version(packageVersion(), "-V, --version", "print the version of credanchor")
    .option("--json", "print one JSON document instead of text (errors as JSON on stderr)")
    .addHelpText("after", EXIT_HELP)
    .showHelpAfterError()
    .exitOverride();
  const modules: Array<{ register: Register }> = await Promise.all(
    COMMAND_MODULES.map((load) => load()),
  );
  for (const module of modules) module.register(program);
  return program;
}

/** Loaded lazily so `credanchor verify` never pulls in Hardhat or Helia. */
const COMMAND_MODULES: Array<() => Promise<{ register: Register }>> = [
  () => import("./commands/governance.ts"),
  () => import("./commands/accreditation.ts"),
  () => import("./commands/operator.ts"),
  () => import("./commands/signingKey.ts"),
  () => import("./commands/statusChange.ts"),
  () => import("./commands/status.ts"),
  () => import("./commands/disclose.ts"),
  () => import("./commands/recover.ts"),
  () => import("./commands/share.ts"),
  () => import("./commands/pin.ts"),
  () => import("./commands/verify.ts"),
  () => import("./commands/issue.ts"),
  () => import("./commands/shred.ts"),
  () => import("./commands/deliver.ts"),
  () => import("./commands/certificates.ts"),
];
