// The deployments/<name>.json record: where the registries of one chain live, from which block
// their events start, and which ABI generation they speak. One type for the deploy script that
// writes it, the CLI and the verifier that read it. Pure (no file access, browser-safe): the
// caller hands the parsed JSON here (deploymentFiles.ts reads and writes files in Node).
import { type Address, getAddress, type Hex, isAddress } from "viem";
import { CredanchorError } from "../errors.ts";
import { type Caip2ChainId, isBytes32, toCaip2 } from "../values/index.ts";

/**
 * The ABI generation of AccreditationRegistry + CredentialRegistry that this SDK deploys. Bump it
 * when an external function, event or error changes; the SDK keeps one ABI per generation.
 */
export const ABI_VERSION = "credanchor-registry/3";

/** ABI generations of the registries this SDK speaks. */
export const SUPPORTED_ABI_VERSIONS: readonly string[] = [ABI_VERSION];

export interface DeployedContract {
  address: Address;
  /** The block of the creation transaction: event reads start here. */
  deployBlock: number;
  /** The creation transaction (scripts/deploy.ts records it; a hand-written record may not). */
  txHash?: Hex;
}

/**
 * One deployment record, exactly as scripts/deploy.ts writes it. The fields after `abiVersion`
 * describe how the registries were made; a record written by hand (or loaded in the verifier
 * page) may leave them out, so nothing that locates or trusts a registry relies on them.
 */
export interface DeploymentRecord {
  /** The record's name: the Hardhat network name, or CREDANCHOR_DEPLOYMENT_NAME. */
  network: string;
  /** Who runs the deployment, as verifiers show it; a public chain's record needs one to be a known deployment. */
  label?: string;
  chainId: number;
  caip2: Caip2ChainId;
  contracts: { AccreditationRegistry: DeployedContract; CredentialRegistry: DeployedContract };
  abiVersion: string;
  /** ISO 8601 time of the block that created the CredentialRegistry. */
  deployedAt?: string;
  deployer?: Address;
  /** The first governance (DEFAULT_ADMIN_ROLE) of the AccreditationRegistry. */
  governance?: Address;
  /** Seconds a governance transfer waits between being started and accepted. */
  adminDelay?: number;
  /** The compiler that produced the deployed bytecode, e.g. "0.8.30+commit.73712a01". */
  solcVersion?: string;
}

export class DeploymentRecordInvalidError extends CredanchorError {
  override readonly name = "DeploymentRecordInvalidError";
  constructor(source: string, field: string, problem: string) {
    super(
      "DEPLOYMENT_INVALID",
      `${source}: field "${field}" ${problem}. Fix the record or deploy again (scripts/deploy.ts).`,
      { source, field },
    );
  }
}

/** Checks a parsed record; `source` names it in errors (usually the file path). */
export function parseDeploymentRecord(json: unknown, source: string): DeploymentRecord {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new DeploymentRecordInvalidError(source, "(record)", "must be a JSON object");
  }
  const r = json as Record<string, unknown>;
  const chainId = r.chainId;
  if (typeof chainId !== "number" || !Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new DeploymentRecordInvalidError(source, "chainId", "must be a positive integer");
  }
  const abiVersion = r.abiVersion;
  if (typeof abiVersion !== "string" || !SUPPORTED_ABI_VERSIONS.includes(abiVersion)) {
    throw new DeploymentRecordInvalidError(
      source,
      "abiVersion",
      `is ${JSON.stringify(abiVersion)}; this version of credanchor speaks ${SUPPORTED_ABI_VERSIONS.join(", ")}`,
    );
  }
  const contracts = r.contracts as Record<string, unknown> | undefined;
  const text = (field: string) => optional(source, r, field, (v) => typeof v === "string");
  const address = (field: string) =>
    optional(source, r, field, (v) => typeof v === "string" && isAddress(v, { strict: false }));
  const deployer = address("deployer");
  const governance = address("governance");
  const adminDelay = optional(
    source,
    r,
    "adminDelay",
    (v) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0,
  );
  return {
    network: typeof r.network === "string" ? r.network : source,
    ...(typeof r.label === "string" ? { label: r.label } : {}),
    chainId,
    caip2: toCaip2(chainId),
    contracts: {
      AccreditationRegistry: contract(source, contracts, "AccreditationRegistry"),
      CredentialRegistry: contract(source, contracts, "CredentialRegistry"),
    },
    abiVersion,
    ...(text("deployedAt") === undefined ? {} : { deployedAt: text("deployedAt") as string }),
    ...(deployer === undefined ? {} : { deployer: getAddress(deployer as string) }),
    ...(governance === undefined ? {} : { governance: getAddress(governance as string) }),
    ...(adminDelay === undefined ? {} : { adminDelay: adminDelay as number }),
    ...(text("solcVersion") === undefined ? {} : { solcVersion: text("solcVersion") as string }),
  };
}

/** A field that may be absent, but is checked when present. */
function optional(
  source: string,
  record: Record<string, unknown>,
  field: string,
  valid: (value: unknown) => boolean,
): unknown {
  const value = record[field];
  if (value === undefined) return undefined;
  if (!valid(value)) throw new DeploymentRecordInvalidError(source, field, "has the wrong type");
  return value;
}

function contract(
  source: string,
  contracts: Record<string, unknown> | undefined,
  name: string,
): DeployedContract {
  const entry = contracts?.[name] as Record<string, unknown> | undefined;
  const address = entry?.address;
  if (typeof address !== "string" || !isAddress(address, { strict: false })) {
    throw new DeploymentRecordInvalidError(
      source,
      `contracts.${name}.address`,
      "must be an address",
    );
  }
  const deployBlock = entry?.deployBlock;
  if (typeof deployBlock !== "number" || !Number.isSafeInteger(deployBlock) || deployBlock < 0) {
    throw new DeploymentRecordInvalidError(
      source,
      `contracts.${name}.deployBlock`,
      "must be a block number",
    );
  }
  const txHash = entry?.txHash;
  if (txHash !== undefined && !isBytes32(txHash)) {
    throw new DeploymentRecordInvalidError(
      source,
      `contracts.${name}.txHash`,
      "must be a transaction hash",
    );
  }
  return {
    address: getAddress(address),
    deployBlock,
    ...(txHash === undefined ? {} : { txHash: txHash as Hex }),
  };
}
