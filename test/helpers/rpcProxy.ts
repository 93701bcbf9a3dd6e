// An HTTP JSON-RPC endpoint on 127.0.0.1 in front of another (a `hardhat node`), forwarding every
// request, with two ways to make it behave like a public provider: answer some calls itself (an
// error a provider gives) or hold each request for a while (a distant provider). Tests and the
// benchmarks share it; test/helpers/rpcServer.ts is the one in front of the in-process chain.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface RpcCall {
  id: unknown;
  method: string;
  params?: unknown[];
}

export interface RpcProxyOptions {
  /** The response to send instead of forwarding `call`, or undefined to forward it. */
  answer?(call: RpcCall): object | undefined;
  /** Milliseconds each request is held before it is forwarded (benchmarks only: tests never wait). */
  delayMs?: number;
}

export interface RpcProxy {
  url: string;
  close(): Promise<void>;
}

export async function startRpcProxy(
  target: string,
  options: RpcProxyOptions = {},
): Promise<RpcProxy> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const body = Buffer.concat(chunks);
      try {
        const call = JSON.parse(body.toString("utf8")) as RpcCall | RpcCall[];
        const answer = Array.isArray(call) ? undefined : options.answer?.(call);
        if (answer !== undefined) {
          response
            .writeHead(200, { "content-type": "application/json" })
            .end(JSON.stringify({ jsonrpc: "2.0", id: (call as RpcCall).id, ...answer }));
          return;
        }
        if (options.delayMs !== undefined) {
          await new Promise((resolve) => setTimeout(resolve, options.delayMs));
        }
        const upstream = await fetch(target, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        response
          .writeHead(upstream.status, { "content-type": "application/json" })
          .end(Buffer.from(await upstream.arrayBuffer()));
      } catch (error) {
        response.writeHead(502).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
