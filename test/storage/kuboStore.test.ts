import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { CredanchorError } from "../../src/errors.ts";
import { createEmbeddedStore } from "../../src/storage/embeddedStore.ts";
import { createKuboStore } from "../../src/storage/kuboStore.ts";
import { type KuboRpcStandIn, startKuboRpcStandIn } from "./kuboRpcStandIn.ts";

const text = (s: string) => new TextEncoder().encode(s);
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

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

describe("Kubo store: the real kubo-rpc-client against a local stand-in for the Kubo RPC API (no Kubo daemon here)", () => {
  let kubo: KuboRpcStandIn;

  beforeEach(async () => {
    kubo = await startKuboRpcStandIn({ requireAuthorization: "Bearer test-token" });
  });

  afterEach(async () => {
    await kubo.close();
  });

  const store = () =>
    createKuboStore({ url: kubo.url, authorization: "Bearer test-token", timeoutMs: 5_000 });

  it("puts, has and gets a small envelope as one raw block", async () => {
    const kuboStore = store();
    const cid = await kuboStore.put(text("hello world"));
    expect(cid.toString()).to.equal("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");
    expect(kubo.blocks.has(cid.toString())).to.equal(true);
    expect(await kuboStore.has(cid)).to.equal(true);
    expect(await kuboStore.get(cid)).to.deep.equal(text("hello world"));
  });

  it("sends the authorization header on every call, and asks block/stat offline", async () => {
    const kuboStore = store();
    const cid = await kuboStore.put(text("authorised"));
    await kuboStore.has(cid);
    await kuboStore.get(cid);
    expect(kubo.requests.map((r) => r.path)).to.deep.equal([
      "/api/v0/block/put",
      "/api/v0/block/stat",
      "/api/v0/block/get",
    ]);
    for (const request of kubo.requests)
      expect(request.authorization).to.equal("Bearer test-token");
    expect(kubo.requests[1]!.query.get("offline")).to.equal("true");
  });

  it("gives the same CID as the embedded store for chunked content (a 2 MB manifest-sized payload)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "credanchor-kubo-"));
    const embedded = await createEmbeddedStore({ directory: dir });
    try {
      const bytes = new Uint8Array(2_000_000).map((_, i) => (i * 131 + (i >> 9)) % 251);
      const kuboStore = store();
      const cid = await kuboStore.put(bytes);
      expect(cid.equals(await embedded.put(bytes))).to.equal(true);
      expect(kubo.blocks.size).to.equal(9); // eight 256 KiB raw leaves and one dag-pb root
      const codecs = kubo.requests
        .filter((r) => r.path === "/api/v0/block/put")
        .map((r) => r.query.get("cid-codec"));
      expect(codecs.filter((c) => c === "raw")).to.have.length(8);
      expect(codecs.filter((c) => c === "dag-pb")).to.have.length(1);
      expect(sameBytes(await kuboStore.get(cid), bytes)).to.equal(true);
    } finally {
      await embedded.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("pins recursively and unpins; unpinning twice is not an error", async () => {
    const kuboStore = store();
    const cid = await kuboStore.put(new Uint8Array(600_000).fill(3), { pin: true });
    expect(kubo.pins.has(cid.toString())).to.equal(true);
    const pinCall = kubo.requests.find((r) => r.path === "/api/v0/pin/add")!;
    expect(pinCall.query.get("recursive")).to.equal("true");
    await kuboStore.unpin(cid);
    expect(kubo.pins.has(cid.toString())).to.equal(false);
    await kuboStore.unpin(cid);
    await kuboStore.pin(cid.toString());
    expect(kubo.pins.has(cid.toString())).to.equal(true);
  });

  it("reports content the node does not hold as not found, naming the CID and the node", async () => {
    const kuboStore = store();
    const absent = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
    const err = await expectError(kuboStore.get(absent), "STORAGE_CONTENT_NOT_FOUND");
    expect(err.message).to.contain(absent).and.to.contain(kubo.url);
    expect(await kuboStore.has(absent)).to.equal(false);
  });

  it("rejects a block the node serves with the wrong bytes", async () => {
    const kuboStore = store();
    const cid = await kuboStore.put(text("true bytes"));
    kubo.blocks.set(cid.toString(), text("false bytes"));
    const err = await expectError(kuboStore.get(cid), "STORAGE_CONTENT_INTEGRITY");
    expect(err.message).to.contain(cid.toString()).and.to.contain(kubo.url);
  });

  it("reports a refused authorization as unreachable, never as missing content", async () => {
    const wrong = createKuboStore({ url: kubo.url, authorization: "Bearer wrong" });
    const cid = "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e";
    const err = await expectError(wrong.get(cid), "STORAGE_UNREACHABLE");
    expect(err.details).to.include({ reason: "http", status: 401 });
  });

  it("reports a node that is down as unreachable, naming the CID and the node, for every call", async () => {
    const url = kubo.url;
    await kubo.close();
    const down = createKuboStore({ url });
    const cid = "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e";
    const err = await expectError(down.get(cid), "STORAGE_UNREACHABLE");
    expect(err.message).to.contain(cid).and.to.contain(url);
    expect(err.details).to.include({ reason: "connection" });
    await expectError(down.has(cid), "STORAGE_UNREACHABLE");
    await expectError(down.put(text("x")), "STORAGE_UNREACHABLE");
    await expectError(down.pin(cid), "STORAGE_UNREACHABLE");
    await expectError(down.unpin(cid), "STORAGE_UNREACHABLE");
    kubo = await startKuboRpcStandIn(); // for afterEach
  });

  it("reports a node that does not answer in time as unreachable, naming the timeout", async () => {
    const hung = await startKuboRpcStandIn({ silentOn: "/api/v0/block/get" });
    try {
      const slow = createKuboStore({ url: hung.url, timeoutMs: 150 });
      const cid = await slow.put(text("stored, then never served"));
      const err = await expectError(slow.get(cid), "STORAGE_UNREACHABLE");
      expect(err.message).to.contain(cid.toString()).and.to.contain("150 ms");
      expect(err.details).to.include({ reason: "timeout" });
    } finally {
      await hung.close();
    }
  });

  it("rejects a malformed CID before calling the node", async () => {
    const kuboStore = store();
    const err = await expectError(kuboStore.get("bafy???"), "STORAGE_CID_INVALID");
    expect(err.message).to.contain("bafy???").and.to.contain(kubo.url);
    expect(kubo.requests).to.have.length(0);
  });

  it("keeps the authorization out of its label and its errors", async () => {
    const kuboStore = store();
    expect(kuboStore.label).to.equal(`Kubo RPC at ${kubo.url}`);
    const err = await expectError(
      kuboStore.get("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy"),
      "STORAGE_CONTENT_NOT_FOUND",
    );
    expect(JSON.stringify(err.details) + err.message).to.not.contain("test-token");
  });
});
