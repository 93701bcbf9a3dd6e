// merkleLeaf is the StandardMerkleTree leaf of (uint256 index, bytes32 digest), checked against
// the plain construction with @noble/hashes and viem's ABI encoder over the whole index range.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";
import fc from "fast-check";
import { bytesToHex } from "viem";
import { merkleLeaf } from "../../src/merkle/index.ts";
import { referenceLeaf } from "./reference.ts";

const digest = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => bytesToHex(bytes));

describe("merkle: merkleLeaf", () => {
  it("equals keccak256(keccak256(abi.encode(index, digest))) for any safe-integer index", () => {
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), digest, (index, d) => {
        expect(merkleLeaf(index, d)).to.equal(referenceLeaf(index, d));
      }),
      { numRuns: 300 },
    );
  });

  it("equals the reference for any uint256 index given as a bigint", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), digest, (index, d) => {
        expect(merkleLeaf(index, d)).to.equal(referenceLeaf(index, d));
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same leaf for a number and the equal bigint", () => {
    const d = bytesToHex(new Uint8Array(32).fill(0xab));
    expect(merkleLeaf(2 ** 40 + 3, d)).to.equal(merkleLeaf(2n ** 40n + 3n, d));
  });

  it("equals the leaf @openzeppelin/merkle-tree stores", () => {
    const d = bytesToHex(new Uint8Array(32).fill(7));
    const tree = StandardMerkleTree.of([[41, d]], ["uint256", "bytes32"]);
    expect(merkleLeaf(41, d)).to.equal(tree.leafHash([41, d]));
  });
});
