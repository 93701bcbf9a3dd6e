// A body withdraws its accreditation of an issuer for a credential type from an effective date,
// which may lie in the past: credentials anchored from then on lose it, earlier ones keep it.
import type { Hex } from "viem";
import { accreditationRegistryAbi } from "./abi.ts";
import type { AccreditationRef } from "./suspendAccreditation.ts";
import { type RegistryWriter, type SentTransaction, sendWrite } from "./writer.ts";

export async function withdrawAccreditation(
  writer: RegistryWriter,
  request: AccreditationRef & { effectiveFrom: number; evidenceCid: Hex },
): Promise<SentTransaction> {
  return sendWrite(writer, request.accreditationRegistry, "withdraw", () =>
    writer.wallet.writeContract({
      address: request.accreditationRegistry,
      abi: accreditationRegistryAbi,
      chain: writer.wallet.chain,
      functionName: "withdraw",
      args: [request.issuer, request.credentialType, request.effectiveFrom, request.evidenceCid],
    }),
  );
}
