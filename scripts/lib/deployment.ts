// What the deploy script adds to the SDK's deployment record (src/chain/deploymentRecord.ts,
// read and written by src/chain/deploymentFiles.ts): the checkout's deployments/ folder, the
// record name of a Hardhat network, and the compiler version read from Hardhat's build info.
// Records of the in-process chain are ephemeral (gitignored).
import { readFile } from "node:fs/promises";
import path from "node:path";

// Tests and scripts that stamp a record by hand take the one constant from the SDK.
export { ABI_VERSION } from "../../src/chain/deploymentRecord.ts";

/** The deploy script's default folder of deployment records, beside scripts/. */
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
