// One deployment of the registries to a connected Hardhat network, from settings to record:
// check the chain and the settings, refuse to overwrite a live record, deploy, write
// deployments/<name>.json. The deploying is the SDK's (src/chain/deployRegistries.ts, through
// the connection's provider); scripts/deploy.ts is a thin shell over this; tests call it directly.
import type { NetworkConnection } from "hardhat/types/network";
import {
  deploymentPath,
  readDeploymentFile,
  writeDeploymentFile,
} from "../../src/chain/deploymentFiles.ts";
import { ABI_VERSION, type DeploymentRecord } from "../../src/chain/deploymentRecord.ts";
import { toCaip2 } from "../../src/values/index.ts";
import { isLocalChain, readDeployConfig } from "./deployConfig.ts";
import {
  type ArtifactReader,
  DEPLOYMENTS_DIR,
  deploymentName,
  readSolcVersion,
} from "./deployment.ts";
import { type DeployedRegistries, deployRegistries } from "./deployRegistries.ts";
import {
  DeployChainMismatchError,
  DeployConfigError,
  DeploymentExistsError,
  DeployRpcUnreachableError,
  DeployVariableMissingError,
} from "./errors.ts";

export interface DeployToNetworkResult {
  deployment: DeploymentRecord;
  file: string;
  deployed: DeployedRegistries;
}

export async function deployToNetwork(
  connection: NetworkConnection,
  artifacts: ArtifactReader,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DeployToNetworkResult> {
  const { ethers, networkName, networkConfig } = connection;
  const chainId = await guard(connection, async () =>
    Number((await ethers.provider.getNetwork()).chainId),
  );
  const local = isLocalChain(chainId, networkConfig.type);
  const config = readDeployConfig(env, local);
  if (config.expectedChainId !== undefined && config.expectedChainId !== chainId) {
    throw new DeployChainMismatchError(networkName, config.expectedChainId, chainId);
  }

  const name = config.deploymentName ?? deploymentName(networkName, networkConfig.type);
  const dir = config.deploymentsDir ?? DEPLOYMENTS_DIR;
  if (networkConfig.type !== "edr-simulated" && !config.redeploy) {
    await refuseToOverwrite(connection, name, dir, chainId);
  }

  const deployer = (await guard(connection, () => ethers.getSigners()))[0];
  if (deployer === undefined) {
    throw new DeployConfigError(
      "CREDANCHOR_PRIVATE_KEY",
      `network "${networkName}" has no account to deploy from`,
    );
  }
  const solcVersion = await readSolcVersion(artifacts, "CredentialRegistry");
  const deployed = await guard(connection, () =>
    deployRegistries(ethers, {
      deployer,
      governance: config.governance,
      adminDelay: config.adminDelay,
      confirmations: config.confirmations,
    }),
  );

  const deployment: DeploymentRecord = {
    network: name,
    ...(config.label === undefined ? {} : { label: config.label }),
    chainId,
    caip2: toCaip2(chainId),
    contracts: deployed.contracts,
    abiVersion: ABI_VERSION,
    deployedAt: new Date(deployed.deployedAt * 1000).toISOString(),
    deployer: deployed.deployer,
    governance: deployed.governance,
    adminDelay: Number(deployed.adminDelay),
    solcVersion,
  };
  const file = await writeDeploymentFile(deployment, dir);
  return { deployment, file, deployed };
}

/**
 * A record whose CredentialRegistry still has code is the live deployment of that chain. A
 * record of a chain that was reset (a restarted `hardhat node`) has no code and may be replaced.
 */
async function refuseToOverwrite(
  connection: NetworkConnection,
  name: string,
  dir: string,
  chainId: number,
) {
  const existing = await readDeploymentFile(name, dir);
  if (existing === undefined) return;
  const file = deploymentPath(name, dir);
  if (existing.chainId !== chainId) {
    throw new DeployConfigError(
      "CREDANCHOR_DEPLOYMENT_NAME",
      `${file} records chain ${existing.chainId}, but network "${connection.networkName}" serves chain ${chainId}; choose another deployment name`,
      { file },
    );
  }
  const address = existing.contracts.CredentialRegistry.address;
  const code = await guard(connection, () => connection.ethers.provider.getCode(address));
  if (code !== "0x") throw new DeploymentExistsError(file, address);
}

/**
 * Runs `fn`, turning Hardhat's "configuration variable not found" and "cannot connect" errors
 * into errors that say which variable to set or which endpoint to start.
 */
export async function guard<T>(connection: NetworkConnection | string, fn: () => Promise<T>) {
  try {
    return await fn();
  } catch (error) {
    throw await toDeployError(error, connection);
  }
}

export async function toDeployError(error: unknown, connection: NetworkConnection | string) {
  const networkName = typeof connection === "string" ? connection : connection.networkName;
  // viem wraps what the Hardhat provider threw (the SDK deploys through it): look underneath.
  let hardhatError = error as {
    name?: string;
    number?: number;
    messageArguments?: unknown;
    cause?: unknown;
  };
  while (hardhatError?.name !== "HardhatError" && hardhatError?.cause !== undefined) {
    hardhatError = hardhatError.cause as typeof hardhatError;
  }
  if (hardhatError?.name !== "HardhatError") return error;
  const args = (hardhatError.messageArguments ?? {}) as Record<string, unknown>;
  if (hardhatError.number === 7 && typeof args.name === "string") {
    return new DeployVariableMissingError(args.name, networkName);
  }
  if (hardhatError.number === 703 && typeof connection !== "string") {
    const hint =
      networkName === "localhost"
        ? "start a node with `npx hardhat node` in another terminal"
        : "check that CREDANCHOR_RPC_URL points at a running JSON-RPC endpoint";
    return new DeployRpcUnreachableError(networkName, await endpointOf(connection), hint, error);
  }
  return error;
}

/** The scheme, host and port of the network's RPC URL: never its path or query (API keys). */
async function endpointOf(connection: NetworkConnection): Promise<string> {
  if (connection.networkConfig.type !== "http") return "in-process";
  try {
    return new URL(await connection.networkConfig.url.getUrl()).origin;
  } catch {
    return "RPC URL";
  }
}
