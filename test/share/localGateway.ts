// A trustless IPFS gateway on 127.0.0.1 for tests, and a store that fills it: `put` chunks bytes
// into blocks exactly as every credanchor store does (encodeContent), and the gateway serves each
// block alone (`GET /ipfs/<cid>?format=raw`, the trustless gateway protocol), with the CORS header
// a page on another origin needs. The reader under test checks every block against its CID, so
// the gateway can be this small. `remove` takes content down, as an unpinned copy disappears.
// Given a node's block map (the Kubo stand-in's), it serves that node's blocks, as Kubo's own
// gateway does.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { CID } from "multiformats/cid";
import { encodeContent } from "../../src/storage/encodeContent.ts";

export interface LocalGateway {
  url: string;
  /** Paths asked for, in order. */
  requests: string[];
  /** Stores `bytes` (chunked like every store) and returns their CID. */
  put(bytes: Uint8Array): Promise<CID>;
  /** Forgets every block of content put under `cid`. */
  remove(cid: CID | string): void;
  close(): Promise<void>;
}

export async function startLocalGateway(
  blocks: Map<string, Uint8Array> = new Map(),
): Promise<LocalGateway> {
  const contents = new Map<string, string[]>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(`${url.pathname}${url.search}`);
    res.setHeader("access-control-allow-origin", "*");
    res.setHeader("access-control-allow-headers", "accept");
    if (req.method === "OPTIONS") return res.writeHead(204).end();
    const block = blocks.get(url.pathname.replace(/^\/ipfs\//, ""));
    if (block === undefined) return res.writeHead(404).end("not found");
    res.writeHead(200, { "content-type": "application/vnd.ipld.raw" });
    res.end(block);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async put(bytes) {
      const added: string[] = [];
      const cid = await encodeContent(bytes, async (blockCid, block) => {
        blocks.set(blockCid.toString(), block);
        added.push(blockCid.toString());
      });
      contents.set(cid.toString(), added);
      return cid;
    },
    remove(cid) {
      for (const block of contents.get(cid.toString()) ?? []) blocks.delete(block);
      contents.delete(cid.toString());
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
