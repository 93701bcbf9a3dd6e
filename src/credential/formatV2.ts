// The value rules of the v2 layout that no claim digest can enforce: the issuer's did:key, the
// signature encoding, the anchoring time, the status list URL, and the one hex rule (hashes in
// lowercase, addresses in EIP-55 exactly). Builder, attacher, integrity check and reader share them,
// so a value the builder refuses is one the verifier refuses.
import { getAddress } from "viem";

/** Multicodec prefix of an Ed25519 public key (0xed, varint) in a did:key. */
const ED25519_PUB = [0xed, 0x01];
const DID_KEY = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]+)$/;
const UTC_SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const LOWER_BYTES32 = /^0x[0-9a-f]{64}$/;

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/**
 * The bytes of a multibase base58btc string ("z…"), or undefined. Written out here (a dozen
 * lines) so the verifier's bundle takes no multibase library for two short values.
 */
function base58Bytes(multibase: string): Uint8Array | undefined {
  if (!multibase.startsWith("z") || multibase.length > 200) return undefined;
  const text = multibase.slice(1);
  const bytes: number[] = []; // little-endian base-256 digits of the number so far
  for (const char of text) {
    let carry = BASE58.indexOf(char);
    if (carry < 0) return undefined;
    for (let i = 0; i < bytes.length; i++) {
      carry += bytes[i]! * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    for (; carry > 0; carry >>= 8) bytes.push(carry & 0xff);
  }
  let zeros = 0;
  while (text[zeros] === "1") zeros++;
  return Uint8Array.from([...new Array<number>(zeros).fill(0), ...bytes.reverse()]);
}

/** The 32-byte key of an Ed25519 `did:key:z6Mk…`, or undefined for anything else. */
export function ed25519KeyOfDidKey(did: string): Uint8Array | undefined {
  const match = DID_KEY.exec(did);
  if (!match) return undefined;
  const bytes = base58Bytes(match[1]!);
  if (bytes?.length !== 34 || bytes[0] !== ED25519_PUB[0] || bytes[1] !== ED25519_PUB[1])
    return undefined;
  return bytes.slice(2);
}

/** The verification method of an Ed25519 did:key: `did:key:z6Mk…#z6Mk…`. */
export function didKeyVerificationMethod(did: string): string {
  return `${did}#${did.slice("did:key:".length)}`;
}

/** True for "z" + base58btc of exactly 64 bytes (an Ed25519 signature). */
export function isSignatureValue(value: unknown): value is string {
  return typeof value === "string" && base58Bytes(value)?.length === 64;
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
  return typeof value === "string" && LOWER_BYTES32.test(value);
}

/** The v2 hex rule for addresses: exactly the EIP-55 checksummed form. */
export function isChecksummedAddress(value: unknown): value is string {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(value)) return false;
  return getAddress(value) === value;
}
