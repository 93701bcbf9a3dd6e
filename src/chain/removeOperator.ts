// An issuer removes one of its operator keys at once (a leaked key: remove it, then revoke).
// Shaped like removeBody.ts on purpose: one contract write per file, each with its own errors.
import type { Address } from "viem";
import { credentialRegistryAbi } from "./abi.ts";
import { type RegistryWriter, type SentTransaction, sendWrite } from "./writer.ts";

export async function removeOperator(
  writer: RegistryWriter,
  request: { registry: Address; operator: Address },
): Promise<SentTransaction> {
  return sendWrite(writer, request.registry, "removeOperator", () =>
    writer.wallet.writeContract({
      address: request.registry,
      abi: credentialRegistryAbi,
      chain: writer.wallet.chain,
      functionName: "removeOperator",
      args: [request.operator],
    }),
  );
}
