import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LevelBlockstore } from "blockstore-level";
import { expect } from "chai";
import { LevelDatastore } from "datastore-level";
import { base36 } from "multiformats/bases/base36";
import type { CID } from "multiformats/cid";
import { CredanchorError } from "../../src/errors.ts";
import { createEmbeddedStore, type EmbeddedStore } from "../../src/storage/embeddedStore.ts";

const text = (s: string) => new TextEncoder().encode(s);
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

async function expectError(promise: Promise<unknown>, code: string): Promise<CredanchorError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(CredanchorError);
    expect((err as CredanchorError).code).to.equal(code);
    return err as CredanchorError;
  }
  throw new Error(`expected ${code}, but it resolved`);
}

async function toBytes(value: Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>) {
  if (value instanceof Uint8Array) return value;
  const parts: Uint8Array[] = [];
  for await (const part of value) parts.push(part);
  return new Uint8Array(Buffer.concat(parts));
}

/** Every file under `dir`, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe("embedded store (Helia on disk, offline)", () => {
  let dir: string;
  let store: EmbeddedStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "credanchor-embedded-"));
    store = await createEmbeddedStore({ directory: dir });
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("stores small bytes as one raw CIDv1 block, the CID `ipfs add --cid-version 1 --raw-leaves` gives", async () => {
    const cid = await store.put(text("hello world"));
    // Kubo's own test vector for "hello world" with CIDv1 and raw leaves.
    expect(cid.toString()).to.equal("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");
    expect(await store.has(cid)).to.equal(true);
    expect(await store.get(cid.toString())).to.deep.equal(text("hello world"));
  });

  it("defaults its data folder to .data/ipfs in the working directory", async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const defaulted = await createEmbeddedStore();
      expect(defaulted.directory).to.equal(join(dir, ".data", "ipfs"));
      await defaulted.close();
    } finally {
      process.chdir(cwd);
    }
    expect(await filesUnder(join(dir, ".data", "ipfs", "blocks"))).to.not.be.empty;
  });

  it("keeps blocks on disk in its folder, across a restart", async () => {
    const cid = await store.put(text("kept"));
    expect(store.directory).to.equal(dir);
    expect((await filesUnder(join(dir, "blocks"))).length).to.be.greaterThan(0);
    await store.close();
    store = await createEmbeddedStore({ directory: dir });
    expect(await store.get(cid)).to.deep.equal(text("kept"));
  });

  it("round-trips chunked content (3 MB, a UnixFS DAG with raw leaves)", async () => {
    const bytes = new Uint8Array(3_000_000).map((_, i) => (i * 7) % 256);
    const cid = await store.put(bytes);
    expect(cid.code).to.equal(0x70); // dag-pb root over raw leaves
    expect(sameBytes(await store.get(cid), bytes)).to.equal(true);
  });

  it("stores many contents in one batch with the CIDs put gives, readable after a restart", async () => {
    const contents = [
      text("hello world"),
      new Uint8Array(3_000_000).map((_, i) => (i * 13) % 256),
      ...Array.from({ length: 50 }, (_, i) => text(`envelope ${i}`)),
    ];
    const cids = await store.putMany!(contents, { pin: false });
    expect(cids[0]!.toString()).to.equal(
      "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e",
    );
    const reference = await createEmbeddedStore({ directory: join(dir, "reference") });
    try {
      for (const [i, bytes] of contents.entries()) {
        expect(cids[i]!.toString()).to.equal((await reference.put(bytes)).toString());
      }
    } finally {
      await reference.close();
    }
    await store.close();
    store = await createEmbeddedStore({ directory: dir });
    for (const [i, bytes] of contents.entries()) {
      expect(sameBytes(await store.get(cids[i]!), bytes), `content ${i}`).to.equal(true);
    }
  });

  it("pins what putMany stores when asked, and only then", async () => {
    const [pinned] = await store.putMany!([text("pinned in a batch")], { pin: true });
    const [loose] = await store.putMany!([text("not pinned")]);
    await store.close();
    const datastore = new LevelDatastore(join(dir, "datastore"));
    await datastore.open();
    const keys: string[] = [];
    try {
      for await (const key of datastore.queryKeys({ prefix: "/pin/" })) keys.push(key.toString());
    } finally {
      await datastore.close();
    }
    store = await createEmbeddedStore({ directory: dir });
    // Helia keeps a pin under /pin/<CID in base36>.
    const named = (cid: CID) => keys.includes(`/pin/${cid.toString(base36)}`);
    expect(keys.length).to.be.greaterThan(0);
    expect(named(pinned!), keys.join(" ")).to.equal(true);
    expect(named(loose!)).to.equal(false);
  });

  it("says content it does not hold is not found, naming the CID and the store", async () => {
    const other = await createEmbeddedStore({ directory: join(dir, "other") });
    const cid = await other.put(text("only elsewhere"));
    await other.close();
    const err = await expectError(store.get(cid), "STORAGE_CONTENT_NOT_FOUND");
    expect(err.message).to.contain(cid.toString()).and.to.contain(dir);
    expect(await store.has(cid)).to.equal(false);
  });

  it("rejects a malformed CID with a typed error naming the input and the store", async () => {
    const err = await expectError(store.get("bafy-not-a-cid"), "STORAGE_CID_INVALID");
    expect(err.message).to.contain("bafy-not-a-cid").and.to.contain(dir);
    await expectError(store.has("Qm123"), "STORAGE_CID_INVALID");
  });

  it("checks blocks read from disk against the CID: a tampered block is rejected", async () => {
    const cid = await store.put(text("original bytes"));
    await store.close();
    const blocks = new LevelBlockstore(join(dir, "blocks"));
    await blocks.open();
    await blocks.put(cid, text("tampered bytes"));
    await blocks.close();
    store = await createEmbeddedStore({ directory: dir });
    const err = await expectError(store.get(cid), "STORAGE_CONTENT_INTEGRITY");
    expect(err.message).to.contain(cid.toString());
  });

  it("reports a data folder another store has open as unreachable, saying why", async () => {
    const err = await expectError(createEmbeddedStore({ directory: dir }), "STORAGE_UNREACHABLE");
    expect(err.message).to.contain(dir).and.to.contain("already open");
  });

  it("pins and unpins, and both are idempotent", async () => {
    const cid = await store.put(new Uint8Array(600_000).fill(1), { pin: true });
    await store.pin(cid);
    await store.unpin(cid);
    await store.unpin(cid);
    await store.pin(cid.toString());
    expect(await store.get(cid)).to.have.length(600_000);
  });

  it("refuses to pin content it does not hold", async () => {
    const other = await createEmbeddedStore({ directory: join(dir, "other") });
    const cid = await other.put(text("not here"));
    await other.close();
    await expectError(store.pin(cid), "STORAGE_CONTENT_NOT_FOUND");
  });

  it("refuses content larger than maxBytes", async () => {
    const cid = await store.put(new Uint8Array(1_000_000));
    await expectError(store.get(cid, { maxBytes: 500_000 }), "STORAGE_CONTENT_TOO_LARGE");
  });

  it("keeps exactly the blocks of what it was given", async () => {
    const marker = text("a-marker-that-is-easy-to-find");
    const cid = await store.put(marker);
    await store.close();
    const blocks = new LevelBlockstore(join(dir, "blocks"));
    await blocks.open();
    const stored: Array<{ cid: string; bytes: Uint8Array }> = [];
    for await (const pair of blocks.getAll()) {
      stored.push({ cid: pair.cid.toString(), bytes: await toBytes(pair.bytes) });
    }
    await blocks.close();
    store = await createEmbeddedStore({ directory: dir });
    expect(stored.map((b) => b.cid)).to.deep.equal([cid.toString()]);
    expect(stored[0]!.bytes).to.deep.equal(marker);
  });
});
