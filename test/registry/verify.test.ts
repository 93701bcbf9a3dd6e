// verify(): the registry computes the leaf from (index, credentialDigest) itself, checks inclusion
// with proofs from @openzeppelin/merkle-tree, and the status bits at that same index. Because the
// index is inside the leaf, a holder cannot claim another index to dodge a revocation bit.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";
import {
  batchTree,
  credentialOf,
  DEGREE,
  deployRegistries,
  ethers,
  MANIFEST_CID,
  networkHelpers,
  seededRandom,
} from "./fixtures.ts";

const { loadFixture } = networkHelpers;
const SIZE = 16;

/** OpenZeppelin's commutative node hash: keccak256 of the two children in ascending order. */
function hashPair(a: string, b: string): string {
  return ethers.keccak256(BigInt(a) < BigInt(b) ? ethers.concat([a, b]) : ethers.concat([b, a]));
}

/** The issuer anchored a real tree of SIZE credentials; credential 5 is revoked. */
async function anchoredTree() {
  const f = await deployRegistries();
  const tree = batchTree(SIZE);
  const root = tree.root;
  await f.registry.connect(f.issuer).anchor(root, SIZE, DEGREE, MANIFEST_CID);
  return { ...f, tree, root };
}

async function revokedFive() {
  const f = await anchoredTree();
  await f.registry.connect(f.issuer).revokeCredential(f.issuer.address, f.root, 5, 1);
  return f;
}

