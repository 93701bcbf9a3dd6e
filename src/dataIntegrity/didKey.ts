// did:key for Ed25519 public keys (W3C did:key method): "did:key:" + the key's Multikey, which is
// "z" + base58btc(0xed 0x01 || key), so every such DID starts "did:key:z6Mk". Its one verification
// method is "<did>#<multikey>".
import { decodeBase58btc, encodeBase58btc } from "./base58.ts";
import { DataIntegrityError } from "./errors.ts";

const ED25519_PUB = [0xed, 0x01] as const;
const DID_KEY = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]+)(?:#(z6Mk[1-9A-HJ-NP-Za-km-z]+))?$/;

/** "z6Mk…": the Multikey (multibase base58btc) of a 32-byte Ed25519 public key. */
export function multikeyFromPublicKey(publicKey: Uint8Array): string {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32)
    throw new DataIntegrityError(
      "DID_KEY_INVALID",
      `An Ed25519 public key is 32 bytes; got ${publicKey instanceof Uint8Array ? `${publicKey.length} bytes` : typeof publicKey}.`,
      { length: (publicKey as Uint8Array)?.length },
    );
  const bytes = new Uint8Array(34);
  bytes.set(ED25519_PUB);
  bytes.set(publicKey, 2);
  return encodeBase58btc(bytes);
}

/** "did:key:z6Mk…" of a 32-byte Ed25519 public key. */
export function didKeyFromPublicKey(publicKey: Uint8Array): string {
  return `did:key:${multikeyFromPublicKey(publicKey)}`;
}

/** "did:key:z6Mk…#z6Mk…": the verification method of an Ed25519 did:key. */
export function verificationMethodOf(didKey: string): string {
  publicKeyFromDidKey(didKey);
  const did = didKey.split("#")[0]!;
  return `${did}#${did.slice("did:key:".length)}`;
}

/**
 * The 32-byte Ed25519 public key of a did:key or of its verification method
 * ("did:key:z6Mk…#z6Mk…", fragment equal to the key). Throws DID_KEY_INVALID on anything else.
 */
export function publicKeyFromDidKey(didOrVerificationMethod: string): Uint8Array {
  const fail = (reason: string): never => {
    throw new DataIntegrityError(
      "DID_KEY_INVALID",
      `${JSON.stringify(didOrVerificationMethod)} is not an Ed25519 did:key: ${reason}. Expected "did:key:z6Mk…" or "did:key:z6Mk…#z6Mk…".`,
      { value: didOrVerificationMethod, reason },
    );
  };
  if (typeof didOrVerificationMethod !== "string") return fail("not a string");
  const match = DID_KEY.exec(didOrVerificationMethod);
  if (match === null) return fail("not of the form did:key:z6Mk… (base58btc)");
  if (match[2] !== undefined && match[2] !== match[1])
    return fail("the fragment is not the key's own multikey");
  const bytes = decodeBase58btc(match[1]!);
  if (bytes === undefined) return fail("the multibase value is not base58btc");
  if (bytes.length !== 34 || bytes[0] !== ED25519_PUB[0] || bytes[1] !== ED25519_PUB[1])
    return fail("the multikey is not a 32-byte Ed25519 public key (multicodec 0xed01)");
  return bytes.slice(2);
}
