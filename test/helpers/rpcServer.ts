// A JSON-RPC-over-HTTP endpoint on 127.0.0.1 that forwards to an EIP-1193 provider (Hardhat's
// in-process chain), with switchable faults for tests: down, slow, lying about the chain id,
// answering garbage. The forwarding is real JSON-RPC over real HTTP; only the faults are staged.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type RpcFault = "none" | "slow" | "wrong-chain" | "garbage" | "http-500";

export interface Eip1193 {
  request(args: { method: string; params?: unknown[] | object }): Promise<unknown>;
}

export interface TestRpcServer {
  url: string;
  /** Every JSON-RPC method received, in order (batched requests count each call). */
  readonly calls: string[];
  /** Every JSON-RPC call received with its params, in order: what the provider learns. */
  readonly requests: { method: string; params: unknown[] }[];
  /** HTTP requests received (one per batch). */
  readonly httpRequests: () => number;
  setFault(fault: RpcFault): void;
  close(): Promise<void>;
}

interface JsonRpcRequest {
  id: number | string | null;
  method: string;
  params?: unknown[];
}

export async function startRpcServer(provider: Eip1193): Promise<TestRpcServer> {
  let fault: RpcFault = "none";
  let httpCount = 0;
  const calls: string[] = [];
  const requests: { method: string; params: unknown[] }[] = [];
  const pending = new Set<() => void>();

  const answer = async (req: JsonRpcRequest): Promise<object> => {
    calls.push(req.method);
    requests.push({ method: req.method, params: req.params ?? [] });
    if (fault === "wrong-chain" && req.method === "eth_chainId") {
      return { jsonrpc: "2.0", id: req.id, result: "0x1" };
    }
    if (fault === "garbage" && req.method === "eth_call") {
      return { jsonrpc: "2.0", id: req.id, result: "0xdeadbeef" };
    }
    try {
      const result = await provider.request({ method: req.method, params: req.params ?? [] });
      return { jsonrpc: "2.0", id: req.id, result };
    } catch (error) {
      const e = error as { code?: number; message?: string; data?: unknown };
      return {
        jsonrpc: "2.0",
        id: req.id,
        error: { code: e.code ?? -32603, message: e.message ?? "error", data: e.data },
      };
    }
  };

  const server: Server = createServer((request, response) => {
    httpCount++;
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", async () => {
      if (fault === "slow") {
        // Never answers in time: the client's timeout must fire. Released on close().
        pending.add(() => response.destroy());
        return;
      }
      if (fault === "http-500") {
        response.writeHead(500).end("internal error");
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as
        | JsonRpcRequest
        | JsonRpcRequest[];
      const out = Array.isArray(body) ? await Promise.all(body.map(answer)) : await answer(body);
      response
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify(out, bigintJson));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    requests,
    httpRequests: () => httpCount,
    setFault(next) {
      fault = next;
    },
    async close() {
      for (const release of pending) release();
      pending.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function bigintJson(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? `0x${value.toString(16)}` : value;
}

/** A URL on 127.0.0.1 where nothing listens (the port was just freed). */
export async function deadRpcUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
