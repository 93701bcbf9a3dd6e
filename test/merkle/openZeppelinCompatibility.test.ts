// The tree is byte-for-byte OpenZeppelin's StandardMerkleTree of (uint256 index, bytes32 digest):
// same root and same proof for every credential, for random batches of many shapes (one leaf,
// odd counts, powers of two and the counts just past them), whichever input form or thread count.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { getProof } from "@openzeppelin/merkle-tree/dist/core.js";
import { expect } from "chai";
import type { Hex } from "viem";
import { buildMerkleTree, verifyMerkleProof } from "../../src/merkle/index.ts";
import { packDigests, randomDigests } from "./reference.ts";

const SIZES = [1, 2, 3, 5, 7, 8, 16, 33, 100, 1000, 10_000];

function openZeppelinTree(digests: readonly Hex[]) {
  return StandardMerkleTree.of(
    digests.map((digest, index) => [index, digest]),
    ["uint256", "bytes32"],
  );
}

describe("merkle: compatibility with @openzeppelin/merkle-tree", function () {
  this.timeout(120_000);

  for (const size of SIZES) {
    describe(`a random batch of ${size}`, () => {
      const digests = randomDigests(size, size);
      const reference = openZeppelinTree(digests);

      it("has the same root", async () => {
        const tree = await buildMerkleTree(digests);
        expect(tree.root).to.equal(reference.root);
        expect(tree.leafCount).to.equal(size);
      });

      it("gives every credential the same proof", async () => {
        const tree = await buildMerkleTree(digests);
        // The library's own proof walk over its dumped tree: getProof(index) would also re-verify
        // each proof with a slow keccak, which adds nothing here and takes seconds at 10,000.
        const { tree: nodes, values } = reference.dump();
        for (let index = 0; index < size; index++) {
          const expected = getProof(nodes, values[index]!.treeIndex);
          expect(tree.proof(index).join(), `proof ${index}`).to.equal(expected.join());
        }
        expect(tree.proof(size - 1)).to.deep.equal(reference.getProof(size - 1));
      });

      it("yields each proof once from proofs(), equal to proof(index)", async () => {
        const tree = await buildMerkleTree(digests);
        const seen = new Set<number>();
        for (const { index, proof } of tree.proofs()) {
          expect(seen.has(index), `index ${index} twice`).to.equal(false);
          seen.add(index);
          expect(proof.join(), `proof ${index}`).to.equal(tree.proof(index).join());
        }
        expect(seen.size).to.equal(size);
      });

      it("makes proofs that both libraries' verify functions accept", async () => {
        const tree = await buildMerkleTree(digests);
        const step = Math.max(1, Math.floor(size / 200));
        for (let index = 0; index < size; index += step) {
          const proof = tree.proof(index);
          const value = [index, digests[index]!];
          expect(
            StandardMerkleTree.verify(tree.root, ["uint256", "bytes32"], value, proof),
          ).to.equal(true);
          expect(verifyMerkleProof(tree.root, index, digests[index]!, proof)).to.equal(true);
        }
      });
    });
  }

  it("accepts the digests packed as bytes, and upper-case hex, for the same tree", async () => {
    const digests = randomDigests(33, 7);
    const fromHex = await buildMerkleTree(digests);
    const fromBytes = await buildMerkleTree(packDigests(digests));
    const fromUpper = await buildMerkleTree(
      digests.map((d) => `0x${d.slice(2).toUpperCase()}` as Hex),
    );
    expect(fromBytes.root).to.equal(fromHex.root);
    expect(fromUpper.root).to.equal(fromHex.root);
    expect(fromBytes.proof(32)).to.deep.equal(fromHex.proof(32));
  });

  it("gives each leaf as the library stores it", async () => {
    const digests = randomDigests(5, 5);
    const reference = openZeppelinTree(digests);
    const tree = await buildMerkleTree(digests);
    for (const [index, value] of reference.entries()) {
      expect(tree.leaf(index)).to.equal(reference.leafHash(value));
    }
  });

  it("matches the library when the work is split across worker threads", async () => {
    // 20,000 leaves: past the 16,384 below which a build stays on the calling thread. The
    // library takes seconds at this size, so its root is kept here (StandardMerkleTree.of over
    // randomDigests(20_000, 20_000), @openzeppelin/merkle-tree 1.0.8).
    const digests = randomDigests(20_000, 20_000);
    const libraryRoot = "0x16c5b5818d9e0f6a12a4c76870236d0cb99b8b43f6f1e506be2ce43dae1e3d4f";
    const threaded = await buildMerkleTree(digests, { threads: 2 });
    const single = await buildMerkleTree(digests, { threads: 1 });
    expect(threaded.root).to.equal(libraryRoot);
    expect(single.root).to.equal(libraryRoot);
    for (let index = 0; index < digests.length; index += 97) {
      expect(threaded.proof(index).join(), `proof ${index}`).to.equal(single.proof(index).join());
    }
  });
});
