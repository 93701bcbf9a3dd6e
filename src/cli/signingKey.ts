// The issuer's Ed25519 signing key (its did:key), which signs v2 credentials and status lists:
// CREDANCHOR_SIGNING_KEY from the environment, else from the Hardhat keystore with --keystore,
// else, on a development chain only, a public key derived from the issuer's address. The seed is
// never printed, logged or quoted in an error; signing goes through node:crypto (fast).
import { createHash } from "node:crypto";
import { type Address, type Hex, hexToBytes } from "viem";
import type { Ed25519Signer } from "../dataIntegrity/index.ts";
import { CredanchorError } from "../errors.ts";
import { issuerKeyOf, signerOf } from "../issuer/index.ts";
import { readKeystoreValue } from "./hardhat.ts";

/** The environment variable holding the Ed25519 seed (or its name in the Hardhat keystore). */
export const SIGNING_KEY_VARIABLE = "CREDANCHOR_SIGNING_KEY";

/** Chains where the public development key may stand in for a real one. */
const DEVELOPMENT_CHAIN_IDS = new Set([31337, 1337]);

/** Prefix of the derivation of the development key; the key is public by construction. */
const DEVELOPMENT_KEY_LABEL = "credanchor development signing key";

/** Where the signing key came from (reported by `signing-key show`, never the key itself). */
export type SigningKeySource = "environment" | "keystore" | "development";

export interface IssuerSigningKey {
  /** The raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
  /** The same, as the bytes32 the registry records. */
  publicKeyHex: Hex;
  /** did:key:z6Mk… of the key: a v2 credential's issuer.id. */
  didKey: string;
  /** did:key:z6Mk…#z6Mk…: what a proof names as its verificationMethod. */
  verificationMethod: string;
  source: SigningKeySource;
  /** Signs a message (Ed25519, the 64-byte signature). */
  sign: Ed25519Signer;
  /**
   * The 32-byte seed, for the issuer pipeline's worker threads: it travels to them in-process
   * (postMessage), where ed25519Signer rebuilds the signer. Never write, print or log it. A
   * function, so that JSON.stringify and util.inspect of the key never show the seed.
   */
  seedForWorkers(): Uint8Array;
}

export interface ResolveSigningKeyOptions {
  env: NodeJS.ProcessEnv;
  /** --keystore: read CREDANCHOR_SIGNING_KEY from the Hardhat keystore when not in env. */
  keystore?: boolean;
  /** The chain the key acts on: decides whether the development key may be used. */
  chainId: number;
  /** The issuer account: the development key is derived from it. */
  issuer: Address;
}

/** The issuer's signing key, from the environment, the keystore or (development only) derived. */
export async function resolveSigningKey(
  options: ResolveSigningKeyOptions,
): Promise<IssuerSigningKey> {
  const fromEnv = options.env[SIGNING_KEY_VARIABLE]?.trim();
  if (fromEnv !== undefined && fromEnv !== "") {
    return signingKeyFromSeed(parseSeed(fromEnv, "the environment"), "environment");
  }
  if (options.keystore) {
    const stored = await readKeystoreValue(SIGNING_KEY_VARIABLE);
    if (stored !== undefined) {
      return signingKeyFromSeed(parseSeed(stored, "the Hardhat keystore"), "keystore");
    }
  }
  if (DEVELOPMENT_CHAIN_IDS.has(options.chainId)) {
    return signingKeyFromSeed(developmentSeed(options.issuer), "development");
  }
  throw new CredanchorError(
    "SIGNING_KEY_MISSING",
    `No Ed25519 signing key for issuer ${options.issuer} on chain ${options.chainId}: set ${SIGNING_KEY_VARIABLE} (32 bytes as 64 hex digits) in the environment, or store it with \`npx hardhat keystore set ${SIGNING_KEY_VARIABLE}\` and pass --keystore. The development key is refused on chains other than 31337 and 1337, because anyone can derive it.`,
    { variable: SIGNING_KEY_VARIABLE, chainId: options.chainId, issuer: options.issuer },
  );
}

/**
 * The public development key of an issuer: sha256("credanchor development signing key" || the
 * 20 address bytes). Anyone can compute it, so it is for development chains only.
 */
export function developmentSeed(issuer: Address): Uint8Array {
  return createHash("sha256")
    .update(DEVELOPMENT_KEY_LABEL, "utf8")
    .update(hexToBytes(issuer))
    .digest();
}

/** A signing key from its 32-byte seed (the issuer pipeline's key functions, so both sign alike). */
export function signingKeyFromSeed(seed: Uint8Array, source: SigningKeySource): IssuerSigningKey {
  if (seed.length !== 32) {
    throw new CredanchorError("SIGNING_KEY_INVALID", "An Ed25519 seed must be 32 bytes.", {
      length: seed.length,
    });
  }
  const key = issuerKeyOf(seed);
  const kept = Uint8Array.from(seed);
  return {
    publicKey: hexToBytes(key.publicKey),
    publicKeyHex: key.publicKey,
    didKey: key.didKey,
    verificationMethod: key.verificationMethod,
    source,
    sign: signerOf(seed),
    seedForWorkers: () => Uint8Array.from(kept),
  };
}

/** The seed from its hex text; the message names where it came from, never the value. */
function parseSeed(text: string, source: string): Uint8Array {
  const hex = text.startsWith("0x") || text.startsWith("0X") ? text.slice(2) : text;
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new CredanchorError(
      "SIGNING_KEY_INVALID",
      `${SIGNING_KEY_VARIABLE} from ${source} is not an Ed25519 seed (expected 32 bytes as 64 hex digits).`,
      { variable: SIGNING_KEY_VARIABLE, source },
    );
  }
  return new Uint8Array(Buffer.from(hex, "hex"));
}
