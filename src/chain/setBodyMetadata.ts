// Governance replaces the metadata CID of an accreditation body.
import type { Address, Hex } from "viem";
import { accreditationRegistryAbi } from "./abi.ts";
import { toTransactionError } from "./toTransactionError.ts";
import { type RegistryWriter, type SentTransaction, sendAndWait } from "./writer.ts";

export async function setBodyMetadata(
  writer: RegistryWriter,
  request: { accreditationRegistry: Address; body: Address; metadataCid: Hex },
): Promise<SentTransaction> {
  try {
    return await sendAndWait(writer, () =>
      writer.wallet.writeContract({
        address: request.accreditationRegistry,
        abi: accreditationRegistryAbi,
        chain: writer.wallet.chain,
        functionName: "setBodyMetadata",
        args: [request.body, request.metadataCid],
      }),
    );
  } catch (error) {
    throw toTransactionError(
      error,
      request.accreditationRegistry,
      "setBodyMetadata",
      writer.wallet.account.address,
    );
  }
}
