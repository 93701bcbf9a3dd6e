// An HTTP proxy in front of a JSON-RPC endpoint that holds every request for a fixed delay before
// forwarding it, so the time to a verdict shows how many round trips a verifier makes, as it
// would against a distant public RPC.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface DelayedRpc {
  url: string;
  close(): Promise<void>;
}

export async function startDelayedRpc(target: string, delayMs: number): Promise<DelayedRpc> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      setTimeout(async () => {
        try {
          const upstream = await fetch(target, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: Buffer.concat(chunks),
          });
          res.writeHead(upstream.status, { "content-type": "application/json" });
          res.end(Buffer.from(await upstream.arrayBuffer()));
        } catch (error) {
          res.writeHead(502).end(String(error));
        }
      }, delayMs);
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
