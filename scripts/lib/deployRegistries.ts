// The registries deployed on a Hardhat connection, through the SDK's one deploy path
// (src/chain/deployRegistries.ts): the connection's provider signs as the deployer (an unlocked
// account, or the key Hardhat holds for the network) and the artifacts give the bytecode. It
// hands back ethers contracts besides the record fields, for scripts and tests that go on
// writing with ethers.
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  custom,
  defineChain,
  type EIP1193Provider,
  type Hex,
} from "viem";
import {
  deployRegistries as deployWithViem,
  type DeployedRegistries as SdkDeployedRegistries,
} from "../../src/chain/deployRegistries.ts";
import type { RegistryWriter } from "../../src/chain/writer.ts";
import type {
  AccreditationRegistry,
  CredentialRegistry,
} from "../../types/ethers-contracts/index.ts";

export { DEFAULT_ADMIN_DELAY } from "../../src/chain/deployRegistries.ts";

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

export interface DeployedRegistries extends SdkDeployedRegistries {
  accreditationRegistry: AccreditationRegistry;
  credentialRegistry: CredentialRegistry;
}

export async function deployRegistries(
  ethers: HardhatEthers,
  options: DeployRegistriesOptions = {},
): Promise<DeployedRegistries> {
  const deployer = options.deployer ?? (await ethers.getSigners())[0];
  if (deployer === undefined) throw new Error("The network has no account to deploy from");
  const bytecode = async (name: string) => (await ethers.getContractFactory(name)).bytecode as Hex;
  const deployed = await deployWithViem(
    await writerOf(ethers, deployer.address as Address, options.confirmations ?? 1),
    {
      bytecode: {
        AccreditationRegistry: await bytecode("AccreditationRegistry"),
        CredentialRegistry: await bytecode("CredentialRegistry"),
      },
      ...(options.governance === undefined ? {} : { governance: options.governance as Address }),
      ...(options.adminDelay === undefined ? {} : { adminDelay: options.adminDelay }),
    },
  );
  const { AccreditationRegistry: accreditation, CredentialRegistry: credential } =
    deployed.contracts;
  return {
    ...deployed,
    accreditationRegistry: (await ethers.getContractAt(
      "AccreditationRegistry",
      accreditation.address,
      deployer,
    )) as unknown as AccreditationRegistry,
    credentialRegistry: (await ethers.getContractAt(
      "CredentialRegistry",
      credential.address,
      deployer,
    )) as unknown as CredentialRegistry,
  };
}

/** A viem writer over the Hardhat connection, sending as `account`. */
async function writerOf(
  ethers: HardhatEthers,
  account: Address,
  confirmations: number,
): Promise<RegistryWriter> {
  const provider = {
    request: ({ method, params }: { method: string; params?: unknown[] }) =>
      ethers.provider.send(method, params ?? []),
  } as EIP1193Provider;
  const chain = defineChain({
    id: Number((await ethers.provider.getNetwork()).chainId),
    name: "Hardhat connection",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [] } },
  });
  const transport = custom(provider);
  return {
    wallet: createWalletClient({ account, chain, transport }),
    reader: createPublicClient({ chain, transport, pollingInterval: 250 }),
    confirmations,
  };
}
