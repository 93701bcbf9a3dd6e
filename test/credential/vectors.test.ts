import { readFileSync } from "node:fs";
import { sha256 } from "@noble/hashes/sha2.js";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";
import { encodePacked, type Hex, keccak256 } from "viem";
import {
  type CredanchorCredential,
  type CredanchorCredentialV2,
  canonicalJson,
  claimDigest,
  credentialDigest,
  credentialTypeId,
  encodeClaimPreimage,
  encodeCredentialPreimage,
  verifyIntegrity,
} from "../../src/credential/index.ts";
import {
  canonicalNQuads,
  publicKeyFromDidKey,
  verifyEddsaProof,
} from "../../src/dataIntegrity/index.ts";
import { merkleLeaf, verifyMerkleProof } from "../../src/merkle/index.ts";
import { generateVectors, generateVectorsV2 } from "../fixtures/credential/generate-vectors.ts";

type Claim = { pointer: string; value: unknown; salt: Hex; digest: Hex };
type Vectors = {
  canonicalJson: { value: unknown; canonical: string }[];
  claimDigests: {
    salt: Hex;
    pointer: string;
    value: unknown;
    canonicalValue: string;
    preimage: Hex;
    digest: Hex;
  }[];
  credentialTypeIds: { name: string; id: Hex }[];
  batch: {
    root: Hex;
    credentials: {
      index: number;
      claims: Claim[];
      credentialDigestPreimage: Hex;
      credentialDigest: Hex;
      leaf: Hex;
      proof: Hex[];
      file: CredanchorCredential;
    }[];
    disclosures: { index: number; pointers: string[]; file: CredanchorCredential }[];
  };
};

const vectors: Vectors = JSON.parse(
  readFileSync(new URL("../fixtures/credential/vectors.json", import.meta.url), "utf8"),
);

/** The claim digest as Solidity computes it with abi.encodePacked. */
function solidityClaimDigest({
  salt,
  pointer,
  canonicalValue,
}: {
  salt: Hex;
  pointer: string;
  canonicalValue: string;
}): Hex {
  const length = new TextEncoder().encode(pointer).length;
  return keccak256(
    encodePacked(
      ["bytes16", "uint32", "string", "string"],
      [salt, length, pointer, canonicalValue],
    ),
  );
}

describe("test vectors (test/fixtures/credential/vectors.json)", () => {
  it("are what the generator makes today (the format has not drifted)", async () => {
    const fresh = JSON.parse(JSON.stringify(await generateVectors()));
    expect(fresh).to.deep.equal(vectors);
  });

  it("canonicalise as listed", () => {
    for (const { value, canonical } of vectors.canonicalJson)
      expect(canonicalJson(value)).to.equal(canonical);
  });

  it("give the listed claim preimages and digests, which abi.encodePacked reproduces", () => {
    for (const v of vectors.claimDigests) {
      expect(canonicalJson(v.value)).to.equal(v.canonicalValue);
      expect(
        `0x${Buffer.from(encodeClaimPreimage(v.salt, v.pointer, v.value)).toString("hex")}`,
      ).to.equal(v.preimage);
      expect(claimDigest(v.salt, v.pointer, v.value)).to.equal(v.digest);
      expect(solidityClaimDigest(v)).to.equal(v.digest);
      expect(keccak256(v.preimage)).to.equal(v.digest);
    }
  });

  it("give the listed credential type ids", () => {
    for (const { name, id } of vectors.credentialTypeIds)
      expect(credentialTypeId(name)).to.equal(id);
  });

  it("recompute every claim digest and credential digest of the batch from the listed salts", () => {
    for (const c of vectors.batch.credentials) {
      for (const claim of c.claims)
        expect(claimDigest(claim.salt, claim.pointer, claim.value), claim.pointer).to.equal(
          claim.digest,
        );
      expect(`0x${Buffer.from(encodeCredentialPreimage(c.claims)).toString("hex")}`).to.equal(
        c.credentialDigestPreimage,
      );
      expect(keccak256(c.credentialDigestPreimage)).to.equal(c.credentialDigest);
      expect(credentialDigest(c.claims)).to.equal(c.credentialDigest);
      const result = verifyIntegrity(c.file);
      expect(result.ok && result.credentialDigest).to.equal(c.credentialDigest);
    }
  });

  it("list the credential digest preimage as abi.encodePacked of (uint32 length, pointer, claim digest) in pointer order", () => {
    for (const c of vectors.batch.credentials) {
      const sorted = [...c.claims].sort((a, b) =>
        Buffer.compare(Buffer.from(a.pointer), Buffer.from(b.pointer)),
      );
      const types = sorted.flatMap(() => ["uint32", "string", "bytes32"] as const);
      const values = sorted.flatMap((claim) => [
        Buffer.byteLength(claim.pointer),
        claim.pointer,
        claim.digest,
      ]);
      expect(encodePacked(types, values)).to.equal(c.credentialDigestPreimage);
    }
  });

  it("give leaves, root and proofs that both merkle implementations accept", () => {
    const reference = StandardMerkleTree.of(
      vectors.batch.credentials.map((c) => [c.index, c.credentialDigest]),
      ["uint256", "bytes32"],
    );
    expect(reference.root).to.equal(vectors.batch.root);
    for (const c of vectors.batch.credentials) {
      expect(merkleLeaf(c.index, c.credentialDigest)).to.equal(c.leaf);
      expect(reference.leafHash([c.index, c.credentialDigest])).to.equal(c.leaf);
      expect(verifyMerkleProof(vectors.batch.root, c.index, c.credentialDigest, c.proof)).to.equal(
        true,
      );
      expect(c.file.proof.anchor?.merkleProof).to.deep.equal(c.proof);
      expect(c.file.credentialStatus.batchRoot).to.equal(vectors.batch.root);
    }
  });

  it("give disclosed files that verify to the digest of their full file", () => {
    for (const d of vectors.batch.disclosures) {
      const full = vectors.batch.credentials[d.index]!;
      const result = verifyIntegrity(d.file);
      expect(result.ok && result.credentialDigest).to.equal(full.credentialDigest);
    }
  });
});

