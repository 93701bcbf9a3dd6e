// The JSON-RPC transport every read and write goes through (src/chain/rpc.ts): retries with
// backoff, the next URL after a failing one, a revert never retried, timeouts, answers that are
// not JSON-RPC. Real HTTP against small scripted servers on 127.0.0.1.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { getBlockNumber, getLogs } from "viem/actions";
import {
  createChainClient,
  httpRpc,
  isRevert,
  RpcAnswerError,
  RpcTransportError,
  RpcUnreachableError,
  readEventLogs,
} from "../../src/chain/index.ts";
import { CredanchorError } from "../../src/errors.ts";
import { deadRpcUrl } from "../helpers/rpcServer.ts";

type Reply = { status?: number; body?: string; hang?: boolean };
type Script = (call: { method: string; id: unknown; params?: unknown[] }, n: number) => Reply;

interface ScriptedServer {
  url: string;
  /** JSON-RPC methods received, in order. */
  methods: string[];
  close(): Promise<void>;
}

const servers: ScriptedServer[] = [];

/** Answers the n-th request (from 0) as the script says. */
async function scripted(script: Script): Promise<ScriptedServer> {
  const methods: string[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const call = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const reply = script(call, methods.length);
      methods.push(call.method);
      if (reply.hang) {
        hanging.add(res);
        return;
      }
      res.writeHead(reply.status ?? 200, { "content-type": "application/json" });
      res.end(reply.body ?? JSON.stringify({ jsonrpc: "2.0", id: call.id, result: "0x2a" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const handle: ScriptedServer = {
    url: `http://127.0.0.1:${port}`,
    methods,
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  servers.push(handle);
  return handle;
}

const ok = (id: unknown, result: unknown) => JSON.stringify({ jsonrpc: "2.0", id, result });
const rpcError = (id: unknown, code: number, message: string, data?: string) =>
  JSON.stringify({ jsonrpc: "2.0", id, error: { code, message, data } });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the request to fail");
}

describe("chain: JSON-RPC over HTTP", () => {
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it("returns the result of a JSON-RPC answer", async () => {
    const server = await scripted((call) => ({ body: ok(call.id, "0x7a69") }));
    const request = httpRpc([server.url]);
    expect(await request({ method: "eth_chainId" })).to.equal("0x7a69");
    expect(server.methods).to.deep.equal(["eth_chainId"]);
  });

  it("retries an HTTP 503 with backoff and returns the answer that follows", async () => {
    const server = await scripted((call, n) =>
      n < 2 ? { status: 503, body: "busy" } : { body: ok(call.id, "0x1") },
    );
    const request = httpRpc([server.url], { retryCount: 2, retryDelayMs: 1 });
    expect(await request({ method: "eth_blockNumber" })).to.equal("0x1");
    expect(server.methods).to.have.length(3);
  });

  it("gives up on a URL after its retries and asks the next one", async () => {
    const first = await scripted(() => ({ status: 500, body: "down" }));
    const second = await scripted((call) => ({ body: ok(call.id, "0x5") }));
    const request = httpRpc([first.url, second.url], { retryCount: 1, retryDelayMs: 1 });
    expect(await request({ method: "eth_blockNumber" })).to.equal("0x5");
    expect(first.methods).to.have.length(2);
    expect(second.methods).to.have.length(1);
  });

  it("asks the next URL when nothing listens at the first", async () => {
    const second = await scripted((call) => ({ body: ok(call.id, "0x6") }));
    const request = httpRpc([await deadRpcUrl(), second.url], { retryCount: 0 });
    expect(await request({ method: "eth_blockNumber" })).to.equal("0x6");
  });

  it("neither retries nor asks another URL when the node answers that the call reverted", async () => {
    const first = await scripted((call) => ({
      body: rpcError(call.id, 3, "execution reverted", "0x08c379a0"),
    }));
    const second = await scripted((call) => ({ body: ok(call.id, "0x") }));
    const request = httpRpc([first.url, second.url], { retryCount: 2, retryDelayMs: 1 });
    const error = await failure(request({ method: "eth_call", params: [] }));
    expect(error).to.be.instanceOf(RpcAnswerError);
    expect(error).to.include({ code: 3, data: "0x08c379a0", url: first.url });
    expect(isRevert(error)).to.equal(true);
    expect(first.methods).to.have.length(1);
    expect(second.methods).to.have.length(0);
  });

  it("does not retry a JSON-RPC error that another attempt would not change", async () => {
    const server = await scripted((call) => ({
      body: rpcError(call.id, -32602, "invalid argument 0"),
    }));
    const request = httpRpc([server.url], { retryCount: 2, retryDelayMs: 1 });
    const error = await failure(request({ method: "eth_call", params: [] }));
    expect(error).to.be.instanceOf(RpcAnswerError);
    expect(error).to.include({ code: -32602, message: "invalid argument 0" });
    expect(isRevert(error)).to.equal(false);
    expect(server.methods).to.have.length(1);
  });

  it("retries a node's rate limit (-32005)", async () => {
    const server = await scripted((call, n) => ({
      body: n === 0 ? rpcError(call.id, -32005, "limit exceeded") : ok(call.id, "0x9"),
    }));
    const request = httpRpc([server.url], { retryCount: 1, retryDelayMs: 1 });
    expect(await request({ method: "eth_blockNumber" })).to.equal("0x9");
    expect(server.methods).to.have.length(2);
  });

  it("fails with a timeout naming its length when the endpoint does not answer", async () => {
    const server = await scripted(() => ({ hang: true }));
    const request = httpRpc([server.url], { timeoutMs: 100, retryCount: 0 });
    const error = await failure(request({ method: "eth_blockNumber" }));
    expect(error).to.be.instanceOf(RpcTransportError);
    expect((error as Error).message).to.contain("timed out after 100 ms");
  });

  it("fails naming the URL when the answer is not JSON-RPC", async () => {
    const server = await scripted(() => ({ body: "<html>gateway</html>" }));
    const request = httpRpc([server.url], { retryCount: 0 });
    const error = await failure(request({ method: "eth_blockNumber" }));
    expect(error).to.be.instanceOf(RpcTransportError);
    expect((error as Error).message).to.equal(`${server.url} did not answer with JSON-RPC`);
  });

  it("fails when a JSON-RPC answer carries neither result nor error", async () => {
    const server = await scripted((call) => ({
      body: JSON.stringify({ jsonrpc: "2.0", id: call.id }),
    }));
    const error = await failure(
      httpRpc([server.url], { retryCount: 0 })({ method: "eth_blockNumber" }),
    );
    expect(error).to.be.instanceOf(RpcTransportError);
    expect((error as Error).message).to.contain("no result");
  });

  it("refuses a URL that is not http(s), and an empty list", () => {
    expect(() => httpRpc(["ws://127.0.0.1:8545"])).to.throw(
      CredanchorError,
      /not an http\(s\) RPC URL/,
    );
    expect(() => httpRpc(["not a url"])).to.throw(CredanchorError, /not a valid RPC URL/);
    expect(() => httpRpc([])).to.throw(CredanchorError, /No RPC URL given/);
  });

  it("carries viem's actions in createChainClient, over the same transport", async () => {
    const server = await scripted((call) => ({ body: ok(call.id, "0x10") }));
    const chain = createChainClient({ rpcUrls: [server.url], retryCount: 0 });
    expect(await getBlockNumber(chain.client, { cacheTime: 0 })).to.equal(16n);
    expect(await chain.request({ method: "eth_blockNumber" })).to.equal("0x10");
    expect(server.methods).to.deep.equal(["eth_blockNumber", "eth_blockNumber"]);
  });

  it("reads event logs in halves when the endpoint refuses a wide block range", async () => {
    const server = await scripted((call) => {
      if (call.method === "eth_blockNumber") return { body: ok(call.id, "0x3e8") };
      const { fromBlock, toBlock } = call.params![0] as { fromBlock: string; toBlock: string };
      const span = Number(toBlock) - Number(fromBlock) + 1;
      return {
        body:
          span > 300
            ? rpcError(call.id, -32005, "query exceeds max block range 300")
            : ok(call.id, []),
      };
    });
    const chain = createChainClient({ rpcUrls: [server.url], retryCount: 0 });
    const logs = await readEventLogs(
      chain,
      "0x00000000000000000000000000000000000000aa",
      1n,
      (from, to) => getLogs(chain.client, { fromBlock: from, toBlock: to }),
    );
    expect(logs).to.deep.equal([]);
    // 1,000 blocks: refused at 1,000, 500; then 250-block ranges cover the rest.
    expect(server.methods.filter((m) => m === "eth_getLogs")).to.have.length(2 + 4);
  });

  it("does not split a range when the endpoint fails rather than refuses", async () => {
    const server = await scripted((call, n) =>
      n === 0 ? { body: ok(call.id, "0x3e8") } : { status: 502, body: "bad gateway" },
    );
    const chain = createChainClient({ rpcUrls: [server.url], retryCount: 0 });
    const error = await failure(
      readEventLogs(chain, "0x00000000000000000000000000000000000000aa", 1n, (from, to) =>
        getLogs(chain.client, { fromBlock: from, toBlock: to }),
      ),
    );
    expect(error).to.be.instanceOf(CredanchorError);
    expect((error as CredanchorError).code).to.equal("RPC_UNREACHABLE");
    expect(server.methods.filter((m) => m === "eth_getLogs")).to.have.length(1);
  });
});

describe("chain: fault messages", () => {
  it("end each sentence with one full stop, whatever the transport's message ends with", () => {
    for (const cause of [
      new Error("HTTP request failed."),
      Object.assign(new Error("HTTP request failed.\n\nURL: http://x"), {
        shortMessage: "HTTP request failed.",
      }),
      new Error("connect ECONNREFUSED 127.0.0.1:9"),
      "timed out...",
    ]) {
      const message = new RpcUnreachableError(["http://127.0.0.1:9"], cause).message;
      expect(message, String(cause)).to.not.match(/\.\./);
      expect(message).to.match(/\. Check the URL or try again later\.$/);
    }
  });
});
