// The issuer's Ed25519 key as the pipeline uses it: its did:key (the v2 credentials' issuer.id),
// and a node:crypto signer rebuilt from the 32-byte seed on each worker thread. The seed reaches
// the workers in-process (workerData), never through a file or the environment.
import { createPrivateKey, createPublicKey, type KeyObject, sign } from "node:crypto";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { Hex } from "viem";
import { didKeyFromPublicKey, verificationMethodOf } from "../dataIntegrity/index.ts";
import { IssueOptionError } from "./errors.ts";

/** PKCS#8 DER of an Ed25519 private key, up to the 32-byte seed (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

export interface IssuerKey {
  /** The raw public key as the bytes32 the registry records. */
  publicKey: Hex;
  /** did:key:z6Mk…: the credentials' issuer.id. */
  didKey: string;
  /** did:key:z6Mk…#z6Mk…: what each signature names. */
  verificationMethod: string;
}

/** The public side of the key a seed gives. */
export function issuerKeyOf(seed: Uint8Array): IssuerKey {
  const spki = createPublicKey(privateKeyOf(seed)).export({ format: "der", type: "spki" });
  // The SPKI DER of an Ed25519 key ends with the 32 raw public key bytes.
  const publicKey = new Uint8Array(spki.subarray(spki.length - 32));
  const didKey = didKeyFromPublicKey(publicKey);
  return {
    publicKey: `0x${bytesToHex(publicKey)}`,
    didKey,
    verificationMethod: verificationMethodOf(didKey),
  };
}

/** Signs with the seed's key through node:crypto (one KeyObject, built once). */
export function signerOf(seed: Uint8Array): (message: Uint8Array) => Uint8Array {
  const key = privateKeyOf(seed);
  return (message) => sign(null, message, key);
}

function privateKeyOf(seed: Uint8Array): KeyObject {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) {
    throw new IssueOptionError(
      "signingKey",
      "must be the 32-byte Ed25519 seed of the issuer's key",
    );
  }
  return createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: "der",
    type: "pkcs8",
  });
}
