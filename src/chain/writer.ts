// What an issuer-side action needs: a wallet client that signs as one account, a public client
// on the same chain for reads and receipts, and how many confirmations to wait for.
import type { Account, Chain, PublicClient, Transport, WalletClient } from "viem";

export interface RegistryWriter {
  wallet: WalletClient<Transport, Chain | undefined, Account>;
  reader: PublicClient;
  /** Blocks to wait after inclusion (default 1: the including block). */
  confirmations?: number;
}

/** A mined transaction, as the CLI reports it. */
export interface SentTransaction {
  txHash: `0x${string}`;
  blockNumber: bigint;
  gasUsed: bigint;
}

export async function sendAndWait(
  writer: RegistryWriter,
  send: () => Promise<`0x${string}`>,
): Promise<SentTransaction> {
  const txHash = await send();
  const receipt = await writer.reader.waitForTransactionReceipt({
    hash: txHash,
    confirmations: writer.confirmations ?? 1,
  });
  if (receipt.status !== "success") {
    throw new Error(`transaction ${txHash} reverted in block ${receipt.blockNumber}`);
  }
  return { txHash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed };
}
