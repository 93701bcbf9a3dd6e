import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import type { CID } from "multiformats/cid";
import { CredanchorError } from "../../src/errors.ts";
import { encodeContent } from "../../src/storage/encodeContent.ts";
import { createGatewaySource } from "../../src/storage/gatewaySource.ts";

type Behaviour = "honest" | "liar" | "silent" | "missing" | "broken";

interface TestGateway {
  url: string;
  requests: Array<{ path: string; accept: string | undefined }>;
  close(): Promise<void>;
}

/**
 * A trustless gateway on 127.0.0.1 serving raw blocks from `blocks`: "honest" serves them,
 * "liar" serves other bytes with 200, "silent" never answers, "missing" says 404, "broken" 502.
 */
async function startGateway(
  blocks: Map<string, Uint8Array>,
  behaviour: Behaviour,
): Promise<TestGateway> {
  const requests: TestGateway["requests"] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push({ path: `${url.pathname}${url.search}`, accept: req.headers.accept });
    const cid = url.pathname.replace(/^\/ipfs\//, "");
    const block = blocks.get(cid);
    if (behaviour === "silent") return; // holds the request open until the test closes it
    if (behaviour === "broken") return res.writeHead(502).end("bad gateway");
    if (behaviour === "missing" || block === undefined) return res.writeHead(404).end("not found");
    res.writeHead(200, { "content-type": "application/vnd.ipld.raw" });
    res.end(behaviour === "liar" ? block.map((b) => b ^ 0xff) : block);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL where nothing listens: a server started, then closed. */
async function closedPortUrl(): Promise<string> {
  const gateway = await startGateway(new Map(), "missing");
  await gateway.close();
  return gateway.url;
}

async function encodeToMap(
  bytes: Uint8Array,
): Promise<{ cid: CID; blocks: Map<string, Uint8Array> }> {
  const blocks = new Map<string, Uint8Array>();
  const cid = await encodeContent(bytes, async (blockCid, block) => {
    blocks.set(blockCid.toString(), block);
  });
  return { cid, blocks };
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

/** Bytes with no repeated chunk (a linear congruential sequence). */
function pseudoRandomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = 12345;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe("trustless gateway source (local HTTP gateways on 127.0.0.1)", () => {
  const gateways: TestGateway[] = [];
  const start = async (blocks: Map<string, Uint8Array>, behaviour: Behaviour) => {
    const gateway = await startGateway(blocks, behaviour);
    gateways.push(gateway);
    return gateway;
  };

  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((g) => g.close()));
  });

  it("fetches a raw block with ?format=raw and Accept: application/vnd.ipld.raw", async () => {
    const { cid, blocks } = await encodeToMap(new TextEncoder().encode("an envelope"));
    const gateway = await start(blocks, "honest");
    const source = createGatewaySource({ gateways: [gateway.url] });
    expect(new TextDecoder().decode(await source.get(cid))).to.equal("an envelope");
    expect(gateway.requests).to.deep.equal([
      { path: `/ipfs/${cid}?format=raw`, accept: "application/vnd.ipld.raw" },
    ]);
    expect(await source.has(cid)).to.equal(true);
  });

  it("walks chunked content block by block, fetching each distinct block once", async () => {
    const bytes = pseudoRandomBytes(1_500_000);
    const { cid, blocks } = await encodeToMap(bytes);
    const gateway = await start(blocks, "honest");
    const source = createGatewaySource({ gateways: [gateway.url] });
    expect(sameBytes(await source.get(cid), bytes)).to.equal(true);
    expect(blocks.size).to.be.greaterThan(6);
    expect(gateway.requests).to.have.length(blocks.size);
  });

  it("fetches a chunk that repeats in a file only once", async () => {
    const bytes = new Uint8Array(1_100_000).fill(7); // four identical full chunks and a tail
    const { cid, blocks } = await encodeToMap(bytes);
    const gateway = await start(blocks, "honest");
    const source = createGatewaySource({ gateways: [gateway.url] });
    expect(sameBytes(await source.get(cid), bytes)).to.equal(true);
    expect(blocks.size).to.equal(3);
    expect(gateway.requests).to.have.length(3);
  });

  it("rejects a gateway that serves wrong bytes and uses the next one", async () => {
    const bytes = pseudoRandomBytes(700_000);
    const { cid, blocks } = await encodeToMap(bytes);
    const liar = await start(blocks, "liar");
    const honest = await start(blocks, "honest");
    const source = createGatewaySource({ gateways: [liar.url, honest.url] });
    expect(sameBytes(await source.get(cid), bytes)).to.equal(true);
    expect(liar.requests).to.have.length(blocks.size);
    expect(honest.requests).to.have.length(blocks.size);
  });

  it("reports wrong bytes from every gateway as an integrity error, never as the content", async () => {
    const { cid, blocks } = await encodeToMap(new TextEncoder().encode("genuine"));
    const liar = await start(blocks, "liar");
    const err = await expectError(
      createGatewaySource({ gateways: [liar.url] }).get(cid),
      "STORAGE_CONTENT_INTEGRITY",
    );
    expect(err.message).to.contain(cid.toString()).and.to.contain(liar.url);
  });

  it("moves on from a gateway that does not answer within the timeout", async () => {
    const { cid, blocks } = await encodeToMap(new TextEncoder().encode("patience"));
    const silent = await start(blocks, "silent");
    const honest = await start(blocks, "honest");
    const source = createGatewaySource({ gateways: [silent.url, honest.url], timeoutMs: 200 });
    expect(new TextDecoder().decode(await source.get(cid))).to.equal("patience");
    expect(silent.requests).to.have.length(1);
  });

  it("reports a timeout as unreachable, naming the CID, the gateway and the timeout", async () => {
    const { cid, blocks } = await encodeToMap(new TextEncoder().encode("never"));
    const silent = await start(blocks, "silent");
    const source = createGatewaySource({ gateways: [silent.url], timeoutMs: 150 });
    const err = await expectError(source.get(cid), "STORAGE_UNREACHABLE");
    expect(err.message)
      .to.contain(cid.toString())
      .and.to.contain(silent.url)
      .and.to.contain("150 ms");
    expect(err.details).to.include({ reason: "timeout" });
    await expectError(source.has(cid), "STORAGE_UNREACHABLE");
  });

  it("reports all gateways down as unreachable, naming the CID and every gateway", async () => {
    const { cid } = await encodeToMap(new TextEncoder().encode("anything"));
    const down = [await closedPortUrl(), await closedPortUrl()];
    const err = await expectError(
      createGatewaySource({ gateways: down }).get(cid),
      "STORAGE_UNREACHABLE",
    );
    expect(err.message).to.contain(cid.toString()).and.to.contain(down[0]).and.to.contain(down[1]);
    expect((err.details.attempts as unknown[]).length).to.equal(2);
  });

  it("never calls content missing while a gateway was unreachable", async () => {
    const { cid } = await encodeToMap(new TextEncoder().encode("maybe somewhere"));
    const missing = await start(new Map(), "missing");
    const broken = await start(new Map(), "broken");
    const source = createGatewaySource({
      gateways: [missing.url, broken.url, await closedPortUrl()],
    });
    await expectError(source.get(cid), "STORAGE_UNREACHABLE");
  });

  it("calls content not found only when every gateway answered that it has none", async () => {
    const { cid } = await encodeToMap(new TextEncoder().encode("nowhere"));
    const a = await start(new Map(), "missing");
    const b = await start(new Map(), "missing");
    const source = createGatewaySource({ gateways: [a.url, b.url] });
    const err = await expectError(source.get(cid), "STORAGE_CONTENT_NOT_FOUND");
    expect(err.message).to.contain(cid.toString());
    expect(await source.has(cid)).to.equal(false);
  });

  it("rejects a malformed CID before asking any gateway", async () => {
    const gateway = await start(new Map(), "honest");
    const source = createGatewaySource({ gateways: [gateway.url] });
    const err = await expectError(source.get("not-a-cid"), "STORAGE_CID_INVALID");
    expect(err.message).to.contain("not-a-cid").and.to.contain(gateway.url);
    expect(gateway.requests).to.have.length(0);
  });
});
