// Which deployment a command acts on: a record in the folder the user points to (--deployments,
// default ./deployments in the working directory) or one of the package's known deployments
// (KNOWN_DEPLOYMENTS), by name or by the chain id an RPC URL serves. Never the package's own
// folder: an installed credanchor carries its deployments as data.
import path from "node:path";
import {
  deploymentPath,
  isDeploymentName,
  listDeploymentFiles,
  readDeploymentFile,
} from "../chain/deploymentFiles.ts";
import {
  type DeploymentRecord,
  KNOWN_DEPLOYMENTS,
  type KnownDeployment,
  toCaip2,
} from "../chain/index.ts";
import { CredanchorError } from "../errors.ts";

/** A deployment and where it was found ("<dir>/<name>.json" or "known deployment <name>"). */
export interface FoundDeployment {
  record: DeploymentRecord;
  source: string;
}

/** The folder of deployment records: --deployments, CREDANCHOR_DEPLOYMENTS_DIR, or ./deployments. */
export function deploymentsDir(option: string | undefined, env: NodeJS.ProcessEnv): string {
  const fromEnv = env.CREDANCHOR_DEPLOYMENTS_DIR?.trim();
  return path.resolve(
    option ?? (fromEnv === undefined || fromEnv === "" ? "deployments" : fromEnv),
  );
}

/** The deployment named `name`: the folder's record first, then the known deployments. */
export async function findNamedDeployment(
  name: string,
  dir: string,
  known: readonly KnownDeployment[] = KNOWN_DEPLOYMENTS,
): Promise<FoundDeployment> {
  if (!isDeploymentName(name)) {
    throw new CredanchorError(
      "NETWORK_UNKNOWN",
      `"${name}" is not a network name (letters, digits, ".", "_", "-").`,
      { network: name },
    );
  }
  const file = deploymentPath(name, dir);
  const record = await readDeploymentFile(name, dir);
  if (record !== undefined) return { record, source: file };
  const shipped = known.find((k) => k.network === name);
  if (shipped !== undefined) return fromKnown(shipped);
  const names = [
    ...(await listDeploymentFiles(dir)).filter((n) => !n.startsWith("hardhat")),
    ...known.map((k) => k.network),
  ];
  const hint =
    name === "localhost"
      ? "deploy to it with `npx hardhat run scripts/deploy.ts --network localhost`, point --deployments at the folder holding localhost.json, or pass --registry"
      : `known networks: hardhat, localhost${names.length > 0 ? `, ${names.join(", ")}` : ""}; or pass --deployments <dir>, or --rpc-url with --registry`;
  throw new CredanchorError(
    "DEPLOYMENT_MISSING",
    `No deployment record ${file} for network "${name}", and no known deployment of that name: ${hint}.`,
    { network: name, file },
  );
}

/**
 * The one deployment on chain `chainId`, among the folder's records (in-process hardhat*.json
 * records describe chains that no longer exist) and the known deployments.
 */
export async function findDeploymentByChainId(
  chainId: number,
  dir: string,
  known: readonly KnownDeployment[] = KNOWN_DEPLOYMENTS,
): Promise<FoundDeployment> {
  const matches: FoundDeployment[] = [];
  for (const name of (await listDeploymentFiles(dir)).filter((n) => !n.startsWith("hardhat"))) {
    const record = await readDeploymentFile(name, dir);
    if (record?.chainId === chainId) matches.push({ record, source: deploymentPath(name, dir) });
  }
  for (const k of known.filter((k) => k.chainId === chainId)) {
    // A folder record of a known deployment is the same deployment, not a second one.
    const same = matches.some(
      (m) => m.record.contracts.CredentialRegistry.address === k.credentialRegistry,
    );
    if (!same) matches.push(fromKnown(k));
  }
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    throw new CredanchorError(
      "DEPLOYMENT_MISSING",
      `No deployment record in ${dir} and no known deployment is for chain ${chainId}: pass --deployments <dir> holding its record, deploy with scripts/deploy.ts, or pass --registry <address>.`,
      { chainId, dir },
    );
  }
  const networks = matches.map((m) => m.record.network);
  throw new CredanchorError(
    "DEPLOYMENT_AMBIGUOUS",
    `Several deployments are for chain ${chainId} (${networks.join(", ")}): choose one with --network <name>.`,
    { chainId, dir, networks },
  );
}

function fromKnown(known: KnownDeployment): FoundDeployment {
  return {
    record: {
      network: known.network,
      label: known.label,
      chainId: known.chainId,
      caip2: toCaip2(known.chainId),
      contracts: {
        // Known deployments keep one block, the CredentialRegistry's: the AccreditationRegistry is
        // created just before it, and bodies and accreditations come only after both exist.
        AccreditationRegistry: {
          address: known.accreditationRegistry,
          deployBlock: known.deployBlock,
        },
        CredentialRegistry: { address: known.credentialRegistry, deployBlock: known.deployBlock },
      },
      abiVersion: known.abiVersion,
    },
    source: `known deployment ${known.network}`,
  };
}
