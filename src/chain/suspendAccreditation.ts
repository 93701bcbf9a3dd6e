// A body suspends its current term for an issuer and credential type until it reinstates it.
import type { Address, Hex } from "viem";
import { accreditationRegistryAbi } from "./abi.ts";
import { type RegistryWriter, type SentTransaction, sendWrite } from "./writer.ts";

export interface AccreditationRef {
  accreditationRegistry: Address;
  issuer: Address;
  /** bytes20 credential type id. */
  credentialType: Hex;
}

export async function suspendAccreditation(
  writer: RegistryWriter,
  request: AccreditationRef & { evidenceCid: Hex },
): Promise<SentTransaction> {
  return sendWrite(writer, request.accreditationRegistry, "suspend", () =>
    writer.wallet.writeContract({
      address: request.accreditationRegistry,
      abi: accreditationRegistryAbi,
      chain: writer.wallet.chain,
      functionName: "suspend",
      args: [request.issuer, request.credentialType, request.evidenceCid],
    }),
  );
}
