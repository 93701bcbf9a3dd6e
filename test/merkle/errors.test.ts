// Bad input gets a typed error with a stable code that names the input: which digest of the
// batch, which proof element, which index.
import { expect } from "chai";
import type { Hex } from "viem";
import { CredanchorError } from "../../src/errors.ts";
import {
  buildMerkleTree,
  MerkleBytes32Error,
  MerkleEmptyTreeError,
  MerkleIndexError,
  merkleLeaf,
  verifyMerkleProof,
} from "../../src/merkle/index.ts";
import { randomDigests } from "./reference.ts";

const digests = randomDigests(4, 4);
const good = digests[0]!;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  expect.fail("expected a rejection");
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  expect.fail("expected an error");
}

describe("merkle: input errors", () => {
  const badDigests: [string, unknown][] = [
    ["is too short", good.slice(0, 64)],
    ["is too long", `${good}00`],
    ["lacks 0x", good.slice(2).padEnd(66, "0")],
    ["has a non-hex digit", `${good.slice(0, 40)}g${good.slice(41)}`],
    ["has a character outside ASCII whose low byte is a digit", `${good.slice(0, 65)}\u0130`],
    ["has a character outside ASCII in the middle", `${good.slice(0, 30)}é${good.slice(31)}`],
    ["is not a string", 42],
    ["is null", null],
  ];
  for (const [problem, value] of badDigests) {
    it(`names the position of a digest that ${problem}`, async () => {
      const batch = [...digests];
      batch[2] = value as Hex;
      const error = await rejection(buildMerkleTree(batch));
      expect(error).to.be.instanceOf(MerkleBytes32Error).and.instanceOf(CredanchorError);
      expect((error as MerkleBytes32Error).code).to.equal("MERKLE_BYTES32_INVALID");
      expect((error as MerkleBytes32Error).field).to.equal("credentialDigests[2]");
      expect((error as Error).message).to.match(/^credentialDigests\[2\] must be 32 bytes/);
    });
  }

  it("names the first of several bad digests", async () => {
    const batch = [...randomDigests(10, 10)];
    batch[7] = "0x12" as Hex;
    batch[3] = `0x${"z".repeat(64)}` as Hex;
    const error = await rejection(buildMerkleTree(batch));
    expect((error as MerkleBytes32Error).field).to.equal("credentialDigests[3]");
  });

  it("names a bad digest found by a worker thread in a large batch", async () => {
    const batch = randomDigests(20_000, 6);
    batch[19_000] = `${batch[19_000]!.slice(0, 10)}-${batch[19_000]!.slice(11)}` as Hex;
    const error = await rejection(buildMerkleTree(batch, { threads: 2 }));
    expect((error as MerkleBytes32Error).field).to.equal("credentialDigests[19000]");
  });

  it("rejects an empty batch", async () => {
    const error = await rejection(buildMerkleTree([]));
    expect(error).to.be.instanceOf(MerkleEmptyTreeError);
    expect((error as MerkleEmptyTreeError).code).to.equal("MERKLE_TREE_EMPTY");
    expect(await rejection(buildMerkleTree(new Uint8Array(0)))).to.be.instanceOf(
      MerkleEmptyTreeError,
    );
  });

  it("rejects packed digests that are not a whole number of 32-byte entries", async () => {
    const error = await rejection(buildMerkleTree(new Uint8Array(65)));
    expect(error).to.be.instanceOf(MerkleBytes32Error);
    expect((error as MerkleBytes32Error).details).to.include({
      field: "credentialDigests",
      length: 65,
    });
  });

  it("rejects a leaf or proof index outside the tree", async () => {
    const tree = await buildMerkleTree(digests);
    for (const index of [-1, 4, 1.5, Number.NaN]) {
      const error = thrown(() => tree.proof(index));
      expect(error, `index ${index}`).to.be.instanceOf(MerkleIndexError);
      expect((error as MerkleIndexError).code).to.equal("MERKLE_INDEX_OUT_OF_RANGE");
      expect((error as MerkleIndexError).details).to.include({ leafCount: 4 });
      expect(() => tree.leaf(index)).to.throw(MerkleIndexError);
    }
  });

  it("rejects an index that is not a uint256 in merkleLeaf and verifyMerkleProof", () => {
    for (const index of [-1, 0.5, 2 ** 53, -1n, 1n << 256n]) {
      expect(() => merkleLeaf(index, good), String(index)).to.throw(MerkleIndexError);
      expect(() => verifyMerkleProof(good, index, good, []), String(index)).to.throw(
        MerkleIndexError,
      );
    }
  });

  it("names the malformed input of verifyMerkleProof: root, digest or proof element", () => {
    const short = good.slice(0, 10) as Hex;
    const cases: [string, () => unknown][] = [
      ["root", () => verifyMerkleProof(short, 0, good, [])],
      ["credentialDigest", () => verifyMerkleProof(good, 0, short, [])],
      ["proof[1]", () => verifyMerkleProof(good, 0, good, [good, short])],
    ];
    for (const [field, run] of cases) {
      const error = thrown(run);
      expect(error, field).to.be.instanceOf(MerkleBytes32Error);
      expect((error as MerkleBytes32Error).field).to.equal(field);
    }
  });
});
