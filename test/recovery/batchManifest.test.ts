import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";
import type { Hex } from "viem";
import { CredanchorError } from "../../src/errors.ts";
import { buildMerkleTree, verifyMerkleProof } from "../../src/merkle/index.ts";
import {
  type BatchManifest,
  decodeManifest,
  encodeManifest,
  getManifest,
  MANIFEST_MAGIC,
  manifestDigest,
  putManifest,
} from "../../src/recovery/batchManifest.ts";
import { recoverProof, recoverProofs } from "../../src/recovery/index.ts";
import { createEmbeddedStore, type EmbeddedStore } from "../../src/storage/embeddedStore.ts";

const ISSUER = "0x1111111111111111111111111111111111111111";
const REGISTRY = "0x2222222222222222222222222222222222222222";

/** A batch of `count` random credential digests and the manifest that records it. */
async function batch(count: number): Promise<BatchManifest> {
  const credentialDigests = new Uint8Array(randomBytes(32 * count));
  const tree = await buildMerkleTree(credentialDigests);
  return {
    chain: "eip155:8453",
    registry: REGISTRY,
    issuer: ISSUER,
    credentialType: "BachelorDegree",
    root: tree.root,
    leafCount: count,
    credentialDigests,
  };
}

function expectThrows(fn: () => unknown, code: string): CredanchorError {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(CredanchorError);
    expect((err as CredanchorError).code, (err as Error).message).to.equal(code);
    return err as CredanchorError;
  }
  throw new Error(`expected ${code}, but it returned`);
}

async function expectError(promise: Promise<unknown>, code: string): Promise<CredanchorError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(CredanchorError);
    expect((err as CredanchorError).code, (err as Error).message).to.equal(code);
    return err as CredanchorError;
  }
  throw new Error(`expected ${code}, but it resolved`);
}

describe("batch manifest format", () => {
  it("round-trips every field and every digest", async () => {
    const manifest = await batch(10);
    const decoded = decodeManifest(encodeManifest(manifest));
    expect(decoded).to.deep.equal(manifest);
  });

  it("is the magic, the version, a JSON header with exactly the public fields, then 32 bytes per credential", async () => {
    const manifest = await batch(3);
    const bytes = encodeManifest(manifest);
    expect(bytes.subarray(0, 4)).to.deep.equal(MANIFEST_MAGIC);
    expect(bytes[4]).to.equal(1);
    const headerLength = new DataView(bytes.buffer).getUint32(5, false);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(9, 9 + headerLength)));
    expect(Object.keys(header)).to.deep.equal([
      "chain",
      "registry",
      "issuer",
      "credentialType",
      "root",
      "leafCount",
    ]);
    expect(bytes.byteLength).to.equal(9 + headerLength + 3 * 32);
    expect(manifestDigest(manifest, 2)).to.equal(
      `0x${Buffer.from(manifest.credentialDigests.subarray(64)).toString("hex")}`,
    );
  });

  it("rejects bytes that are not a manifest, another version, a truncated body and extra header fields", async () => {
    const bytes = encodeManifest(await batch(4));
    expectThrows(() => decodeManifest(new TextEncoder().encode("{}")), "MANIFEST_MALFORMED");
    const v2 = bytes.slice();
    v2[4] = 2;
    expectThrows(() => decodeManifest(v2), "MANIFEST_MALFORMED");
    expectThrows(
      () => decodeManifest(bytes.subarray(0, bytes.byteLength - 1)),
      "MANIFEST_MALFORMED",
    );
    const sneaky = encodeManifest(await batch(1));
    const json = `{"chain":"eip155:8453","registry":"${REGISTRY}","issuer":"${ISSUER}","credentialType":"X","root":"0x${"0".repeat(64)}","leafCount":1,"name":"Ada"}`;
    const withExtra = new Uint8Array([
      ...sneaky.subarray(0, 5),
      0,
      0,
      0,
      json.length,
      ...new TextEncoder().encode(json),
      ...new Uint8Array(32),
    ]);
    const err = expectThrows(() => decodeManifest(withExtra, "test"), "MANIFEST_MALFORMED");
    expect(err.message).to.contain("name");
  });

  it("refuses to write a manifest whose fields or digests are wrong, naming the field", async () => {
    const manifest = await batch(2);
    const err = expectThrows(
      () => encodeManifest({ ...manifest, issuer: "0x12" as Hex }),
      "MANIFEST_MALFORMED",
    );
    expect(err.message).to.contain("issuer");
    expectThrows(() => encodeManifest({ ...manifest, chain: "base" }), "MANIFEST_MALFORMED");
    expectThrows(() => encodeManifest({ ...manifest, leafCount: 3 }), "MANIFEST_MALFORMED");
  });
});