type VectorsV2 = {
  cryptosuite: string;
  batch: {
    root: Hex;
    blockTime: string;
    credentials: {
      index: number;
      claims: Claim[];
      credentialDigestPreimage: Hex;
      credentialDigest: Hex;
      leaf: Hex;
      proof: Hex[];
      documentNQuads: string;
      documentHash: Hex;
      file: CredanchorCredentialV2;
    }[];
    disclosures: { index: number; pointers: string[]; file: CredanchorCredentialV2 }[];
  };
};

const vectorsV2: VectorsV2 = JSON.parse(
  readFileSync(new URL("../fixtures/credential/vectors-v2.json", import.meta.url), "utf8"),
);

describe("test vectors v2 (test/fixtures/credential/vectors-v2.json)", () => {
  it("are what the generator makes today (the format has not drifted)", async () => {
    const fresh = JSON.parse(JSON.stringify(await generateVectorsV2()));
    expect(fresh).to.deep.equal(vectorsV2);
  });

  it("recompute every claim digest, credential digest, leaf and root with the v1 digest rules", () => {
    expect(vectorsV2.cryptosuite).to.equal("credanchor-keccak-jcs-v2");
    for (const c of vectorsV2.batch.credentials) {
      for (const claim of c.claims)
        expect(claimDigest(claim.salt, claim.pointer, claim.value)).to.equal(claim.digest);
      expect(keccak256(c.credentialDigestPreimage)).to.equal(c.credentialDigest);
      expect(credentialDigest(c.claims)).to.equal(c.credentialDigest);
      expect(merkleLeaf(c.index, c.credentialDigest)).to.equal(c.leaf);
      expect(
        verifyMerkleProof(vectorsV2.batch.root, c.index, c.credentialDigest, c.proof),
      ).to.equal(true);
      const result = verifyIntegrity(c.file);
      expect(result.ok && result.credentialDigest).to.equal(c.credentialDigest);
      expect(c.file.proof[0].created).to.equal(vectorsV2.batch.blockTime);
    }
  });

  it("carry signatures over the listed canonical document, by the issuer's did:key", async () => {
    for (const c of vectorsV2.batch.credentials) {
      const { proof, ...document } = c.file;
      expect(await canonicalNQuads(document)).to.equal(c.documentNQuads);
      expect(
        `0x${Buffer.from(sha256(new TextEncoder().encode(c.documentNQuads))).toString("hex")}`,
      ).to.equal(c.documentHash);
      const key = publicKeyFromDidKey(c.file.issuer.id);
      expect(await verifyEddsaProof(document, proof[1]!, { publicKey: key })).to.equal(true);
      const edited = { ...document, name: `${document.name}.` };
      expect(await verifyEddsaProof(edited, proof[1]!, { publicKey: key })).to.equal(false);
    }
  });

  it("give disclosed copies with only the anchor proof, verifying to their full file's digest", () => {
    for (const d of vectorsV2.batch.disclosures) {
      expect(d.file.proof).to.have.length(1);
      const result = verifyIntegrity(d.file);
      expect(result.ok && result.credentialDigest).to.equal(
        vectorsV2.batch.credentials[d.index]!.credentialDigest,
      );
    }
  });
});
