// Revokes a whole anchored batch (for instance, issued in error) in one transaction, after
// checking the issuer anchored it.
import type { Address, Hex } from "viem";
import { revokeBatch } from "./changeCredentialStatus.ts";
import type { ChainClient } from "./client.ts";
import { readAnchoredBatch } from "./readAnchoredBatch.ts";
import { toTransactionError } from "./toTransactionError.ts";
import type { RegistryWriter, SentTransaction } from "./writer.ts";

export interface RevokeAnchoredBatchRequest {
  registry: Address;
  issuer: Address;
  root: Hex;
  /** Reason code recorded in the event (0-255). */
  reason: number;
  /** What named the batch, for errors (default "--batch <root>"). */
  source?: string;
}

export interface RevokedBatch {
  leafCount: number;
  transaction: SentTransaction;
}

export async function revokeAnchoredBatch(
  chain: ChainClient,
  writer: RegistryWriter,
  request: RevokeAnchoredBatchRequest,
): Promise<RevokedBatch> {
  const { registry, issuer, root, reason } = request;
  const source = request.source ?? `--batch ${root}`;
  const batch = await readAnchoredBatch(chain, { registry, issuer, root, source });
  try {
    const transaction = await revokeBatch(writer, { registry, issuer, root, reason });
    return { leafCount: batch.leafCount, transaction };
  } catch (error) {
    throw toTransactionError(error, registry, "revokeBatch", writer.wallet.account.address);
  }
}
