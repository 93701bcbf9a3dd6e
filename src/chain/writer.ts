// What an issuer-side action needs: a wallet client that signs as one account, a public client
// on the same chain for reads and receipts, and how many confirmations to wait for.
import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from "viem";
import { toTransactionError } from "./toTransactionError.ts";

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

/** Sends one registry write and waits for it; a failure names the contract and the action. */
export async function sendWrite(
  writer: RegistryWriter,
  contract: Address,
  action: string,
  send: () => Promise<`0x${string}`>,
): Promise<SentTransaction> {
  try {
    return await sendAndWait(writer, send);
  } catch (error) {
    throw toTransactionError(error, contract, action, writer.wallet.account.address);
  }
}
