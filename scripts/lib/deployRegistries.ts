// Deploys AccreditationRegistry and then CredentialRegistry (which reads it) with one signer,
// waiting for the requested confirmations. Used by scripts/deploy.ts, the demo, the benchmarks
// and tests; it writes no file (see deployment.ts for the record).
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionReceipt } from "ethers";
import type {
  AccreditationRegistry,
  CredentialRegistry,
} from "../../types/ethers-contracts/index.ts";
import type { ContractDeployment } from "./deployment.ts";

/** Two days: long enough for a consortium to notice and stop a hostile governance transfer. */
export const DEFAULT_ADMIN_DELAY = 2n * 24n * 60n * 60n;

export interface DeployRegistriesOptions {
  /** The account that deploys and pays; the first signer by default. */
  deployer?: HardhatEthersSigner;
  /** The first governance of the AccreditationRegistry; the deployer by default. */
  governance?: string;
  /** Seconds a governance transfer waits; DEFAULT_ADMIN_DELAY by default. */
  adminDelay?: bigint;
  /** Blocks to wait for after each creation transaction; 1 by default. */
  confirmations?: number;
}

export interface DeployedRegistries {
  accreditationRegistry: AccreditationRegistry;
  credentialRegistry: CredentialRegistry;
  chainId: number;
  deployer: string;
  governance: string;
  adminDelay: bigint;
  contracts: { AccreditationRegistry: ContractDeployment; CredentialRegistry: ContractDeployment };
  /** Seconds since the epoch of the block that created the CredentialRegistry. */
  deployedAt: number;
  gasUsed: { AccreditationRegistry: bigint; CredentialRegistry: bigint };
}

export async function deployRegistries(
  ethers: HardhatEthers,
  options: DeployRegistriesOptions = {},
): Promise<DeployedRegistries> {
  const deployer = options.deployer ?? (await ethers.getSigners())[0];
  if (deployer === undefined) throw new Error("The network has no account to deploy from");
  const governance = options.governance ?? deployer.address;
  const adminDelay = options.adminDelay ?? DEFAULT_ADMIN_DELAY;
  const confirmations = options.confirmations ?? 1;

  const accreditationFactory = await ethers.getContractFactory("AccreditationRegistry", deployer);
  const accreditationRegistry = await accreditationFactory.deploy(adminDelay, governance);
  const accreditationReceipt = await confirm(accreditationRegistry, confirmations);

  const credentialFactory = await ethers.getContractFactory("CredentialRegistry", deployer);
  const credentialRegistry = await credentialFactory.deploy(accreditationReceipt.contractAddress!);
  const credentialReceipt = await confirm(credentialRegistry, confirmations);

  const [network, block] = await Promise.all([
    ethers.provider.getNetwork(),
    ethers.provider.getBlock(credentialReceipt.blockNumber),
  ]);
  return {
    accreditationRegistry,
    credentialRegistry,
    chainId: Number(network.chainId),
    deployer: deployer.address,
    governance,
    adminDelay,
    contracts: {
      AccreditationRegistry: contractDeployment(accreditationReceipt),
      CredentialRegistry: contractDeployment(credentialReceipt),
    },
    deployedAt: block?.timestamp ?? Math.floor(Date.now() / 1000),
    gasUsed: {
      AccreditationRegistry: accreditationReceipt.gasUsed,
      CredentialRegistry: credentialReceipt.gasUsed,
    },
  };
}

async function confirm(
  contract: AccreditationRegistry | CredentialRegistry,
  confirmations: number,
): Promise<ContractTransactionReceipt> {
  const tx = contract.deploymentTransaction();
  const receipt = tx === null ? null : await tx.wait(confirmations);
  if (receipt === null || receipt.contractAddress === null) {
    throw new Error("A registry creation transaction was dropped before it was mined");
  }
  return receipt;
}

function contractDeployment(receipt: ContractTransactionReceipt): ContractDeployment {
  return {
    address: receipt.contractAddress!,
    deployBlock: receipt.blockNumber,
    txHash: receipt.hash,
  };
}
