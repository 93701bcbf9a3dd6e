// The tree kernels (src/merkle/treeKernels.ts) against the reference rules, on inputs random
// trees rarely produce: sibling pairs that agree on their first 8, 16, 24 or all 32 bytes (each
// lane of the byte-order comparison), indices past 2^32, and the placement of sorted leaves.
import { expect } from "chai";
import fc from "fast-check";
import { bytesToHex, hexToBytes } from "viem";
import { DATA_OFFSET } from "../../src/merkle/wasmKernels.ts";
import { kernelsWithMemory, read } from "./kernelMemory.ts";
import { randomDigests, referenceLeaf, referencePair } from "./reference.ts";

describe("merkle: WebAssembly tree kernels", () => {
  it("hashLeaves gives the reference leaf, in place, for indices past 2^32", () => {
    const { kernels, bytes } = kernelsWithMemory();
    const digests = randomDigests(40, 1);
    digests.forEach((digest, i) => {
      bytes.set(hexToBytes(digest), DATA_OFFSET + 32 * i);
    });
    const first = 2 ** 32 - 20;
    kernels.hashLeaves(DATA_OFFSET, first, digests.length);
    digests.forEach((digest, i) => {
      expect(read(bytes, DATA_OFFSET + 32 * i), `leaf ${i}`).to.equal(
        referenceLeaf(first + i, digest),
      );
    });
  });

  it("hashNodes hashes each pair in byte order, whatever prefix the two share", () => {
    const { kernels, bytes } = kernelsWithMemory();
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.nat({ max: 32 }),
        (left, tail, shared) => {
          const right = Uint8Array.from(left);
          right.set(tail.subarray(shared), shared);
          // A three-node tree: node 0 from children 1 and 2.
          bytes.set(left, DATA_OFFSET + 32);
          bytes.set(right, DATA_OFFSET + 64);
          kernels.hashNodes(DATA_OFFSET, 0, 1);
          expect(read(bytes, DATA_OFFSET)).to.equal(
            referencePair(bytesToHex(left), bytesToHex(right)),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it("hashNodes works down from the last node, so one call hashes a whole tree", () => {
    const { kernels, bytes } = kernelsWithMemory();
    const leaves = randomDigests(5, 2);
    // Heap order: nodes 0..3 inner, 4..8 the leaves.
    leaves.forEach((leaf, k) => {
      bytes.set(hexToBytes(leaf), DATA_OFFSET + 32 * (4 + k));
    });
    kernels.hashNodes(DATA_OFFSET, 0, 4);
    const node3 = referencePair(leaves[3]!, leaves[4]!);
    const node1 = referencePair(node3, leaves[0]!);
    const node2 = referencePair(leaves[1]!, leaves[2]!);
    expect(read(bytes, DATA_OFFSET)).to.equal(referencePair(node1, node2));
  });

  it("placeLeaves fills the last slots backwards in the given order", () => {
    const { kernels, bytes } = kernelsWithMemory();
    const values = randomDigests(4, 3);
    values.forEach((value, i) => {
      bytes.set(hexToBytes(value), DATA_OFFSET + 32 * i);
    });
    const orderAt = DATA_OFFSET + 32 * 4;
    new Uint32Array(bytes.buffer, orderAt, 4).set([2, 0, 3, 1]);
    const dst = orderAt + 16;
    kernels.placeLeaves(dst, DATA_OFFSET, orderAt, 4);
    const placed = [0, 1, 2, 3].map((slot) => read(bytes, dst + 32 * slot));
    expect(placed).to.deep.equal([values[1], values[3], values[0], values[2]]);
  });
});
