// Governance replaces the display name and jurisdiction of an accreditation body.
import type { Address } from "viem";
import { accreditationRegistryAbi } from "./abi.ts";
import { type RegistryWriter, type SentTransaction, sendWrite } from "./writer.ts";

export interface SetBodyProfileRequest {
  accreditationRegistry: Address;
  body: Address;
  /** Display name, 1..128 UTF-8 bytes. */
  name: string;
  /** ISO 3166-1 alpha-2 ("DE") or ISO 3166-2 ("US-CA") code. */
  jurisdiction: string;
}

export async function setBodyProfile(
  writer: RegistryWriter,
  request: SetBodyProfileRequest,
): Promise<SentTransaction> {
  return sendWrite(writer, request.accreditationRegistry, "setBodyProfile", () =>
    writer.wallet.writeContract({
      address: request.accreditationRegistry,
      abi: accreditationRegistryAbi,
      chain: writer.wallet.chain,
      functionName: "setBodyProfile",
      args: [request.body, request.name, request.jurisdiction],
    }),
  );
}
