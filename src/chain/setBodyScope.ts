// Governance allows or disallows credential types for a body from now on (existing terms stand).
import type { Address, Hex } from "viem";
import { accreditationRegistryAbi } from "./abi.ts";
import { type RegistryWriter, type SentTransaction, sendWrite } from "./writer.ts";

export interface SetBodyScopeRequest {
  accreditationRegistry: Address;
  body: Address;
  /** bytes20 credential type ids. */
  credentialTypes: readonly Hex[];
  allowed: boolean;
}

export async function setBodyScope(
  writer: RegistryWriter,
  request: SetBodyScopeRequest,
): Promise<SentTransaction> {
  return sendWrite(writer, request.accreditationRegistry, "setBodyScope", () =>
    writer.wallet.writeContract({
      address: request.accreditationRegistry,
      abi: accreditationRegistryAbi,
      chain: writer.wallet.chain,
      functionName: "setBodyScope",
      args: [request.body, [...request.credentialTypes], request.allowed],
    }),
  );
}
