// A body ends the suspension of its current term for an issuer and credential type.
import { accreditationRegistryAbi } from "./abi.ts";
import type { AccreditationRef } from "./suspendAccreditation.ts";
import { toTransactionError } from "./toTransactionError.ts";
import { type RegistryWriter, type SentTransaction, sendAndWait } from "./writer.ts";

export async function reinstateAccreditation(
  writer: RegistryWriter,
  request: AccreditationRef,
): Promise<SentTransaction> {
  try {
    return await sendAndWait(writer, () =>
      writer.wallet.writeContract({
        address: request.accreditationRegistry,
        abi: accreditationRegistryAbi,
        chain: writer.wallet.chain,
        functionName: "reinstate",
        args: [request.issuer, request.credentialType],
      }),
    );
  } catch (error) {
    throw toTransactionError(
      error,
      request.accreditationRegistry,
      "reinstate",
      writer.wallet.account.address,
    );
  }
}
