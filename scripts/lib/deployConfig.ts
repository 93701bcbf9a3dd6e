// The deploy script's settings, read from environment variables and checked before anything is
// sent: a bad value fails here, naming the variable, not halfway through a deployment.
import { isAddress, ZeroAddress } from "ethers";
import { DEFAULT_ADMIN_DELAY } from "./deployRegistries.ts";
import { DeployConfigError } from "./errors.ts";

export interface DeployConfig {
  governance: string | undefined;
  adminDelay: bigint;
  confirmations: number;
  expectedChainId: number | undefined;
  deploymentName: string | undefined;
  /** Who runs the deployment (CREDANCHOR_DEPLOYMENT_LABEL), shown by verifiers. */
  label: string | undefined;
  deploymentsDir: string | undefined;
  redeploy: boolean;
}

/** Chain ids of development chains (Hardhat, Anvil, Ganache): a zero admin delay is allowed. */
const LOCAL_CHAIN_IDS = new Set([31337, 1337]);

export function isLocalChain(chainId: number, networkType: string): boolean {
  return networkType === "edr-simulated" || LOCAL_CHAIN_IDS.has(chainId);
}

/**
 * Reads CREDANCHOR_GOVERNANCE, CREDANCHOR_ADMIN_DELAY, CREDANCHOR_CONFIRMATIONS,
 * CREDANCHOR_CHAIN_ID, CREDANCHOR_DEPLOYMENT_NAME, CREDANCHOR_DEPLOYMENT_LABEL,
 * CREDANCHOR_DEPLOYMENTS_DIR and CREDANCHOR_REDEPLOY. `local` relaxes the rules meant to protect real chains.
 */
export function readDeployConfig(env: NodeJS.ProcessEnv, local: boolean): DeployConfig {
  const governance = env.CREDANCHOR_GOVERNANCE?.trim() || undefined;
  if (governance !== undefined && (!isAddress(governance) || governance === ZeroAddress)) {
    throw new DeployConfigError(
      "CREDANCHOR_GOVERNANCE",
      `"${governance}" is not a non-zero address; give the 0x address of the governance account (a multisig or timelock in production)`,
    );
  }

  const adminDelay = readInteger(env, "CREDANCHOR_ADMIN_DELAY", 0n, 2n ** 48n - 1n);
  if (adminDelay === 0n && !local) {
    throw new DeployConfigError(
      "CREDANCHOR_ADMIN_DELAY",
      "0 is only allowed on local chains; a real governance needs time to notice a hostile transfer (default 172800, two days)",
    );
  }

  const confirmations = readInteger(env, "CREDANCHOR_CONFIRMATIONS", 1n, 1000n);
  const expectedChainId = readInteger(env, "CREDANCHOR_CHAIN_ID", 1n, 2n ** 53n - 1n);
  const deploymentName = env.CREDANCHOR_DEPLOYMENT_NAME?.trim() || undefined;
  if (deploymentName !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(deploymentName)) {
    throw new DeployConfigError(
      "CREDANCHOR_DEPLOYMENT_NAME",
      `"${deploymentName}" must be letters, digits, ".", "_" or "-" (it becomes deployments/<name>.json)`,
    );
  }

  const label = env.CREDANCHOR_DEPLOYMENT_LABEL?.trim() || undefined;
  if (label !== undefined && (label.length > 128 || /\p{Cc}|\p{Cf}/u.test(label))) {
    throw new DeployConfigError(
      "CREDANCHOR_DEPLOYMENT_LABEL",
      "must be at most 128 characters of plain text (it is shown to every verifier)",
    );
  }

  return {
    governance,
    adminDelay: adminDelay ?? DEFAULT_ADMIN_DELAY,
    // An automining local chain makes no block until asked, so it can only ever give one.
    confirmations: Number(confirmations ?? (local ? 1n : 2n)),
    expectedChainId: expectedChainId === undefined ? undefined : Number(expectedChainId),
    deploymentName,
    label,
    deploymentsDir: env.CREDANCHOR_DEPLOYMENTS_DIR?.trim() || undefined,
    redeploy: env.CREDANCHOR_REDEPLOY === "1" || env.CREDANCHOR_REDEPLOY === "true",
  };
}

function readInteger(
  env: NodeJS.ProcessEnv,
  variable: string,
  min: bigint,
  max: bigint,
): bigint | undefined {
  const raw = env[variable]?.trim();
  if (raw === undefined || raw === "") return undefined;
  if (!/^[0-9]+$/.test(raw) || BigInt(raw) < min || BigInt(raw) > max) {
    throw new DeployConfigError(variable, `"${raw}" must be a whole number from ${min} to ${max}`);
  }
  return BigInt(raw);
}
