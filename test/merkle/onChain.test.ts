// Proofs from buildMerkleTree verify on-chain: in OpenZeppelin's MerkleProof (through a test-only
// harness) and in CredentialRegistry.verify, on Hardhat's in-process chain; a tampered proof,
// index or digest does not.
import { expect } from "chai";
import { network } from "hardhat";
import { buildMerkleTree, merkleLeaf } from "../../src/merkle/index.ts";
import { randomDigests } from "./reference.ts";

const { ethers, networkHelpers } = await network.getOrCreate();

async function deployHarness() {
  return ethers.deployContract("MerkleProofHarness");
}

async function deployRegistry() {
  const [governance, issuer] = await ethers.getSigners();
  const accreditation = await ethers.deployContract("AccreditationRegistry", [
    24 * 60 * 60,
    governance!.address,
  ]);
  const registry = await ethers.deployContract("CredentialRegistry", [
    await accreditation.getAddress(),
  ]);
  return { registry, issuer: issuer! };
}

describe("merkle: proofs on-chain", function () {
  this.timeout(120_000);

  for (const size of [1, 3, 100]) {
    it(`verifies every proof of a ${size}-credential batch in MerkleProof.sol`, async () => {
      const harness = await networkHelpers.loadFixture(deployHarness);
      const digests = randomDigests(size, 1000 + size);
      const tree = await buildMerkleTree(digests);
      for (let index = 0; index < size; index++) {
        const ok = await harness.verify(tree.root, index, digests[index]!, tree.proof(index));
        expect(ok, `index ${index}`).to.equal(true);
      }
    });
  }

  it("computes the same leaf as merkleLeaf", async () => {
    const harness = await networkHelpers.loadFixture(deployHarness);
    const [digest] = randomDigests(1, 5);
    for (const index of [0n, 1n, 2n ** 32n - 2n, 2n ** 256n - 1n]) {
      expect(await harness.leaf(index, digest!)).to.equal(merkleLeaf(index, digest!));
    }
  });

  it("rejects a tampered proof, a wrong index and a wrong digest", async () => {
    const harness = await networkHelpers.loadFixture(deployHarness);
    const digests = randomDigests(10_000, 10_000);
    const tree = await buildMerkleTree(digests);
    const proof = tree.proof(1234);
    expect(await harness.verify(tree.root, 1234, digests[1234]!, proof)).to.equal(true);
    const tampered = [...proof];
    tampered[5] = `0x${(BigInt(proof[5]!) ^ 1n).toString(16).padStart(64, "0")}`;
    expect(await harness.verify(tree.root, 1234, digests[1234]!, tampered)).to.equal(false);
    expect(await harness.verify(tree.root, 1235, digests[1234]!, proof)).to.equal(false);
    expect(await harness.verify(tree.root, 1234, digests[1235]!, proof)).to.equal(false);
  });

  it("passes CredentialRegistry.verify once the root is anchored, and fails when tampered", async () => {
    const { registry, issuer } = await networkHelpers.loadFixture(deployRegistry);
    const digests = randomDigests(33, 33);
    const tree = await buildMerkleTree(digests);
    const credentialType = ethers.dataSlice(ethers.id("BachelorDegree"), 0, 20);
    const manifestCid = ethers.concat(["0x01551220", ethers.id("manifest")]);
    await registry.connect(issuer).anchor(tree.root, tree.leafCount, credentialType, manifestCid);
    for (const index of [0, 16, 32]) {
      const [valid] = await registry.verify(
        issuer.address,
        tree.root,
        index,
        digests[index]!,
        tree.proof(index),
      );
      expect(valid, `index ${index}`).to.equal(true);
    }
    const [wrongIndex] = await registry.verify(
      issuer.address,
      tree.root,
      1,
      digests[0]!,
      tree.proof(0),
    );
    expect(wrongIndex).to.equal(false);
  });
});
