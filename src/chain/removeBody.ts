// Governance removes an accreditation body: its accreditations stop counting from now on.
import type { Address } from "viem";
import { accreditationRegistryAbi } from "./abi.ts";
import { toTransactionError } from "./toTransactionError.ts";
import { type RegistryWriter, type SentTransaction, sendAndWait } from "./writer.ts";

export async function removeBody(
  writer: RegistryWriter,
  request: { accreditationRegistry: Address; body: Address },
): Promise<SentTransaction> {
  try {
    return await sendAndWait(writer, () =>
      writer.wallet.writeContract({
        address: request.accreditationRegistry,
        abi: accreditationRegistryAbi,
        chain: writer.wallet.chain,
        functionName: "removeBody",
        args: [request.body],
      }),
    );
  } catch (error) {
    throw toTransactionError(
      error,
      request.accreditationRegistry,
      "removeBody",
      writer.wallet.account.address,
    );
  }
}
