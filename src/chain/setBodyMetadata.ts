// Governance replaces the metadata CID of an accreditation body.
import type { Address, Hex } from "viem";
import { accreditationRegistryAbi } from "./abi.ts";
import { type RegistryWriter, type SentTransaction, sendWrite } from "./writer.ts";

export async function setBodyMetadata(
  writer: RegistryWriter,
  request: { accreditationRegistry: Address; body: Address; metadataCid: Hex },
): Promise<SentTransaction> {
  return sendWrite(writer, request.accreditationRegistry, "setBodyMetadata", () =>
    writer.wallet.writeContract({
      address: request.accreditationRegistry,
      abi: accreditationRegistryAbi,
      chain: writer.wallet.chain,
      functionName: "setBodyMetadata",
      args: [request.body, request.metadataCid],
    }),
  );
}
