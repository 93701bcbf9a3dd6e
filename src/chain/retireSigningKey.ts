// The issuer account retires one of its signing keys from a moment: batches anchored at or after
// it no longer verify with the key, earlier ones still do. The moment lies between the key's
// declaration and now, and a second retirement may only move it earlier (a key that leaked is
// retired back to when it leaked). Only the account itself can, never an operator.
// Shaped like declareSigningKey.ts on purpose: one contract write per file, each with its own errors.
import type { Address, Hex } from "viem";
import { credentialRegistryAbi } from "./abi.ts";
import { signingKeyArgument } from "./signingKeyArgument.ts";
import { type RegistryWriter, type SentTransaction, sendWrite } from "./writer.ts";

export interface RetireSigningKeyRequest {
  registry: Address;
  /** The raw 32-byte Ed25519 public key of the issuer's did:key, as 0x-prefixed hex. */
  publicKey: Hex;
  /** Unix seconds from which the key no longer counts: declaredAt <= effectiveAt <= now. */
  effectiveAt: number;
}

export async function retireSigningKey(
  writer: RegistryWriter,
  request: RetireSigningKeyRequest,
): Promise<SentTransaction> {
  const publicKey = signingKeyArgument(request.publicKey);
  return sendWrite(writer, request.registry, "retireSigningKey", () =>
    writer.wallet.writeContract({
      address: request.registry,
      abi: credentialRegistryAbi,
      chain: writer.wallet.chain,
      functionName: "retireSigningKey",
      args: [publicKey, BigInt(request.effectiveAt)],
    }),
  );
}
