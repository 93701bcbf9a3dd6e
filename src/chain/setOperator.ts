// An issuer authorises an operator key to act in its name until an expiry (again: a new expiry).
import type { Address } from "viem";
import { credentialRegistryAbi } from "./abi.ts";
import { toTransactionError } from "./toTransactionError.ts";
import { type RegistryWriter, type SentTransaction, sendAndWait } from "./writer.ts";

export async function setOperator(
  writer: RegistryWriter,
  request: {
    registry: Address;
    operator: Address /** Unix seconds, exclusive. */;
    expiresAt: number;
  },
): Promise<SentTransaction> {
  try {
    return await sendAndWait(writer, () =>
      writer.wallet.writeContract({
        address: request.registry,
        abi: credentialRegistryAbi,
        chain: writer.wallet.chain,
        functionName: "setOperator",
        args: [request.operator, request.expiresAt],
      }),
    );
  } catch (error) {
    throw toTransactionError(error, request.registry, "setOperator", writer.wallet.account.address);
  }
}
