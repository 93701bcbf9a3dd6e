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
  type Hex,
  type PublicClient,
  publicActions,
  type Transport,
} from "viem";
import { getChainId } from "viem/actions";
import { type ChainClient, createChainClient, deployRegistries } from "../chain/index.ts";
import { CredanchorError } from "../errors.ts";
import { type HardhatRuntime, loadHardhat, PACKAGE_ROOT } from "./hardhat.ts";

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
      { bytecode: await readBytecode(hre), adminDelay: 0n },
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

async function readBytecode(hre: HardhatRuntime) {
  const bytecode = async (name: string): Promise<Hex> => {
    try {
      return (await hre.artifacts.readArtifact(name)).bytecode as Hex;
    } catch (error) {
      throw new CredanchorError(
        "ARTIFACTS_MISSING",
        `The compiled ${name} is missing: in a checkout, run \`npx hardhat build\` in ${PACKAGE_ROOT} first; elsewhere use --network localhost / --rpc-url <url>.`,
        { contract: name },
        { cause: error },
      );
    }
  };
  return {
    AccreditationRegistry: await bytecode("AccreditationRegistry"),
    CredentialRegistry: await bytecode("CredentialRegistry"),
  };
}
