// Taking content down: `remove` unpins and deletes the blocks in the embedded node (real Helia,
// LevelDB on disk) and in Kubo (the real kubo-rpc-client against the Kubo RPC stand-in).
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { CredanchorError } from "../../src/errors.ts";
import { createEmbeddedStore, type EmbeddedStore } from "../../src/storage/embeddedStore.ts";
import { createKuboStore } from "../../src/storage/kuboStore.ts";
import { type KuboRpcStandIn, startKuboRpcStandIn } from "./kuboRpcStandIn.ts";

const text = (s: string) => new TextEncoder().encode(s);
/** 600 KB in a pattern: three 256 KiB chunks under one dag-pb root. */
const chunked = (seed: number) => new Uint8Array(600_000).map((_, i) => (i * seed + 7) % 251);

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(CredanchorError);
    expect((err as CredanchorError).code, (err as Error).message).to.equal(code);
    return;
  }
  throw new Error(`expected ${code}, but it resolved`);
}

describe("removing content from the embedded node", () => {
  let dir: string;
  let store: EmbeddedStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "credanchor-remove-"));
    store = await createEmbeddedStore({ directory: dir });
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("unpins a pinned envelope and deletes its block: has is false and get fails", async () => {
    const cid = await store.put(text("an encrypted body"), { pin: true });
    const removed = await store.remove(cid);
    expect(removed).to.deep.equal({
      cid: cid.toString(),
      store: store.label,
      unpinned: true,
      blocksDeleted: 1,
      blocksKept: 0,
      blocksMissing: 0,
    });
    expect(await store.has(cid)).to.equal(false);
    await expectCode(store.get(cid), "STORAGE_CONTENT_NOT_FOUND");
  });

  it("deletes every block of chunked content that was never pinned", async () => {
    const cid = await store.put(chunked(31));
    const removed = await store.remove(cid);
    expect(removed).to.include({ unpinned: false, blocksDeleted: 4, blocksKept: 0 });
    await expectCode(store.get(cid), "STORAGE_CONTENT_NOT_FOUND");
  });

  it("keeps blocks other pinned content still uses, and that content stays whole", async () => {
    const bytes = chunked(17);
    const shared = await store.put(bytes.subarray(0, 262_144), { pin: true }); // = the first chunk
    const cid = await store.put(bytes, { pin: true });
    const removed = await store.remove(cid);
    expect(removed).to.include({ unpinned: true, blocksDeleted: 3, blocksKept: 1 });
    expect(
      Buffer.from(await store.get(shared)).equals(Buffer.from(bytes.subarray(0, 262_144))),
    ).to.equal(true);
  });

  it("removing twice, or content never stored, is not an error", async () => {
    const cid = await store.put(text("once"), { pin: true });
    await store.remove(cid);
    expect(await store.remove(cid)).to.include({
      unpinned: false,
      blocksDeleted: 0,
      blocksMissing: 1,
    });
  });

  it("after compaction the deleted bytes are gone from the LevelDB files on disk", async () => {
    const marker = "shred-me-7f3a9c";
    const cid = await store.put(text(marker.repeat(20)), { pin: true });
    const kept = await store.put(text("kept-content-41b2".repeat(20)), { pin: true });
    await store.remove(cid);
    await store.compact();
    const files = await readdir(join(dir, "blocks"));
    const onDisk = Buffer.concat(
      await Promise.all(files.map((f) => readFile(join(dir, "blocks", f)))),
    ).toString("latin1");
    expect(onDisk).to.not.contain(marker);
    expect(onDisk).to.contain("kept-content-41b2");
    expect(await store.has(kept)).to.equal(true);
  });
});

describe("removing content from Kubo through the real kubo-rpc-client (Kubo RPC stand-in, no Kubo daemon here)", () => {
  let kubo: KuboRpcStandIn;

  beforeEach(async () => {
    kubo = await startKuboRpcStandIn();
  });

  afterEach(async () => {
    await kubo.close();
  });

  it("calls pin/rm then block/rm for each block, and the node no longer holds the content", async () => {
    const store = createKuboStore({ url: kubo.url, timeoutMs: 5_000 });
    const cid = await store.put(chunked(13), { pin: true });
    kubo.requests.length = 0;
    const removed = await store.remove(cid);
    expect(removed).to.include({ unpinned: true, blocksDeleted: 4, blocksKept: 0 });
    const paths = kubo.requests.map((r) => r.path);
    expect(paths.filter((p) => p === "/api/v0/pin/rm")).to.have.length(1);
    expect(paths.filter((p) => p === "/api/v0/block/rm")).to.have.length(4);
    expect(paths.indexOf("/api/v0/pin/rm")).to.be.lessThan(paths.indexOf("/api/v0/block/rm"));
    expect(kubo.pins.size).to.equal(0);
    expect(kubo.blocks.size).to.equal(0);
    expect(await store.has(cid)).to.equal(false);
  });

  it("reports blocks Kubo keeps for other pins, and content it never had", async () => {
    const store = createKuboStore({ url: kubo.url, timeoutMs: 5_000 });
    const bytes = chunked(19);
    await store.put(bytes.subarray(0, 262_144), { pin: true });
    const cid = await store.put(bytes, { pin: true });
    expect(await store.remove(cid)).to.include({ blocksDeleted: 3, blocksKept: 1 });
    const never = "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e";
    expect(await store.remove(never)).to.include({
      unpinned: false,
      blocksDeleted: 0,
      blocksMissing: 1,
    });
  });
});
