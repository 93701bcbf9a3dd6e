// The deployments/<name>.json record: where the registries of one chain live, from which block an
// indexer must read their events, and which ABI generation they speak. The JSON on disk is
// exactly the `Deployment` type. Records of the in-process chain are ephemeral (gitignored).
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Caip2ChainId } from "../../src/chain/caip2.ts";

/**
 * The ABI generation of AccreditationRegistry + CredentialRegistry. Bump it when an external
 * function, event or error changes; the SDK keeps one ABI per generation.
 */
export const ABI_VERSION = "credanchor-registry/2";

export interface ContractDeployment {
  address: string;
  /** The block of the creation transaction: indexers start reading events here. */
  deployBlock: number;
  txHash: string;
}

export interface Deployment {
  /** The record's name: the Hardhat network name, or CREDANCHOR_DEPLOYMENT_NAME. */
  network: string;
  /** Who runs the deployment, as verifiers show it (CREDANCHOR_DEPLOYMENT_LABEL); a public chain's record needs one to be a known deployment. */
  label?: string;
  chainId: number;
  caip2: Caip2ChainId;
  contracts: {
    AccreditationRegistry: ContractDeployment;
    CredentialRegistry: ContractDeployment;
  };
  abiVersion: typeof ABI_VERSION;
  /** ISO 8601 time of the block that created the CredentialRegistry. */
  deployedAt: string;
  deployer: string;
  /** The first governance (DEFAULT_ADMIN_ROLE) of the AccreditationRegistry. */
  governance: string;
  /** Seconds a governance transfer waits between being started and accepted. */
  adminDelay: number;
  /** The compiler that produced the deployed bytecode, e.g. "0.8.30+commit.73712a01". */
  solcVersion: string;
}

/** The default directory of deployment records, beside scripts/. */
export const DEPLOYMENTS_DIR = path.resolve(import.meta.dirname, "../../deployments");

/**
 * The record name of a Hardhat network. In-process (edr-simulated) networks get a name starting
 * with "hardhat" so that .gitignore keeps their records out of the repository.
 */
export function deploymentName(networkName: string, networkType: string): string {
  if (networkType !== "edr-simulated") return networkName;
  if (networkName === "default") return "hardhat";
  return networkName.startsWith("hardhat") ? networkName : `hardhat-${networkName}`;
}

export function deploymentPath(name: string, dir: string = DEPLOYMENTS_DIR): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new Error(`"${name}" is not a usable deployment name (letters, digits, ".", "_", "-")`);
  }
  return path.join(dir, `${name}.json`);
}

/** Writes the record atomically (temp file + rename), so a crash never leaves half a JSON. */
export async function writeDeployment(deployment: Deployment, dir: string = DEPLOYMENTS_DIR) {
  const file = deploymentPath(deployment.network, dir);
  await mkdir(dir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(deployment, null, 2)}\n`);
  await rename(temp, file);
  return file;
}

/** The record of `name`, or undefined when there is none. */
export async function readDeployment(
  name: string,
  dir: string = DEPLOYMENTS_DIR,
): Promise<Deployment | undefined> {
  try {
    return JSON.parse(await readFile(deploymentPath(name, dir), "utf8")) as Deployment;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** The subset of Hardhat's artifact manager this module reads. */
export interface ArtifactReader {
  readArtifact(name: string): Promise<{ buildInfoId?: string }>;
  getBuildInfoPath(id: string): Promise<string | undefined>;
}

/** The long solc version that compiled `contractName`, read from its build info. */
export async function readSolcVersion(artifacts: ArtifactReader, contractName: string) {
  const { buildInfoId } = await artifacts.readArtifact(contractName);
  const file =
    buildInfoId === undefined ? undefined : await artifacts.getBuildInfoPath(buildInfoId);
  if (file === undefined) {
    throw new Error(`No build info for ${contractName}: run "npx hardhat build" first`);
  }
  const info = JSON.parse(await readFile(file, "utf8")) as { solcLongVersion: string };
  return info.solcLongVersion;
}
