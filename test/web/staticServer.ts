// A static host for the test: the built page at / and credential files under /credentials/,
// served with CORS headers, as a holder's web space or an issuer's download link would be.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

export type StaticServer = { url: string; close(): Promise<void> };

export async function serveStatic(
  pageDir: string,
  credentials: ReadonlyMap<string, unknown>,
): Promise<StaticServer> {
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? "/", "http://localhost");
    const send = (status: number, type: string, body: string | Buffer) => {
      response.writeHead(status, { "content-type": type, "access-control-allow-origin": "*" });
      response.end(body);
    };
    const credential = /^\/credentials\/([\w-]+\.json)$/.exec(pathname)?.[1];
    if (credential !== undefined && credentials.has(credential)) {
      send(200, "application/json", JSON.stringify(credentials.get(credential)));
    } else if (pathname === "/" || pathname === "/index.html") {
      readFile(path.join(pageDir, "index.html")).then(
        (html) => send(200, "text/html; charset=utf-8", html),
        (error: Error) => send(500, "text/plain", error.message),
      );
    } else {
      send(404, "text/plain", "not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
