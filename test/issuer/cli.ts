// Runs the credanchor command as a user would: a child process with real files, against a
// `hardhat node` the test started, with registries deployed there by the test.
import hre from "hardhat";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  getAddress,
  type Hex,
  http,
  type PublicClient,
} from "viem";
import { accreditationRegistryAbi, credentialRegistryAbi } from "../../src/chain/abi.ts";

// The one runCli lives in test/helpers; the issuer tests keep importing it from here.
export { type CliResult as CliRun, runCli } from "../helpers/runCli.ts";

/** Deploys both registries on the node at `url` from its first unlocked account. */
export async function deployOnNode(url: string): Promise<{
  registry: Address;
  issuer: Address;
  reader: PublicClient;
}> {
  const reader = createPublicClient({ transport: http(url) }) as PublicClient;
  const [account] = (await reader.request({ method: "eth_accounts" } as never)) as Address[];
  const wallet = createWalletClient({
    account: account!,
    chain: {
      id: await reader.getChainId(),
      name: "node",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [url] } },
    },
    transport: http(url),
  });
  const deploy = async (name: string, abi: readonly unknown[], args: unknown[]) => {
    const { bytecode } = await hre.artifacts.readArtifact(name);
    const hash = await wallet.deployContract({ abi, bytecode: bytecode as Hex, args } as never);
    const receipt = await reader.waitForTransactionReceipt({ hash });
    return getAddress(receipt.contractAddress!);
  };
  const accreditation = await deploy("AccreditationRegistry", accreditationRegistryAbi, [
    0,
    account,
  ]);
  const registry = await deploy("CredentialRegistry", credentialRegistryAbi, [accreditation]);
  return { registry, issuer: getAddress(account!), reader };
}