describe("batch manifest on IPFS and proof recovery", () => {
  let dir: string;
  let store: EmbeddedStore;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "credanchor-manifest-"));
    store = await createEmbeddedStore({ directory: dir });
  });

  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("stores a manifest and reads it back by CID", async () => {
    const manifest = await batch(100);
    const cid = await putManifest(store, manifest, { pin: true });
    expect(await getManifest(store, cid)).to.deep.equal(manifest);
  });

  it("recovers proofs for several indices that verify against the anchored root", async () => {
    const manifest = await batch(1_000);
    const cid = await putManifest(store, manifest);
    for (const index of [0, 1, 499, 998, 999]) {
      const recovered = await recoverProof(store, cid, index);
      expect(recovered.root).to.equal(manifest.root);
      expect(recovered.index).to.equal(index);
      expect(recovered.credentialDigest).to.equal(manifestDigest(manifest, index));
      expect(
        verifyMerkleProof(manifest.root, index, recovered.credentialDigest, recovered.proof),
      ).to.equal(true);
      expect(
        verifyMerkleProof(
          manifest.root,
          index === 0 ? 1 : 0,
          recovered.credentialDigest,
          recovered.proof,
        ),
      ).to.equal(false);
    }
  });

  it("gives the proofs OpenZeppelin's StandardMerkleTree gives", async () => {
    const manifest = await batch(37);
    const cid = await putManifest(store, manifest);
    const values = Array.from({ length: 37 }, (_, i) => [i, manifestDigest(manifest, i)]);
    const oz = StandardMerkleTree.of(values, ["uint256", "bytes32"]);
    expect(oz.root).to.equal(manifest.root);
    const recovered = await recoverProofs(store, cid, [0, 17, 36]);
    for (const r of recovered) expect(r.proof).to.deep.equal(oz.getProof(r.index));
  });

  it("rejects a tampered manifest whose digests do not build its root", async () => {
    const manifest = await batch(50);
    const digests = manifest.credentialDigests.slice();
    digests[32 * 7]! ^= 0x01;
    const cid = await putManifest(store, { ...manifest, credentialDigests: digests });
    const err = await expectError(recoverProof(store, cid, 3), "MANIFEST_ROOT_MISMATCH");
    expect(err.message).to.contain(cid.toString()).and.to.contain(manifest.root);
  });

  it("rejects an index outside the batch with a typed error", async () => {
    const cid = await putManifest(store, await batch(5));
    const err = await expectError(recoverProof(store, cid, 5), "MANIFEST_INDEX_OUT_OF_RANGE");
    expect(err.message).to.contain("5 credentials");
    await expectError(recoverProof(store, cid, -1), "MANIFEST_INDEX_OUT_OF_RANGE");
  });

  it("reports a manifest the store does not hold as not found, not as a bad manifest", async () => {
    const other = await createEmbeddedStore({ directory: join(dir, "other") });
    const cid = await putManifest(other, await batch(2));
    await other.close();
    await expectError(recoverProof(store, cid, 0), "STORAGE_CONTENT_NOT_FOUND");
  });

  it("handles a million-credential batch: a 32 MB chunked manifest, stored, fetched and proved", async function () {
    this.timeout(120_000);
    const manifest = await batch(1_000_000);
    const cid = await putManifest(store, manifest);
    expect(cid.code).to.equal(0x70); // a UnixFS DAG of raw 256 KiB leaves
    const [first, last] = await recoverProofs(store, cid, [0, 999_999]);
    expect(verifyMerkleProof(manifest.root, 0, first!.credentialDigest, first!.proof)).to.equal(
      true,
    );
    expect(verifyMerkleProof(manifest.root, 999_999, last!.credentialDigest, last!.proof)).to.equal(
      true,
    );
  });
});
