// Governance appoints an accreditation body with the credential types it may accredit, its
// display name and its jurisdiction.
import type { Address, Hex } from "viem";
import { accreditationRegistryAbi } from "./abi.ts";
import { type RegistryWriter, type SentTransaction, sendWrite } from "./writer.ts";

export interface AppointBodyRequest {
  accreditationRegistry: Address;
  body: Address;
  /** bytes20 credential type ids (credentialTypeId). */
  scope: readonly Hex[];
  /** Binary CIDv1 of the body's public metadata; "0x" for none. */
  metadataCid: Hex;
  /** Display name, 1..128 UTF-8 bytes. */
  name: string;
  /** ISO 3166-1 alpha-2 ("DE") or ISO 3166-2 ("US-CA") code. */
  jurisdiction: string;
}

export async function appointBody(
  writer: RegistryWriter,
  request: AppointBodyRequest,
): Promise<SentTransaction> {
  return sendWrite(writer, request.accreditationRegistry, "appointBody", () =>
    writer.wallet.writeContract({
      address: request.accreditationRegistry,
      abi: accreditationRegistryAbi,
      chain: writer.wallet.chain,
      functionName: "appointBody",
      args: [
        request.body,
        [...request.scope],
        request.metadataCid,
        request.name,
        request.jurisdiction,
      ],
    }),
  );
}
