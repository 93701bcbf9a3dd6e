// A batch's published revocation list: the W3C BitstringStatusListCredential (unsigned) built from
// what the registry says about the batch, its revocation bitmap words and whether the whole batch
// is revoked. Pure: the caller reads the chain, signs (eddsa-rdfc-2022) and writes the file. The
// list carries revocation only; suspension stays on chain, where our verifier reads it.
import { encodeStatusList, STATUS_LIST_MIN_BITS } from "../dataIntegrity/index.ts";
import { CredanchorError } from "../errors.ts";

const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";

/** The credential a status list URL serves, before its proof is added. */
export type BitstringStatusListCredential = {
  "@context": [typeof VC_V2_CONTEXT];
  id: string;
  type: ["VerifiableCredential", "BitstringStatusListCredential"];
  /** The issuer's did:key, the same as the credentials' issuer.id. */
  issuer: string;
  validFrom: string;
  credentialSubject: {
    id: string;
    type: "BitstringStatusList";
    statusPurpose: "revocation";
    /** "u" + base64url(gzip(bits)), bits most significant first (W3C Bitstring Status List). */
    encodedList: string;
  };
};

/** What the registry says about one batch's revocations. */
export interface BatchRevocations {
  leafCount: number;
  batchRevoked: boolean;
  /**
   * The revocation bitmap from the first word on, as the registry stores it: word w holds
   * credentials 256w to 256w + 255, credential i at bit (i & 255) counted from the least
   * significant bit (`1 << (index & 0xff)` in CredentialRegistry). Missing words are all zero.
   */
  revokedWords: readonly bigint[];
}

export interface StatusListParams extends BatchRevocations {
  /** The list's URL: credentialStatus.statusListCredential of the batch's credentials. */
  url: string;
  /** The issuer's did:key. */
  issuer: string;
  /** ISO 8601 UTC, e.g. 2026-12-04T11:00:00Z. */
  validFrom: string;
}

/**
 * The list's bits, most significant bit of byte 0 first: bit i is set when credential i is
 * revoked or the whole batch is. Length max(131,072, leafCount rounded up to whole bytes), the
 * Recommendation's minimum keeping a list from telling how many credentials a batch holds.
 */
export function statusListBits(revocations: BatchRevocations): Uint8Array {
  const { leafCount, batchRevoked, revokedWords } = revocations;
  if (!Number.isSafeInteger(leafCount) || leafCount < 0) {
    throw new CredanchorError("STATUS_LIST_INVALID", `A batch of ${leafCount} credentials?`, {
      leafCount,
    });
  }
  const bitCount = Math.max(STATUS_LIST_MIN_BITS, Math.ceil(leafCount / 8) * 8);
  const bits = new Uint8Array(bitCount / 8);
  const set = (index: number) => {
    bits[index >> 3]! |= 0x80 >> (index & 7);
  };
  if (batchRevoked) {
    for (let index = 0; index < leafCount; index++) set(index);
    return bits;
  }
  const wordCount = Math.min(revokedWords.length, Math.ceil(leafCount / 256));
  for (let w = 0; w < wordCount; w++) {
    let word = revokedWords[w]!;
    for (let bit = 0; word !== 0n; bit++, word >>= 1n) {
      const index = w * 256 + bit;
      if (word & 1n && index < leafCount) set(index);
    }
  }
  return bits;
}

/** The unsigned BitstringStatusListCredential of one batch. */
export async function buildStatusListCredential(
  params: StatusListParams,
): Promise<BitstringStatusListCredential> {
  return {
    "@context": [VC_V2_CONTEXT],
    id: params.url,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: params.issuer,
    validFrom: params.validFrom,
    credentialSubject: {
      id: `${params.url}#list`,
      type: "BitstringStatusList",
      statusPurpose: "revocation",
      encodedList: await encodeStatusList(statusListBits(params)),
    },
  };
}

/** How many credentials of the batch the list marks revoked. */
export function revokedCount(revocations: BatchRevocations): number {
  if (revocations.batchRevoked) return revocations.leafCount;
  const bits = statusListBits(revocations);
  let count = 0;
  for (const byte of bits) {
    for (let b = byte; b !== 0; b &= b - 1) count++;
  }
  return count;
}
