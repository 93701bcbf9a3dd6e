// SHA-256 and Ed25519 verification, from Node's own crypto when the code runs in Node (several
// times faster than JavaScript); elsewhere SHA-256 in JavaScript (sha256.ts) and Ed25519 from WebCrypto
// (crypto.subtle, in every current browser), so the browser bundle carries no curve code. Node's
// module is looked up at run time through process.getBuiltinModule (Node 22.3+), not imported, so
// a browser bundle carries no Node built-in.
import { bytesToHex, hexToBytes, utf8ToBytes } from "../hash/hex.ts";
import { DataIntegrityError } from "./errors.ts";
import { sha256 } from "./sha256.ts";

type NodeCrypto = {
  createHash(algorithm: "sha256"): {
    update(data: string, encoding: "utf8"): { digest(): Uint8Array; digest(e: "hex"): string };
  };
  createPublicKey(options: { key: Uint8Array; format: "der"; type: "spki" }): unknown;
  verify(algorithm: null, data: Uint8Array, key: unknown, signature: Uint8Array): boolean;
};

const nodeCrypto = (
  globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }
).process?.getBuiltinModule?.("crypto") as NodeCrypto | undefined;

/** SHA-256 of the UTF-8 bytes of `text`. */
export function sha256Text(text: string): Uint8Array {
  if (nodeCrypto !== undefined)
    return new Uint8Array(nodeCrypto.createHash("sha256").update(text, "utf8").digest());
  return sha256(utf8ToBytes(text));
}

/** SHA-256 of the UTF-8 bytes of `text`, as lowercase hex. */
export function sha256TextHex(text: string): string {
  if (nodeCrypto !== undefined)
    return nodeCrypto.createHash("sha256").update(text, "utf8").digest("hex");
  return bytesToHex(sha256(utf8ToBytes(text)));
}

// The DER (SubjectPublicKeyInfo) header of a 32-byte Ed25519 public key, RFC 8410.
const SPKI_ED25519 = hexToBytes("302a300506032b6570032100");

// A verifier checks many credentials of one issuer: the last key's Node KeyObject is kept.
let lastKey: { hex: string; object: unknown } | undefined;

function nodePublicKey(crypto: NodeCrypto, publicKey: Uint8Array): unknown {
  const hex = bytesToHex(publicKey);
  if (lastKey?.hex !== hex) {
    const key = new Uint8Array(44);
    key.set(SPKI_ED25519);
    key.set(publicKey, 12);
    lastKey = { hex, object: crypto.createPublicKey({ key, format: "der", type: "spki" }) };
  }
  return lastKey.object;
}

/**
 * True when `signature` is `publicKey`'s Ed25519 signature of `message` (RFC 8032). Throws
 * ED25519_UNAVAILABLE where neither Node's crypto nor WebCrypto's Ed25519 exists (an old browser):
 * that is no finding about the signature.
 */
export async function verifyEd25519(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): Promise<boolean> {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  if (nodeCrypto !== undefined) {
    try {
      return nodeCrypto.verify(null, message, nodePublicKey(nodeCrypto, publicKey), signature);
    } catch {
      return false;
    }
  }
  const subtle = globalThis.crypto?.subtle;
  let key: CryptoKey;
  try {
    key = await subtle.importKey("raw", publicKey as Uint8Array<ArrayBuffer>, "Ed25519", false, [
      "verify",
    ]);
  } catch (error) {
    throw new DataIntegrityError(
      "ED25519_UNAVAILABLE",
      "This browser's WebCrypto cannot verify Ed25519 signatures: use a current browser (Chrome 137+, Firefox 129+, Safari 17+) or Node.",
      {},
      { cause: error },
    );
  }
  return subtle.verify(
    "Ed25519",
    key,
    signature as Uint8Array<ArrayBuffer>,
    message as Uint8Array<ArrayBuffer>,
  );
}
