// Credential bodies go to IPFS only inside an envelope: XChaCha20-Poly1305 under a fresh random
// 256-bit key per credential. The key goes to the holder and never into a store, a manifest or a
// log. Pure (no Node modules): the browser verifier opens envelopes with this same file.
//
// Envelope format, version 1 (all offsets in bytes):
//   0   4   magic "CAEV" (0x43 0x41 0x45 0x56)
//   4   1   version = 0x01
//   5   24  nonce, random per envelope (XChaCha20's 192-bit nonce makes random nonces safe)
//   29  n   ciphertext of the credential bytes (n = plaintext length)
//   29+n 16 Poly1305 tag
// The 5-byte header (magic + version) is the associated data, so it is authenticated too.
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { secureRandom } from "../random/index.ts";
import {
  EnvelopeDecryptionError,
  EnvelopeFormatError,
  EnvelopeKeyError,
  EnvelopeVersionError,
} from "./errors.ts";

export const ENVELOPE_MAGIC: Readonly<Uint8Array> = Uint8Array.of(0x43, 0x41, 0x45, 0x56);
export const ENVELOPE_VERSION = 1;
export const ENVELOPE_KEY_BYTES = 32;
export const ENVELOPE_NONCE_BYTES = 24;
export const ENVELOPE_TAG_BYTES = 16;
const HEADER_BYTES = ENVELOPE_MAGIC.length + 1;
const MIN_ENVELOPE_BYTES = HEADER_BYTES + ENVELOPE_NONCE_BYTES + ENVELOPE_TAG_BYTES;

export interface SealedCredential {
  /** Public bytes to store anywhere. */
  envelope: Uint8Array;
  /** 32 secret bytes for the holder alone. */
  key: Uint8Array;
}

/**
 * Encrypts one credential body under a new random key. The page's sealer (share links); the
 * issuer seals with sealEnvelopeNative.ts, which gives the same bytes faster on Node.
 */
export function sealCredential(plaintext: Uint8Array): SealedCredential {
  const key = secureRandom(ENVELOPE_KEY_BYTES);
  return { envelope: sealEnvelope(plaintext, key, secureRandom(ENVELOPE_NONCE_BYTES)), key };
}

/** The envelope of `plaintext` under `key` and `nonce`; the nonce must never repeat for a key. */
function sealEnvelope(plaintext: Uint8Array, key: Uint8Array, nonce: Uint8Array): Uint8Array {
  const header = envelopeHeader();
  const sealed = xchacha20poly1305(key, nonce, header).encrypt(plaintext);
  const envelope = new Uint8Array(HEADER_BYTES + ENVELOPE_NONCE_BYTES + sealed.byteLength);
  envelope.set(header, 0);
  envelope.set(nonce, HEADER_BYTES);
  envelope.set(sealed, HEADER_BYTES + ENVELOPE_NONCE_BYTES);
  return envelope;
}

/** Magic and version: the first bytes of every envelope, and its associated data. */
export function envelopeHeader(): Uint8Array {
  const header = new Uint8Array(HEADER_BYTES);
  header.set(ENVELOPE_MAGIC, 0);
  header[ENVELOPE_MAGIC.length] = ENVELOPE_VERSION;
  return header;
}

/**
 * Decrypts an envelope with the holder's key. `label` names the envelope in errors (its CID,
 * or a file name).
 */
export function openEnvelope(
  envelope: Uint8Array,
  key: Uint8Array,
  label = "the envelope",
): Uint8Array {
  if (envelope.byteLength < HEADER_BYTES) {
    throw new EnvelopeFormatError(label, `${envelope.byteLength} bytes is too short for a header`);
  }
  for (let i = 0; i < ENVELOPE_MAGIC.length; i++) {
    if (envelope[i] !== ENVELOPE_MAGIC[i]) {
      throw new EnvelopeFormatError(label, "it does not start with the magic bytes CAEV");
    }
  }
  const version = envelope[ENVELOPE_MAGIC.length]!;
  if (version !== ENVELOPE_VERSION) {
    throw new EnvelopeVersionError(label, version, [ENVELOPE_VERSION]);
  }
  if (envelope.byteLength < MIN_ENVELOPE_BYTES) {
    throw new EnvelopeFormatError(
      label,
      `${envelope.byteLength} bytes is shorter than a nonce and a tag (${MIN_ENVELOPE_BYTES})`,
    );
  }
  if (key.byteLength !== ENVELOPE_KEY_BYTES) throw new EnvelopeKeyError(label, key.byteLength);
  const header = envelope.subarray(0, HEADER_BYTES);
  const nonce = envelope.subarray(HEADER_BYTES, HEADER_BYTES + ENVELOPE_NONCE_BYTES);
  const sealed = envelope.subarray(HEADER_BYTES + ENVELOPE_NONCE_BYTES);
  try {
    return xchacha20poly1305(key, nonce, header).decrypt(sealed);
  } catch {
    throw new EnvelopeDecryptionError(label);
  }
}
