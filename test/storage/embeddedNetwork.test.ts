import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import type { CredanchorError } from "../../src/errors.ts";
import { createEmbeddedStore, type EmbeddedStore } from "../../src/storage/embeddedStore.ts";
import { openEnvelope, sealCredential } from "../../src/storage/envelope.ts";
import { fetchAndOpen } from "../../src/storage/fetchAndOpen.ts";

const text = (s: string) => new TextEncoder().encode(s);

describe("two embedded Helia nodes over libp2p TCP on 127.0.0.1 (bitswap)", () => {
  let dir: string;
  const nodes: EmbeddedStore[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "credanchor-network-"));
  });

  afterEach(async () => {
    await Promise.all(nodes.splice(0).map((n) => n.close()));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const node = async (name: string, peers: string[] = [], timeoutMs = 20_000) => {
    const store = await createEmbeddedStore({
      directory: join(dir, name),
      network: { listen: ["/ip4/127.0.0.1/tcp/0"], peers, timeoutMs },
    });
    nodes.push(store);
    return store;
  };

  it("listens on loopback TCP only, with its peer id in the address", async () => {
    const a = await node("listen");
    const addresses = a.addresses();
    expect(addresses).to.have.length.greaterThan(0);
    for (const address of addresses)
      expect(address).to.match(/^\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\/12D3Koo/);
  });

  it("retrieves by CID an envelope the other node added, and opens it with the holder's key", async () => {
    const issuer = await node("issuer");
    const body = text(JSON.stringify({ credentialSubject: { achievement: "Welding level 2" } }));
    const { envelope, key } = sealCredential(body);
    const cid = await issuer.put(envelope, { pin: true });

    const verifier = await node("verifier", issuer.addresses());
    expect(await verifier.has(cid)).to.equal(false);
    expect(await verifier.get(cid)).to.deep.equal(envelope);
    expect(await verifier.has(cid)).to.equal(true); // fetched over bitswap and kept
    expect(openEnvelope(await verifier.get(cid), key)).to.deep.equal(body);
    expect(await fetchAndOpen(verifier, cid, key)).to.deep.equal(body);
  });

  it("retrieves chunked content (a DAG of several blocks) the same way", async () => {
    const a = await node("dag-a");
    const bytes = new Uint8Array(900_000).map((_, i) => (i * 17 + (i >> 10)) % 256);
    const cid = await a.put(bytes);
    const b = await node("dag-b");
    await b.dial(a.addresses()[0]!);
    expect(Buffer.from(await b.get(cid)).equals(Buffer.from(bytes))).to.equal(true);
  });

  it("says unreachable, not missing, when no connected peer provides a block in time", async () => {
    const lonely = await node("lonely", [], 300);
    const offlineCid = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
    try {
      await lonely.get(offlineCid);
      expect.fail("resolved without any peer");
    } catch (err) {
      expect((err as CredanchorError).code).to.equal("STORAGE_UNREACHABLE");
      expect((err as Error).message)
        .to.contain(offlineCid)
        .and.to.contain("300 ms");
    }
  });

  it("reports a peer that cannot be dialled as unreachable, naming the address", async () => {
    const a = await node("dialer");
    const b = await node("gone");
    const address = b.addresses()[0]!;
    await nodes.pop()!.close();
    try {
      await a.dial(address);
      expect.fail("dialled a closed node");
    } catch (err) {
      expect((err as CredanchorError).code).to.equal("STORAGE_UNREACHABLE");
      expect((err as Error).message).to.contain(address);
    }
  });
});
