// Governance removes an accreditation body: its accreditations stop counting from now on.
import type { Address } from "viem";
import { accreditationRegistryAbi } from "./abi.ts";
import { type RegistryWriter, type SentTransaction, sendWrite } from "./writer.ts";

export async function removeBody(
  writer: RegistryWriter,
  request: { accreditationRegistry: Address; body: Address },
): Promise<SentTransaction> {
  return sendWrite(writer, request.accreditationRegistry, "removeBody", () =>
    writer.wallet.writeContract({
      address: request.accreditationRegistry,
      abi: accreditationRegistryAbi,
      chain: writer.wallet.chain,
      functionName: "removeBody",
      args: [request.body],
    }),
  );
}
