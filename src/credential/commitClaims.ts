// The issuer's fast path to a credential digest: every claim digest and the credential digest in
// one pass over two reusable buffers, with no allocation per claim. The bytes hashed are exactly
// those of claimDigest.ts and credentialDigest.ts (the definitions, which verifiers use); tests
// check the two paths agree on any claims. Building a batch hashes tens of claims per credential,
// so per-claim allocations and encoder calls were a large part of issuing.
import { keccak256Into } from "../hash/keccak256.ts";
import { SALT_BYTES } from "./constants.ts";

const encoder = new TextEncoder();
let claimBuffer = new Uint8Array(1 << 14);
let credentialBuffer = new Uint8Array(1 << 16);

/** A claim to commit to: its pointer and its value in RFC 8785 form. */
export interface ClaimToCommit {
  pointer: string;
  canonicalValue: string;
}

/**
 * The credential digest (32 bytes) of `claims`, which must be in pointer order (comparePointers),
 * with claim i salted by `salts[16 i, 16 i + 16)`.
 */
export function commitClaims(claims: readonly ClaimToCommit[], salts: Uint8Array): Uint8Array {
  let credentialSize = 0;
  for (const { pointer } of claims) credentialSize += 4 + 3 * pointer.length + 32;
  if (credentialBuffer.length < credentialSize) credentialBuffer = new Uint8Array(credentialSize);
  const credential = credentialBuffer;
  let at = 0;
  for (let i = 0; i < claims.length; i++) {
    const { pointer, canonicalValue } = claims[i]!;
    const claimSize = SALT_BYTES + 4 + 3 * (pointer.length + canonicalValue.length);
    if (claimBuffer.length < claimSize) claimBuffer = new Uint8Array(claimSize);
    const claim = claimBuffer;
    // claim preimage: salt[16] || uint32be(len(pointer)) || pointer || value
    claim.set(salts.subarray(i * SALT_BYTES, (i + 1) * SALT_BYTES), 0);
    const pointerLength = writeUtf8(pointer, claim, SALT_BYTES + 4);
    writeUint32(claim, SALT_BYTES, pointerLength);
    const end = SALT_BYTES + 4 + pointerLength;
    const claimEnd = end + writeUtf8(canonicalValue, claim, end);
    // credential preimage entry: uint32be(len(pointer)) || pointer || claimDigest[32]
    writeUint32(credential, at, pointerLength);
    credential.set(claim.subarray(SALT_BYTES + 4, end), at + 4);
    at += 4 + pointerLength;
    keccak256Into(claim, 0, claimEnd, credential, at);
    at += 32;
  }
  const digest = new Uint8Array(32);
  keccak256Into(credential, 0, at, digest, 0);
  return digest;
}

/** Writes `text` as UTF-8 at `at` (room for 3 bytes per UTF-16 unit); returns the byte count. */
function writeUtf8(text: string, into: Uint8Array, at: number): number {
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return encoder.encodeInto(text, into.subarray(at)).written;
    into[at + i] = code;
  }
  return length;
}

function writeUint32(into: Uint8Array, at: number, value: number): void {
  into[at] = value >>> 24;
  into[at + 1] = (value >>> 16) & 0xff;
  into[at + 2] = (value >>> 8) & 0xff;
  into[at + 3] = value & 0xff;
}
