// Deploys AccreditationRegistry and then CredentialRegistry (which reads it) from one account,
// waiting for the requested confirmations. The one deploy path: scripts/deploy.ts, the CLI's
// in-process chain, the benchmarks and the tests all come here. The caller brings the compiled
// bytecode (Hardhat's artifacts); this writes no file (deploymentFiles.ts records the result).
import { type Address, getAddress, type Hex, type TransactionReceipt } from "viem";
import { CredanchorError } from "../errors.ts";
import { accreditationRegistryAbi, credentialRegistryAbi } from "./abi.ts";
import type { DeployedContract } from "./deploymentRecord.ts";
import type { RegistryWriter } from "./writer.ts";

/** Two days: long enough for a consortium to notice and stop a hostile governance transfer. */
export const DEFAULT_ADMIN_DELAY = 2n * 24n * 60n * 60n;

/** The creation bytecode of both registries, as compiled. */
export interface RegistryBytecode {
  AccreditationRegistry: Hex;
  CredentialRegistry: Hex;
}

export interface DeployRegistriesRequest {
  bytecode: RegistryBytecode;
  /** The first governance of the AccreditationRegistry; the deploying account by default. */
  governance?: Address;
  /** Seconds a governance transfer waits; DEFAULT_ADMIN_DELAY by default (0 on dev chains). */
  adminDelay?: bigint;
}

export interface DeployedRegistries {
  chainId: number;
  deployer: Address;
  governance: Address;
  adminDelay: bigint;
  contracts: {
    AccreditationRegistry: Required<DeployedContract>;
    CredentialRegistry: Required<DeployedContract>;
  };
  /** Seconds since the epoch of the block that created the CredentialRegistry. */
  deployedAt: number;
  gasUsed: { AccreditationRegistry: bigint; CredentialRegistry: bigint };
}

/** A creation transaction that was refused or made no contract (reverted, or out of gas). */
export class RegistryDeployFailedError extends CredanchorError {
  override readonly name = "RegistryDeployFailedError";
  constructor(contract: string, txHash: Hex | undefined, cause?: unknown) {
    super(
      "REGISTRY_DEPLOY_FAILED",
      `Creating the ${contract}${txHash === undefined ? "" : ` (transaction ${txHash})`} made no contract: check the bytecode, the deploying account's balance and the chain's gas limit, then deploy again.`,
      { contract, ...(txHash === undefined ? {} : { txHash }) },
      { cause },
    );
  }
}

export async function deployRegistries(
  writer: RegistryWriter,
  request: DeployRegistriesRequest,
): Promise<DeployedRegistries> {
  const deployer = getAddress(writer.wallet.account.address);
  const governance = getAddress(request.governance ?? deployer);
  const adminDelay = request.adminDelay ?? DEFAULT_ADMIN_DELAY;

  const accreditation = await created(writer, "AccreditationRegistry", () =>
    writer.wallet.deployContract({
      abi: accreditationRegistryAbi,
      bytecode: request.bytecode.AccreditationRegistry,
      args: [Number(adminDelay), governance],
      chain: writer.wallet.chain,
    }),
  );
  const credential = await created(writer, "CredentialRegistry", () =>
    writer.wallet.deployContract({
      abi: credentialRegistryAbi,
      bytecode: request.bytecode.CredentialRegistry,
      args: [getAddress(accreditation.contractAddress!)],
      chain: writer.wallet.chain,
    }),
  );
  const [chainId, block] = await Promise.all([
    writer.reader.getChainId(),
    writer.reader.getBlock({ blockNumber: credential.blockNumber }),
  ]);
  return {
    chainId,
    deployer,
    governance,
    adminDelay,
    contracts: {
      AccreditationRegistry: contractOf(accreditation),
      CredentialRegistry: contractOf(credential),
    },
    deployedAt: Number(block.timestamp),
    gasUsed: {
      AccreditationRegistry: accreditation.gasUsed,
      CredentialRegistry: credential.gasUsed,
    },
  };
}

async function created(
  writer: RegistryWriter,
  contract: string,
  send: () => Promise<Hex>,
): Promise<TransactionReceipt> {
  let hash: Hex;
  try {
    hash = await send();
  } catch (error) {
    // Refused before mining (a creation that reverts fails its gas estimate): say which one.
    throw new RegistryDeployFailedError(contract, undefined, error);
  }
  const receipt = await writer.reader.waitForTransactionReceipt({
    hash,
    confirmations: writer.confirmations ?? 1,
  });
  if (receipt.status !== "success" || receipt.contractAddress == null) {
    throw new RegistryDeployFailedError(contract, hash);
  }
  return receipt;
}

function contractOf(receipt: TransactionReceipt): Required<DeployedContract> {
  return {
    address: getAddress(receipt.contractAddress!),
    deployBlock: Number(receipt.blockNumber),
    txHash: receipt.transactionHash,
  };
}
