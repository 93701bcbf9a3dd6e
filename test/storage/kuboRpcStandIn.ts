// A test double for the Kubo RPC API: an HTTP server on 127.0.0.1 that answers the six endpoints
// the Kubo store uses (block/put, block/get, block/stat, block/rm, pin/add, pin/rm) the way an
// offline Kubo node does: same paths, query parameters, JSON shapes and error bodies. No Kubo
// daemon can run on our machines, so this is what the real kubo-rpc-client talks to in tests. It
// hashes what it is given, so a CID it returns is one it computed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import * as dagPb from "@ipld/dag-pb";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { sha256 } from "multiformats/hashes/sha2";

export interface KuboRpcStandIn {
  url: string;
  /** Blocks held, by CIDv1 string. */
  blocks: Map<string, Uint8Array>;
  pins: Set<string>;
  /** Every request seen: path, query and the authorization header. */
  requests: Array<{ path: string; query: URLSearchParams; authorization: string | undefined }>;
  close(): Promise<void>;
}

export async function startKuboRpcStandIn(
  options: { requireAuthorization?: string; silentOn?: string } = {},
): Promise<KuboRpcStandIn> {
  const blocks = new Map<string, Uint8Array>();
  const pins = new Set<string>();
  const requests: KuboRpcStandIn["requests"] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const authorization = req.headers.authorization;
    requests.push({ path: url.pathname, query: url.searchParams, authorization });
    const body = await readAll(req);
    if (url.pathname === options.silentOn) return; // never answers: a hung node
    if (req.method !== "POST") return sendError(res, 405, `${req.method} not allowed, use POST`);
    if (
      options.requireAuthorization !== undefined &&
      authorization !== options.requireAuthorization
    ) {
      return sendError(res, 401, "unauthorized");
    }
    const arg = url.searchParams.get("arg") ?? "";
    switch (url.pathname) {
      case "/api/v0/block/put": {
        const data = multipartFile(body, req.headers["content-type"] ?? "");
        const codec = url.searchParams.get("cid-codec") ?? "raw";
        const cid = CID.createV1(
          codec === "dag-pb" ? dagPb.code : raw.code,
          await sha256.digest(data),
        );
        blocks.set(cid.toString(), data);
        return sendJson(res, { Key: cid.toString(), Size: data.byteLength });
      }
      case "/api/v0/block/get": {
        const data = blocks.get(toV1(arg));
        if (data === undefined) return sendError(res, 500, notFound(arg));
        res.writeHead(200, { "content-type": "text/plain" });
        return res.end(data);
      }
      case "/api/v0/block/stat": {
        const data = blocks.get(toV1(arg));
        if (data === undefined) return sendError(res, 500, notFound(arg));
        return sendJson(res, { Key: arg, Size: data.byteLength });
      }
      case "/api/v0/block/rm": {
        // One NDJSON line per block: {"Hash"} when removed, with "Error" when not (Kubo's shape).
        const lines = url.searchParams.getAll("arg").map((cid) => {
          const key = toV1(cid);
          if (!blocks.has(key)) return { Hash: cid, Error: `ipld: could not find ${cid}` };
          const by = [...pins].find((pin) => dagHolds(CID.parse(pin), key, blocks));
          if (by !== undefined) {
            return { Hash: cid, Error: by === key ? "pinned: recursive" : `pinned via ${by}` };
          }
          blocks.delete(key);
          return { Hash: cid };
        });
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(lines.map((line) => `${JSON.stringify(line)}\n`).join(""));
      }
      case "/api/v0/pin/add": {
        const missing = missingBlock(CID.parse(arg), blocks);
        if (missing !== undefined) return sendError(res, 500, notFound(missing));
        pins.add(toV1(arg));
        return sendJson(res, { Pins: [arg] });
      }
      case "/api/v0/pin/rm": {
        if (!pins.delete(toV1(arg))) return sendError(res, 500, "not pinned or pinned indirectly");
        return sendJson(res, { Pins: [arg] });
      }
      default:
        return sendError(res, 404, `404 page not found: ${url.pathname}`);
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => sendError(res, 500, err.message));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    blocks,
    pins,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function notFound(cid: string): string {
  return `block was not found locally (offline): ipld: could not find ${cid}`;
}

function toV1(cid: string): string {
  try {
    return CID.parse(cid).toV1().toString();
  } catch {
    return cid;
  }
}

function missingBlock(cid: CID, blocks: Map<string, Uint8Array>): string | undefined {
  const data = blocks.get(cid.toV1().toString());
  if (data === undefined) return cid.toString();
  if (cid.code !== dagPb.code) return undefined;
  for (const link of dagPb.decode(data).Links) {
    const missing = missingBlock(link.Hash, blocks);
    if (missing !== undefined) return missing;
  }
  return undefined;
}

/** Whether the DAG under `root` (as far as it is held) contains the block `key`. */
function dagHolds(root: CID, key: string, blocks: Map<string, Uint8Array>): boolean {
  if (root.toV1().toString() === key) return true;
  const data = blocks.get(root.toV1().toString());
  if (data === undefined || root.code !== dagPb.code) return false;
  return dagPb.decode(data).Links.some((link) => dagHolds(link.Hash, key, blocks));
}

function sendJson(res: ServerResponse, value: unknown) {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(`${JSON.stringify(value)}\n`);
}

// Kubo's error body: {"Message": ..., "Code": 0, "Type": "error"}.
function sendError(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ Message: message, Code: 0, Type: "error" }));
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The bytes of the first file part of a multipart/form-data body. */
function multipartFile(body: Buffer, contentType: string): Uint8Array {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  if (boundary === undefined) throw new Error("block/put needs a multipart body");
  const start = body.indexOf("\r\n\r\n") + 4;
  const end = body.lastIndexOf(`\r\n--${boundary}`);
  return new Uint8Array(body.subarray(start, end));
}
