// The form every signing-key call takes the key in: the raw 32-byte Ed25519 public key of the
// issuer's did:key as 0x-prefixed hex, key byte 0 first (bytes32 in the registry). Checked here so
// a malformed key is named before anything is sent, rather than failing inside ABI encoding.
import type { Hex } from "viem";
import { CredanchorError } from "../errors.ts";
import { isBytes32 } from "../values/index.ts";

/** `publicKey` lowercased, or an error naming it when it is not 32 bytes of hex. */
export function signingKeyArgument(publicKey: string): Hex {
  if (!isBytes32(publicKey)) {
    throw new CredanchorError(
      "SIGNING_KEY_INVALID",
      `"${publicKey}" is not an Ed25519 public key: expected its 32 raw bytes as 0x and 64 hex digits (the key of the did:key, byte 0 first).`,
      { publicKey },
    );
  }
  return publicKey.toLowerCase() as Hex;
}