describe("CredentialRegistry verify", () => {
  for (const size of [1, 2, 3, 5, 8, 13, 100, 257, 1000]) {
    it(`verifies credentials of a ${size}-credential tree built by @openzeppelin/merkle-tree`, async () => {
      const { registry, issuer } = await loadFixture(deployRegistries);
      const tree = batchTree(size, `size ${size}`);
      await registry.connect(issuer).anchor(tree.root, size, DEGREE, MANIFEST_CID);
      const random = seededRandom(size);
      const checked =
        size <= 13
          ? Array.from({ length: size }, (_, i) => i)
          : [0, size - 1, ...Array.from({ length: 20 }, () => Math.floor(random() * size))];
      for (const index of checked) {
        const { digest, proof } = credentialOf(tree, index);
        const [valid] = await registry.verify(issuer.address, tree.root, index, digest, proof);
        expect(valid).to.equal(true, `credential ${index}`);
      }
    });
  }

  it("returns the credential's full status with the answer", async () => {
    const { registry, issuer, tree, root } = await loadFixture(anchoredTree);
    const { digest, proof } = credentialOf(tree, 3);
    const [, status] = await registry.verify(issuer.address, root, 3, digest, proof);
    expect(Array.from(status)).to.deep.equal(
      Array.from(await registry.credentialStatus(issuer.address, root, 3)),
    );
  });

  it("rejects a changed credential digest", async () => {
    const { registry, issuer, tree, root } = await loadFixture(anchoredTree);
    const { digest, proof } = credentialOf(tree, 3);
    const tampered = ethers.toBeHex(BigInt(digest) ^ 1n, 32);
    const [valid] = await registry.verify(issuer.address, root, 3, tampered, proof);
    expect(valid).to.equal(false);
  });

  it("rejects a changed proof", async () => {
    const { registry, issuer, tree, root } = await loadFixture(anchoredTree);
    const { digest, proof } = credentialOf(tree, 3);
    const tampered = [...proof];
    tampered[1] = ethers.toBeHex(BigInt(tampered[1]!) ^ 1n, 32);
    const [valid] = await registry.verify(issuer.address, root, 3, digest, tampered);
    expect(valid).to.equal(false);
  });

  it("rejects a proof missing its last step", async () => {
    const { registry, issuer, tree, root } = await loadFixture(anchoredTree);
    const { digest, proof } = credentialOf(tree, 3);
    const [valid] = await registry.verify(issuer.address, root, 3, digest, proof.slice(0, -1));
    expect(valid).to.equal(false);
  });

  it("rejects another credential's proof", async () => {
    const { registry, issuer, tree, root } = await loadFixture(anchoredTree);
    const { digest } = credentialOf(tree, 3);
    const { proof } = credentialOf(tree, 12);
    const [valid] = await registry.verify(issuer.address, root, 3, digest, proof);
    expect(valid).to.equal(false);
  });

  it("rejects an inner node of the tree presented as a credential digest", async () => {
    const { registry, issuer, tree, root } = await loadFixture(anchoredTree);
    const { digest, proof } = credentialOf(tree, 3);
    const leaf = tree.leafHash([3n, digest]);
    const innerNode = hashPair(leaf, proof[0]!);
    // The inner node with the rest of the proof reaches the root: only the leaf hashing stops it.
    expect(proof.slice(1).reduce(hashPair, innerNode)).to.equal(root);
    const [valid] = await registry.verify(issuer.address, root, 3, innerNode, proof.slice(1));
    expect(valid).to.equal(false);
  });

  it("rejects a credential under a root its named issuer never anchored", async () => {
    const { registry, otherIssuer, tree, root } = await loadFixture(anchoredTree);
    const { digest, proof } = credentialOf(tree, 3);
    const [valid, status] = await registry.verify(otherIssuer.address, root, 3, digest, proof);
    expect([valid, status.anchoredAt]).to.deep.equal([false, 0n]);
  });

  it("rejects an index at or past the anchored leaf count even with a valid proof", async () => {
    const { registry, issuer } = await loadFixture(deployRegistries);
    const tree = batchTree(SIZE);
    await registry.connect(issuer).anchor(tree.root, SIZE - 2, DEGREE, MANIFEST_CID);
    const { digest, proof } = credentialOf(tree, SIZE - 2);
    const [valid] = await registry.verify(issuer.address, tree.root, SIZE - 2, digest, proof);
    expect(valid).to.equal(false);
  });

  it("rejects a revoked credential, reporting it revoked", async () => {
    const { registry, issuer, tree, root } = await loadFixture(revokedFive);
    const { digest, proof } = credentialOf(tree, 5);
    const [valid, status] = await registry.verify(issuer.address, root, 5, digest, proof);
    expect([valid, status.revoked]).to.deep.equal([false, true]);
  });

  it("rejects a suspended credential, reporting it suspended", async () => {
    const { registry, issuer, tree, root } = await loadFixture(anchoredTree);
    await registry.connect(issuer).suspendCredential(issuer.address, root, 9, 1);
    const { digest, proof } = credentialOf(tree, 9);
    const [valid, status] = await registry.verify(issuer.address, root, 9, digest, proof);
    expect([valid, status.suspended]).to.deep.equal([false, true]);
  });

  it("accepts a credential again once its suspension is lifted", async () => {
    const { registry, issuer, tree, root } = await loadFixture(anchoredTree);
    await registry.connect(issuer).suspendCredential(issuer.address, root, 9, 1);
    await registry.connect(issuer).unsuspendCredential(issuer.address, root, 9, 1);
    const { digest, proof } = credentialOf(tree, 9);
    const [valid] = await registry.verify(issuer.address, root, 9, digest, proof);
    expect(valid).to.equal(true);
  });

  it("rejects every credential of a revoked batch", async () => {
    const { registry, issuer, tree, root } = await loadFixture(anchoredTree);
    await registry.connect(issuer).revokeBatch(issuer.address, root, 1);
    for (let index = 0; index < SIZE; index++) {
      const { digest, proof } = credentialOf(tree, index);
      const [valid] = await registry.verify(issuer.address, root, index, digest, proof);
      expect(valid).to.equal(false, `credential ${index}`);
    }
  });

  it("keeps the other credentials of a batch valid when one is revoked", async () => {
    const { registry, issuer, tree, root } = await loadFixture(revokedFive);
    const { digest, proof } = credentialOf(tree, 6);
    const [valid] = await registry.verify(issuer.address, root, 6, digest, proof);
    expect(valid).to.equal(true);
  });

  describe("index binding", () => {
    it("never lets the holder of a revoked credential pass it off under any clean index", async () => {
      const { registry, issuer, tree, root } = await loadFixture(revokedFive);
      const { digest, proof } = credentialOf(tree, 5);
      const claims = [...Array.from({ length: SIZE }, (_, i) => i), 5 + 256, 5 + 2 ** 32];
      for (const claimed of claims.filter((i) => i !== 5)) {
        const [valid] = await registry.verify(issuer.address, root, claimed, digest, proof);
        expect(valid).to.equal(false, `claimed index ${claimed}`);
      }
    });

    it("never lets it pass with the proof of the clean index it claims", async () => {
      const { registry, issuer, tree, root } = await loadFixture(revokedFive);
      const { digest } = credentialOf(tree, 5);
      for (let claimed = 0; claimed < SIZE; claimed++) {
        if (claimed === 5) continue;
        const { proof } = credentialOf(tree, claimed);
        const [valid] = await registry.verify(issuer.address, root, claimed, digest, proof);
        expect(valid).to.equal(false, `claimed index ${claimed}`);
      }
    });

    it("fails on inclusion for the claimed index, though that index's status bits are clean", async () => {
      const { registry, issuer, tree, root } = await loadFixture(revokedFive);
      const { digest, proof } = credentialOf(tree, 5);
      const [valid, status] = await registry.verify(issuer.address, root, 6, digest, proof);
      const includedAsSix = StandardMerkleTree.verify(
        root,
        ["uint256", "bytes32"],
        [6n, digest],
        proof,
      );
      expect([
        valid,
        includedAsSix,
        status.revoked,
        status.suspended,
        status.batchRevoked,
      ]).to.deep.equal([false, false, false, false, false]);
    });
  });
});
