// A body ends the suspension of its current term for an issuer and credential type.
import { accreditationRegistryAbi } from "./abi.ts";
import type { AccreditationRef } from "./suspendAccreditation.ts";
import { type RegistryWriter, type SentTransaction, sendWrite } from "./writer.ts";

export async function reinstateAccreditation(
  writer: RegistryWriter,
  request: AccreditationRef,
): Promise<SentTransaction> {
  return sendWrite(writer, request.accreditationRegistry, "reinstate", () =>
    writer.wallet.writeContract({
      address: request.accreditationRegistry,
      abi: accreditationRegistryAbi,
      chain: writer.wallet.chain,
      functionName: "reinstate",
      args: [request.issuer, request.credentialType],
    }),
  );
}
