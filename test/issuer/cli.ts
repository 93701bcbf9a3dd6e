// Runs the credanchor command as a user would: a child process with real files, against a
// `hardhat node` the test started, with registries deployed there by the test.
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
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
import { PROJECT_ROOT } from "../deploy/hardhatNode.ts";

const CLI = path.join(PROJECT_ROOT, "src/cli/main.ts");

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `credanchor <args>` to its end (or its death) and returns what it printed. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code, signal] = (await once(child, "close")) as [number | null, NodeJS.Signals | null];
  return { code, signal, stdout, stderr };
}

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
