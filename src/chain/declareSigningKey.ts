// The issuer account declares an Ed25519 key as its signing key from the block that includes the
// transaction on: v2 credentials it anchors from then on may carry that key's signature. Only the
// account itself can (the registry keys the declaration by the sender), never an operator.
import type { Address, Hex } from "viem";
import { credentialRegistryAbi } from "./abi.ts";
import { signingKeyArgument } from "./signingKeyArgument.ts";
import { type RegistryWriter, type SentTransaction, sendWrite } from "./writer.ts";

export interface DeclareSigningKeyRequest {
  registry: Address;
  /** The raw 32-byte Ed25519 public key of the issuer's did:key, as 0x-prefixed hex. */
  publicKey: Hex;
}

/** Declares `publicKey` for the writer's own account; a key is declared once, ever. */
export async function declareSigningKey(
  writer: RegistryWriter,
  request: DeclareSigningKeyRequest,
): Promise<SentTransaction> {
  const publicKey = signingKeyArgument(request.publicKey);
  return sendWrite(writer, request.registry, "declareSigningKey", () =>
    writer.wallet.writeContract({
      address: request.registry,
      abi: credentialRegistryAbi,
      chain: writer.wallet.chain,
      functionName: "declareSigningKey",
      args: [publicKey],
    }),
  );
}
