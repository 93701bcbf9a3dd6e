// Reads the term of one signing key of one issuer: when the issuer account declared it, and from
// when it is retired. A key another issuer declared reads (0, 0) here: declarations are per issuer.
// A verifier gets the same term inside batchView (readBatchView); this read is for the issuer.
import type { Address, Hex } from "viem";
import { readContract } from "viem/actions";
import { credentialRegistryAbi } from "./abi.ts";
import { classifyChainError } from "./classifyError.ts";
import type { ChainClient } from "./client.ts";
import { signingKeyArgument } from "./signingKeyArgument.ts";

export interface SigningKeyRef {
  registry: Address;
  issuer: Address;
  /** The raw 32-byte Ed25519 public key of the did:key, as 0x-prefixed hex. */
  publicKey: Hex;
}

export interface SigningKeyTerm {
  /** Unix seconds; 0 when the issuer never declared the key. */
  declaredAt: number;
  /** Unix seconds the key stops counting from (exclusive); 0 while not retired. */
  retiredAt: number;
}

export async function readSigningKey(
  chain: Pick<ChainClient, "client" | "urls">,
  key: SigningKeyRef,
): Promise<SigningKeyTerm> {
  const publicKey = signingKeyArgument(key.publicKey);
  let term: readonly [bigint, bigint];
  try {
    term = await readContract(chain.client, {
      address: key.registry,
      abi: credentialRegistryAbi,
      functionName: "signingKey",
      args: [key.issuer, publicKey],
    });
  } catch (error) {
    throw classifyChainError(error, chain.urls, key.registry);
  }
  return { declaredAt: Number(term[0]), retiredAt: Number(term[1]) };
}
