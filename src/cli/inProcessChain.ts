// `--network hardhat`: Hardhat's in-process chain, with fresh registries deployed by the SDK's
// one deploy path from the first funded account (governance, no admin delay). It lives as long
// as the command; nothing of value is ever on it.
import {
  type Address,
  type Chain,
  createWalletClient,
  custom,
  defineChain,
  type EIP1193Provider,
  type PublicClient,
  publicActions,
  type Transport,
} from "viem";
import { getChainId } from "viem/actions";
import { type ChainClient, createChainClient, deployRegistries } from "../chain/index.ts";
import { REGISTRY_BYTECODE } from "../chain/registryBytecode.ts";
import { loadHardhat } from "./hardhat.ts";

export interface InProcessChain {
  chainId: number;
  chain: ChainClient;
  viemChain: Chain;
  transport: Transport;
  registry: Address;
  accreditationRegistry: Address;
  deployBlocks: { registry: bigint; accreditationRegistry: bigint };
  close(): Promise<void>;
}

export async function startInProcessChain(): Promise<InProcessChain> {
  const hre = await loadHardhat("--network hardhat");
  const connection = await hre.network.create();
  const provider = connection.provider as unknown as EIP1193Provider;
  try {
    const chain = createChainClient({ provider });
    const chainId = await getChainId(chain.client);
    const [deployer] = (await provider.request({ method: "eth_accounts" })) as Address[];
    if (deployer === undefined) throw new Error("the in-process chain has no accounts");
    const viemChain = defineChain({
      id: chainId,
      name: "hardhat (in-process)",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [] } },
    });
    const transport = custom(provider);
    const deployed = await deployRegistries(
      {
        wallet: createWalletClient({ account: deployer, chain: viemChain, transport }),
        reader: chain.client.extend(publicActions) as PublicClient,
      },
      { bytecode: REGISTRY_BYTECODE, adminDelay: 0n },
    );
    const { AccreditationRegistry, CredentialRegistry } = deployed.contracts;
    return {
      chainId,
      chain,
      viemChain,
      transport,
      registry: CredentialRegistry.address,
      accreditationRegistry: AccreditationRegistry.address,
      deployBlocks: {
        registry: BigInt(CredentialRegistry.deployBlock),
        accreditationRegistry: BigInt(AccreditationRegistry.deployBlock),
      },
      close: () => connection.close(),
    };
  } catch (error) {
    await connection.close();
    throw error;
  }
}
