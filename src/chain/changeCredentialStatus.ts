// Revokes, suspends or unsuspends many credentials of one batch: indices are grouped into 256-bit
// words and sent in as few transactions as the word limit per transaction allows.
import type { Address, Hex } from "viem";
import { credentialRegistryAbi } from "./abi.ts";
import { toStatusWords } from "./statusWords.ts";
import { type RegistryWriter, type SentTransaction, sendWrite } from "./writer.ts";

export type StatusAction = "revoke" | "suspend" | "unsuspend";

export interface StatusChangeRequest {
  registry: Address;
  issuer: Address;
  root: Hex;
  leafCount: number;
  action: StatusAction;
  indices: Iterable<number>;
  /** Reason code recorded in the event (0-255). */
  reason: number;
  /** Words per transaction (default 400 words = up to 102,400 credentials). */
  maxWordsPerTransaction?: number;
}

const FUNCTION = {
  revoke: "revokeCredentials",
  suspend: "suspendCredentials",
  unsuspend: "unsuspendCredentials",
} as const;

export async function changeCredentialStatus(
  writer: RegistryWriter,
  request: StatusChangeRequest,
): Promise<SentTransaction[]> {
  const words = toStatusWords(request.indices, request.leafCount);
  const perTx = request.maxWordsPerTransaction ?? 400;
  const sent: SentTransaction[] = [];
  for (let i = 0; i < words.length; i += perTx) {
    const chunk = words.slice(i, i + perTx);
    sent.push(
      await sendWrite(writer, request.registry, request.action, () =>
        writer.wallet.writeContract({
          address: request.registry,
          abi: credentialRegistryAbi,
          chain: writer.wallet.chain,
          functionName: FUNCTION[request.action],
          args: [request.issuer, request.root, chunk, request.reason],
        }),
      ),
    );
  }
  return sent;
}

/** Revokes a whole batch (for instance, issued in error). */
export async function revokeBatch(
  writer: RegistryWriter,
  request: { registry: Address; issuer: Address; root: Hex; reason: number },
): Promise<SentTransaction> {
  return sendWrite(writer, request.registry, "revokeBatch", () =>
    writer.wallet.writeContract({
      address: request.registry,
      abi: credentialRegistryAbi,
      chain: writer.wallet.chain,
      functionName: "revokeBatch",
      args: [request.issuer, request.root, request.reason],
    }),
  );
}
