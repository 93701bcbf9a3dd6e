// verifyMerkleProof accepts exactly the proofs that lead to the root: any change to a proof
// element, the index, the digest or the root makes it fail (fast-check properties), and it
// orders siblings as OpenZeppelin does even when they share a long prefix with the node.
import { expect } from "chai";
import fc from "fast-check";
import { bytesToHex, type Hex, hexToBytes } from "viem";
import { buildMerkleTree, verifyMerkleProof } from "../../src/merkle/index.ts";
import { randomDigests, referenceLeaf, referenceRoot } from "./reference.ts";

const SIZE = 37;
const digests = randomDigests(SIZE, 37);
const tree = await buildMerkleTree(digests);

/** `hex` with bit `bit` (0 = the top bit of the first byte) flipped. */
function flipBit(hex: Hex, bit: number): Hex {
  const bytes = hexToBytes(hex);
  bytes[bit >>> 3]! ^= 0x80 >>> (bit & 7);
  return bytesToHex(bytes);
}

const index = fc.nat({ max: SIZE - 1 });
const bit = fc.nat({ max: 255 });

describe("merkle: verifyMerkleProof", () => {
  it("accepts every proof of the tree", () => {
    for (let i = 0; i < SIZE; i++) {
      expect(verifyMerkleProof(tree.root, i, digests[i]!, tree.proof(i)), `index ${i}`).to.equal(
        true,
      );
    }
  });

  it("rejects a proof with any bit of any element changed", () => {
    fc.assert(
      fc.property(index, fc.nat(), bit, (i, element, b) => {
        const proof = tree.proof(i);
        const at = element % proof.length;
        proof[at] = flipBit(proof[at]!, b);
        expect(verifyMerkleProof(tree.root, i, digests[i]!, proof)).to.equal(false);
      }),
      { numRuns: 300 },
    );
  });

  it("rejects a proof presented for any other index, number or bigint", () => {
    fc.assert(
      fc.property(
        index,
        fc.oneof(fc.nat({ max: 2 ** 40 }), fc.bigInt({ min: 0n, max: (1n << 256n) - 1n })),
        (i, other) => {
          fc.pre(BigInt(other) !== BigInt(i));
          expect(verifyMerkleProof(tree.root, other, digests[i]!, tree.proof(i))).to.equal(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("rejects a proof with any bit of the digest changed", () => {
    fc.assert(
      fc.property(index, bit, (i, b) => {
        const digest = flipBit(digests[i]!, b);
        expect(verifyMerkleProof(tree.root, i, digest, tree.proof(i))).to.equal(false);
      }),
      { numRuns: 300 },
    );
  });

  it("rejects a proof checked against a root with any bit changed", () => {
    fc.assert(
      fc.property(index, bit, (i, b) => {
        const root = flipBit(tree.root, b);
        expect(verifyMerkleProof(root, i, digests[i]!, tree.proof(i))).to.equal(false);
      }),
      { numRuns: 300 },
    );
  });

  it("rejects a proof with an element dropped, added or swapped for another credential's", () => {
    fc.assert(
      fc.property(index, index, (i, j) => {
        const proof = tree.proof(i);
        expect(verifyMerkleProof(tree.root, i, digests[i]!, proof.slice(1))).to.equal(false);
        expect(verifyMerkleProof(tree.root, i, digests[i]!, [...proof, tree.root])).to.equal(false);
        fc.pre(i !== j);
        expect(verifyMerkleProof(tree.root, i, digests[i]!, tree.proof(j))).to.equal(false);
      }),
      { numRuns: 100 },
    );
  });

  it("accepts a one-credential batch, whose root is its leaf and whose proof is empty", () => {
    const digest = digests[0]!;
    expect(verifyMerkleProof(referenceLeaf(0, digest), 0, digest, [])).to.equal(true);
  });

  it("orders a sibling that shares any prefix with the node as OpenZeppelin does", () => {
    // Random siblings differ from the node in their first byte; these agree for 0 to 32 bytes,
    // so every step of the byte-order comparison decides at least once.
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.nat({ max: 32 }),
        (i, digestBytes, tail, shared) => {
          const digest = bytesToHex(digestBytes);
          const leaf = referenceLeaf(i, digest);
          const sibling = hexToBytes(leaf);
          sibling.set(tail.subarray(shared), shared);
          const proof = [bytesToHex(sibling), digests[1]!];
          const root = referenceRoot(leaf, proof);
          expect(verifyMerkleProof(root, i, digest, proof)).to.equal(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
