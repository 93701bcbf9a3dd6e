// The published revocation list of a batch: the registry's bitmap words (credential i at bit
// i & 255 of word i >> 8, least significant first) become the W3C list's bits (most significant
// bit of byte 0 first), at least 131,072 of them, every credential set when the batch is revoked.
import { expect } from "chai";
import { decodeStatusList, statusBitAt } from "../../src/dataIntegrity/index.ts";
import { buildStatusListCredential, revokedCount, statusListBits } from "../../src/issuer/index.ts";

/** The indices whose bits are set, read the W3C way (byte i >> 3, mask 0x80 >> (i & 7)). */
function setIndices(bits: Uint8Array): number[] {
  const indices: number[] = [];
  for (let i = 0; i < bits.length * 8; i++) {
    if (bits[i >> 3]! & (0x80 >> (i & 7))) indices.push(i);
  }
  return indices;
}

/** Registry words with the given indices set, as CredentialRegistry stores them. */
function wordsWith(indices: number[], wordCount: number): bigint[] {
  const words = Array.from({ length: wordCount }, () => 0n);
  for (const i of indices) words[i >> 8]! |= 1n << BigInt(i & 255);
  return words;
}

describe("status list of a batch", () => {
  it("puts credential i of the registry's words at bit i, most significant bit first", () => {
    const revoked = [0, 3, 9, 255, 256, 511, 700];
    const bits = statusListBits({
      leafCount: 701,
      batchRevoked: false,
      revokedWords: wordsWith(revoked, 3),
    });
    expect(bits[0]).to.equal(0b1001_0000);
    expect(bits[1]).to.equal(0b0100_0000);
    expect(setIndices(bits)).to.deep.equal(revoked);
  });

  it("is 131,072 bits long for a small batch, and a large batch's count rounded up to bytes", () => {
    const small = { leafCount: 3, batchRevoked: false, revokedWords: [] };
    expect(statusListBits(small).length * 8).to.equal(131_072);
    const large = { leafCount: 200_001, batchRevoked: false, revokedWords: [] };
    expect(statusListBits(large).length * 8).to.equal(200_008);
  });

  it("sets every credential of a revoked batch and nothing beyond it", () => {
    const bits = statusListBits({ leafCount: 10, batchRevoked: true, revokedWords: [] });
    expect(setIndices(bits)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(revokedCount({ leafCount: 10, batchRevoked: true, revokedWords: [] })).to.equal(10);
  });

  it("ignores word bits past the batch, as a verifier of the batch never reads them", () => {
    const bits = statusListBits({
      leafCount: 5,
      batchRevoked: false,
      revokedWords: wordsWith([4, 5, 300], 2),
    });
    expect(setIndices(bits)).to.deep.equal([4]);
  });

  it("counts the revoked credentials", () => {
    const revocations = {
      leafCount: 600,
      batchRevoked: false,
      revokedWords: wordsWith([1, 2, 599], 3),
    };
    expect(revokedCount(revocations)).to.equal(3);
  });

  it("builds a BitstringStatusListCredential whose encodedList decodes to those bits", async () => {
    const url =
      "https://northwind-poly.example/credanchor/status/0123456789abcdef0123456789abcdef.json";
    const list = await buildStatusListCredential({
      url,
      issuer: "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
      validFrom: "2026-12-04T11:00:00Z",
      leafCount: 20,
      batchRevoked: false,
      revokedWords: wordsWith([2, 17], 1),
    });
    expect(list).to.deep.include({
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      id: url,
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      issuer: "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
      validFrom: "2026-12-04T11:00:00Z",
    });
    expect(list.credentialSubject).to.include({
      id: `${url}#list`,
      type: "BitstringStatusList",
      statusPurpose: "revocation",
    });
    const bits = await decodeStatusList(list.credentialSubject.encodedList);
    expect(bits.length * 8).to.equal(131_072);
    expect(setIndices(bits)).to.deep.equal([2, 17]);
    expect(statusBitAt(bits, 17)).to.equal(true);
    expect(statusBitAt(bits, 16)).to.equal(false);
  });
});
