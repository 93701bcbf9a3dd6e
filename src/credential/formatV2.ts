// The value rules of the v2 layout that no claim digest can enforce: the issuer's did:key, the
// signature encoding, the anchoring time, the status list URL, and the one hex rule (hashes in
// lowercase, addresses in EIP-55 exactly). Builder, attacher, integrity check and reader share them,
// so a value the builder refuses is one the verifier refuses.
import { getAddress } from "viem";
import { decodeBase58btc, publicKeyFromDidKey } from "../dataIntegrity/index.ts";
import { isAddress, isBytes32 } from "../values/index.ts";

const UTC_SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/** The 32-byte key of an Ed25519 `did:key:z6Mk…`, or undefined for anything else. */
export function ed25519KeyOfDidKey(did: string): Uint8Array | undefined {
  if (typeof did !== "string" || did.includes("#")) return undefined;
  try {
    return publicKeyFromDidKey(did);
  } catch {
    return undefined;
  }
}

/** The verification method of an Ed25519 did:key: `did:key:z6Mk…#z6Mk…`. */
export function didKeyVerificationMethod(did: string): string {
  return `${did}#${did.slice("did:key:".length)}`;
}

/** True for "z" + base58btc of exactly 64 bytes (an Ed25519 signature). */
export function isSignatureValue(value: unknown): value is string {
  return typeof value === "string" && decodeBase58btc(value)?.length === 64;
}

/** True for an ISO 8601 UTC time to the second, `YYYY-MM-DDThh:mm:ssZ`, that is a real instant. */
export function isUtcSeconds(value: unknown): value is string {
  if (typeof value !== "string" || !UTC_SECONDS.test(value)) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === `${value.slice(0, -1)}.000Z`;
}

/**
 * True for an absolute https URL without a fragment (a status list is one document), written as
 * the URL parser writes it, so no two spellings name one list and no odd character hides in it.
 */
export function isHttpsUrl(value: unknown): value is string {
  if (typeof value !== "string" || !value.startsWith("https://")) return false;
  try {
    const url = new URL(value);
    return url.href === value && url.hash === "" && url.host !== "";
  } catch {
    return false;
  }
}

/** The v2 hex rule for hashes: 0x and 64 lowercase hex digits. */
export function isLowerBytes32(value: unknown): value is string {
  return isBytes32(value) && value === value.toLowerCase();
}

/** The v2 hex rule for addresses: exactly the EIP-55 checksummed form. */
export function isChecksummedAddress(value: unknown): value is string {
  if (!isAddress(value)) return false;
  return getAddress(value) === value;
}
