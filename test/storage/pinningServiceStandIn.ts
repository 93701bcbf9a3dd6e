// A test double for a remote pinning service: an HTTP server on 127.0.0.1 answering the IPFS
// Pinning Service API's GET /pins, POST /pins and DELETE /pins/{requestid} the way the spec says
// (https://ipfs.github.io/pinning-services-api-spec/): bearer-token auth, `cid` a comma list,
// `status` defaulting to "pinned" only, newest first, `limit` (default 10, at most 1000) with
// `before` for the next page, 202 on delete, {"error": {"reason", "details"}} on failure. No
// pinning service can be reached from our machines, so this is what the client talks to in tests.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface StandInPin {
  requestid: string;
  status: "queued" | "pinning" | "pinned" | "failed";
  created: string;
  cid: string;
  name?: string;
}

export interface PinningServiceStandIn {
  url: string;
  /** Pin requests held, by request id. */
  pins: Map<string, StandInPin>;
  /** Adds a pin request as if a client had made it; returns its request id. */
  add(cid: string, status?: StandInPin["status"]): string;
  /** Every request seen: method, path, query and the authorization header. */
  requests: Array<{
    method: string;
    path: string;
    query: URLSearchParams;
    authorization: string | undefined;
  }>;
  close(): Promise<void>;
}

export async function startPinningServiceStandIn(
  options: { token?: string } = {},
): Promise<PinningServiceStandIn> {
  const pins = new Map<string, StandInPin>();
  const requests: PinningServiceStandIn["requests"] = [];
  let clock = Date.parse("2026-01-01T00:00:00Z");

  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const authorization = req.headers.authorization;
    requests.push({
      method: req.method ?? "",
      path: url.pathname,
      query: url.searchParams,
      authorization,
    });
    if (options.token !== undefined && authorization !== `Bearer ${options.token}`) {
      return sendError(res, 401, "UNAUTHORIZED", "Access token is missing or invalid");
    }
    if (req.method === "GET" && url.pathname === "/pins") {
      const cids = url.searchParams.get("cid")?.split(",");
      const statuses = (url.searchParams.get("status") ?? "pinned").split(",");
      const limit = Number(url.searchParams.get("limit") ?? "10");
      if (!(limit >= 1 && limit <= 1000)) return sendError(res, 400, "BAD_REQUEST", "limit");
      const before = url.searchParams.get("before");
      const matching = [...pins.values()]
        .filter((p) => cids === undefined || cids.includes(p.cid))
        .filter((p) => statuses.includes(p.status))
        .sort((a, b) => b.created.localeCompare(a.created));
      const page = matching.filter((p) => before === null || p.created < before).slice(0, limit);
      return sendJson(res, 200, {
        count: matching.length,
        results: page.map((p) => ({
          requestid: p.requestid,
          status: p.status,
          created: p.created,
          pin: { cid: p.cid, ...(p.name === undefined ? {} : { name: p.name }) },
          delegates: ["/ip4/203.0.113.1/tcp/4001/p2p/QmServicePeer"],
        })),
      });
    }
    if (req.method === "POST" && url.pathname === "/pins") {
      // A real service answers 202 "queued" and fetches the content later; nothing is fetched here.
      let pin: { cid?: unknown; name?: unknown };
      try {
        pin = JSON.parse(body) as typeof pin;
      } catch {
        return sendError(res, 400, "BAD_REQUEST", "body is not JSON");
      }
      if (typeof pin.cid !== "string") return sendError(res, 400, "BAD_REQUEST", "cid");
      const requestid = add(pin.cid, "queued");
      if (typeof pin.name === "string") pins.get(requestid)!.name = pin.name;
      const added = pins.get(requestid)!;
      return sendJson(res, 202, {
        requestid,
        status: added.status,
        created: added.created,
        pin: { cid: added.cid, ...(added.name === undefined ? {} : { name: added.name }) },
        delegates: ["/ip4/203.0.113.1/tcp/4001/p2p/QmServicePeer"],
      });
    }
    const removal = /^\/pins\/([^/]+)$/.exec(url.pathname);
    if (req.method === "DELETE" && removal !== null) {
      if (!pins.delete(decodeURIComponent(removal[1]!))) {
        return sendError(res, 404, "NOT_FOUND", "The specified resource was not found");
      }
      res.writeHead(202).end();
      return;
    }
    return sendError(res, 404, "NOT_FOUND", `${req.method} ${url.pathname}`);
  };

  const add = (cid: string, status: StandInPin["status"] = "pinned"): string => {
    const requestid = randomUUID();
    clock += 1000; // later requests are newer, as the service orders them
    pins.set(requestid, { requestid, status, created: new Date(clock).toISOString(), cid });
    return requestid;
  };

  const server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => handle(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pins,
    add,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sendJson(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
}

function sendError(res: ServerResponse, status: number, reason: string, details: string) {
  sendJson(res, status, { error: { reason, details } });
}
