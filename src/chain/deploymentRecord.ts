// The deployments/<network>.json record as the SDK reads it: where the registries of one chain
// live and from which block their events start. Pure (no file access): the caller reads the file
// and hands the parsed JSON here, which checks the fields the SDK relies on and names the bad one.
import { type Address, getAddress, isAddress } from "viem";
import { CredanchorError } from "../errors.ts";
import { type Caip2ChainId, toCaip2 } from "./caip2.ts";

/** ABI generations of the registries this SDK speaks. */
export const SUPPORTED_ABI_VERSIONS: readonly string[] = ["credanchor-registry/2"];

export interface DeployedContract {
  address: Address;
  /** The block of the creation transaction: event reads start here. */
  deployBlock: number;
}

export interface DeploymentRecord {
  network: string;
  chainId: number;
  caip2: Caip2ChainId;
  contracts: { AccreditationRegistry: DeployedContract; CredentialRegistry: DeployedContract };
  abiVersion: string;
}

export class DeploymentRecordInvalidError extends CredanchorError {
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
  return {
    network: typeof r.network === "string" ? r.network : source,
    chainId,
    caip2: toCaip2(chainId),
    contracts: {
      AccreditationRegistry: contract(source, contracts, "AccreditationRegistry"),
      CredentialRegistry: contract(source, contracts, "CredentialRegistry"),
    },
    abiVersion,
  };
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
  return { address: getAddress(address), deployBlock };
}
