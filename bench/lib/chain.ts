// The in-process chain every gas benchmark runs on (one chain per bench process, so our
// contracts and the peers' run side by side), with the few helpers gas figures need.
import type { ContractTransactionReceipt, ContractTransactionResponse } from "ethers";
import { BrowserProvider } from "ethers";
import { network } from "hardhat";

/** Osaka's per-transaction gas cap (EIP-7825): bulk calls larger than this must be split. */
export const TRANSACTION_GAS_CAP = 16_777_216;

export type BenchChain = Awaited<ReturnType<typeof network.getOrCreate>>;

let chain: Promise<BenchChain> | undefined;

/** The shared in-process chain (Hardhat's default edr-simulated network). */
export function benchChain(): Promise<BenchChain> {
  chain ??= network.getOrCreate();
  return chain;
}

/** Gas paid by a transaction once mined (after refunds), as a number. */
export async function gasUsed(sent: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await sent).wait();
  if (receipt === null) throw new Error("transaction dropped");
  return Number(receipt.gasUsed);
}

/**
 * Sends `items` in as few transactions as the per-transaction gas cap allows (halving the chunk
 * until an estimate fits) and returns the total gas paid, the transactions and their receipts.
 */
export async function sendInChunks<T>(
  items: readonly T[],
  estimate: (chunk: T[]) => Promise<bigint>,
  send: (chunk: T[]) => Promise<ContractTransactionResponse>,
): Promise<{ gas: number; transactions: number; receipts: ContractTransactionReceipt[] }> {
  let size = items.length;
  while (size > 1 && !(await fits(estimate, items.slice(0, size)))) size = Math.ceil(size / 2);
  const receipts: ContractTransactionReceipt[] = [];
  for (let start = 0; start < items.length; start += size) {
    const receipt = await (await send(items.slice(start, start + size))).wait();
    if (receipt === null) throw new Error("transaction dropped");
    receipts.push(receipt);
  }
  const gas = receipts.reduce((sum, r) => sum + Number(r.gasUsed), 0);
  return { gas, transactions: receipts.length, receipts };
}

async function fits<T>(estimate: (chunk: T[]) => Promise<bigint>, chunk: T[]): Promise<boolean> {
  try {
    return (await estimate(chunk)) <= BigInt(TRANSACTION_GAS_CAP);
  } catch {
    return false;
  }
}

/**
 * A provider over the same chain that counts the eth_call requests sent through it: what a
 * verifier pays in reads, whatever library it uses.
 */
export function countingProvider(connection: BenchChain): {
  provider: BrowserProvider;
  ethCalls(): number;
} {
  let calls = 0;
  const provider = new BrowserProvider({
    request: async (args: { method: string; params?: unknown[] | Record<string, unknown> }) => {
      if (args.method === "eth_call") calls++;
      return connection.provider.request(args);
    },
  });
  return { provider, ethCalls: () => calls };
}
