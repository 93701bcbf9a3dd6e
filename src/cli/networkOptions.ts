// The flags that say where a command acts and as whom, shared by every command that talks to a
// chain so they all read the same options and show them in --help. Parsing only: openContext
// (context.ts) turns them into a chain, registries and a signer.
import type { Command } from "commander";

/** The environment variable holding the signing key (or its name in the Hardhat keystore). */
export const KEY_VARIABLE = "CREDANCHOR_PRIVATE_KEY";
/** The network used when neither --network nor --rpc-url is given. */
export const DEFAULT_NETWORK = "hardhat";
export const LOCALHOST_URL = "http://127.0.0.1:8545";

/** The network and key options, as commander parses them (see addNetworkOptions). */
export interface NetworkOptions {
  network?: string;
  rpcUrl?: string;
  deployments?: string;
  registry?: string;
  accreditationRegistry?: string;
  from?: string;
  keystore?: boolean;
  confirmations?: string;
}

/**
 * Adds the network options to a command; with `signer`, also the key options. Every command that
 * talks to a chain calls this, so they all read the same flags and show them in --help.
 */
export function addNetworkOptions(command: Command, options: { signer: boolean }): Command {
  command
    .option(
      "--network <name>",
      `"hardhat" (in-process, ephemeral), "localhost" (npx hardhat node), a record <name>.json in --deployments, or a known deployment (env CREDANCHOR_NETWORK; default ${DEFAULT_NETWORK} unless --rpc-url is given)`,
    )
    .option(
      "--rpc-url <url>",
      "JSON-RPC endpoint of the chain (env CREDANCHOR_RPC_URL); the deployment is found by chain id",
    )
    .option(
      "--deployments <dir>",
      "folder of deployment records <name>.json, as scripts/deploy.ts writes them (env CREDANCHOR_DEPLOYMENTS_DIR; default ./deployments)",
    )
    .option("--registry <address>", "CredentialRegistry address (instead of the deployment record)")
    .option(
      "--accreditation-registry <address>",
      "AccreditationRegistry address (default: the one the CredentialRegistry reads)",
    );
  if (options.signer) {
    command
      .option(
        "--from <address|index>",
        "send from an unlocked account of a development node (e.g. npx hardhat node), by address or index",
      )
      .option(
        "--keystore",
        `read ${KEY_VARIABLE} from the Hardhat keystore (npx hardhat keystore set ${KEY_VARIABLE}) when it is not in the environment`,
      )
      .option(
        "--confirmations <n>",
        "blocks to wait for after each transaction (env CREDANCHOR_CONFIRMATIONS; default 1 on local chains, 2 elsewhere)",
      );
  }
  return command;
}

/**
 * Marks each option declared with requiredOption as "(required)" in --help, in `command` and its
 * subcommands: commander enforces them but its help does not say so. Call it once they are added.
 */
export function markRequiredOptions(command: Command): void {
  for (const option of command.options) {
    if (option.mandatory && !option.description.endsWith("(required)")) {
      option.description = `${option.description} (required)`;
    }
  }
  for (const sub of command.commands) markRequiredOptions(sub);
}
