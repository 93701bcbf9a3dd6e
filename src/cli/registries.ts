// The two registries a command acts on, from explicit addresses or a deployment record, each
// checked to have code on the chain, with the blocks their event reads start from.
import type { Address, Hex } from "viem";
import { getCode, readContract } from "viem/actions";
import {
  type ChainClient,
  classifyChainError,
  credentialRegistryAbi,
  type DeploymentRecord,
} from "../chain/index.ts";
import { CredanchorError } from "../errors.ts";

export interface Registries {
  /** The CredentialRegistry. */
  registry: Address;
  accreditationRegistry: Address;
  /** Blocks where event reads start (0 when the registries were given by address). */
  deployBlocks: { registry: bigint; accreditationRegistry: bigint };
}

/**
 * The registries to use: --registry / --accreditation-registry when given, else the record's;
 * without an AccreditationRegistry, the one the CredentialRegistry reads.
 */
export async function resolveRegistries(
  chain: ChainClient,
  explicit: { registry?: Address; accreditationRegistry?: Address },
  record: DeploymentRecord | undefined,
): Promise<Registries> {
  const fromRecord = record?.contracts;
  const registry = explicit.registry ?? fromRecord?.CredentialRegistry.address;
  if (registry === undefined) {
    throw new CredanchorError("DEPLOYMENT_MISSING", "No CredentialRegistry: pass --registry.");
  }
  await requireCode(chain, registry, "CredentialRegistry", explicit.registry ? undefined : record);
  const accreditationRegistry =
    explicit.accreditationRegistry ??
    (explicit.registry === undefined && fromRecord !== undefined
      ? fromRecord.AccreditationRegistry.address
      : await readAccreditationOf(chain, registry));
  const recorded = accreditationRegistry === fromRecord?.AccreditationRegistry.address;
  await requireCode(
    chain,
    accreditationRegistry,
    "AccreditationRegistry",
    recorded ? record : undefined,
  );
  const blockOf = (address: Address, deployed?: { address: Address; deployBlock: number }) =>
    deployed !== undefined && deployed.address === address ? BigInt(deployed.deployBlock) : 0n;
  return {
    registry,
    accreditationRegistry,
    deployBlocks: {
      registry: blockOf(registry, fromRecord?.CredentialRegistry),
      accreditationRegistry: blockOf(accreditationRegistry, fromRecord?.AccreditationRegistry),
    },
  };
}

async function readAccreditationOf(chain: ChainClient, registry: Address): Promise<Address> {
  try {
    return await readContract(chain.client, {
      address: registry,
      abi: credentialRegistryAbi,
      functionName: "accreditation",
    });
  } catch (error) {
    throw classifyChainError(error, chain.urls, registry);
  }
}

async function requireCode(
  chain: ChainClient,
  address: Address,
  name: string,
  record: DeploymentRecord | undefined,
): Promise<void> {
  let code: Hex | undefined;
  try {
    code = await getCode(chain.client, { address });
  } catch (error) {
    throw classifyChainError(error, chain.urls, address);
  }
  if (code === undefined || code === "0x") {
    const where = record === undefined ? "" : ` (recorded in the "${record.network}" deployment)`;
    throw new CredanchorError(
      "REGISTRY_NO_CODE",
      `No contract at ${address}, the ${name}${where}, on this chain: was the node restarted? Deploy again (scripts/deploy.ts) or pass the right address.`,
      { address, contract: name },
    );
  }
}
