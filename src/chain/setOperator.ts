// An issuer authorises an operator key to act in its name until an expiry (again: a new expiry).
import type { Address } from "viem";
import { credentialRegistryAbi } from "./abi.ts";
import { type RegistryWriter, type SentTransaction, sendWrite } from "./writer.ts";

export async function setOperator(
  writer: RegistryWriter,
  request: {
    registry: Address;
    operator: Address /** Unix seconds, exclusive. */;
    expiresAt: number;
  },
): Promise<SentTransaction> {
  return sendWrite(writer, request.registry, "setOperator", () =>
    writer.wallet.writeContract({
      address: request.registry,
      abi: credentialRegistryAbi,
      chain: writer.wallet.chain,
      functionName: "setOperator",
      args: [request.operator, request.expiresAt],
    }),
  );
}
