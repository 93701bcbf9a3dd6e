// A TEST DOUBLE for the web, for verifiers that fetch with the global `fetch` and take no loader
// (DCC's verifier-core). A real HTTP server on 127.0.0.1 (random port) serves the documents the
// test hands it; while `withLocalWeb` runs, `globalThis.fetch` is swapped for a router that sends
// each served URL to that server and refuses every other URL, so nothing leaves the machine.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface LocalWebLog {
  /** URLs fetched and answered by the local server, in order. */
  readonly served: string[];
  /** URLs a verifier asked for that the test did not serve (refused: no network). */
  readonly refused: string[];
}

export class OfflineFetchRefused extends TypeError {
  override readonly name = "OfflineFetchRefused";
  constructor(readonly url: string) {
    super(`offline test: ${url} is not served by the local web and the network is not used`);
  }
}

function urlOf(input: string | URL | Request): string {
  if (typeof input === "string") return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/** Serves `documents` (URL -> JSON) to the global `fetch` while `run` runs; restores `fetch` after. */
export async function withLocalWeb<T>(
  documents: ReadonlyMap<string, unknown>,
  run: (log: LocalWebLog) => Promise<T>,
): Promise<T> {
  const urls = [...documents.keys()];
  const bodies = [...documents.values()].map((document) => JSON.stringify(document));
  const server = createServer((request, response) => {
    const body = bodies[Number((request.url ?? "").slice(1))];
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const log: LocalWebLog = { served: [], refused: [] };
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = urlOf(input);
    const index = urls.indexOf(url);
    if (index < 0) {
      log.refused.push(url);
      throw new OfflineFetchRefused(url);
    }
    log.served.push(url);
    return realFetch(`http://127.0.0.1:${port}/${index}`, {
      headers: init?.headers ?? (input instanceof Request ? input.headers : undefined),
    });
  };
  try {
    return await run(log);
  } finally {
    globalThis.fetch = realFetch;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
