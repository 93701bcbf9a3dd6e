// What a person reads when an RPC URL cannot be reached: the SDK's error (which the CLI prints),
// the verifier's check and the page's sentence in each language. Transports end their own messages
// with a full stop ("HTTP request failed."), so a sentence built around one must not read "..".
// Real HTTP on 127.0.0.1: a port nobody listens on, a server failing with 500, one answering HTML.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { httpRpc, RpcUnreachableError, servedChainId } from "../../src/chain/index.ts";
import { CATALOGUES, checkMessage } from "../../src/labels/index.ts";
import { faultCheck } from "../../src/verifier/check.ts";
import { deadRpcUrl } from "../helpers/rpcServer.ts";

const servers: Server[] = [];

async function answering(status: number, body: string): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { "content-type": "text/html" });
    res.end(body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function unreachable(url: string): Promise<RpcUnreachableError> {
  const endpoint = { urls: [url], request: httpRpc([url], { retryCount: 0, timeoutMs: 5_000 }) };
  try {
    await servedChainId(endpoint);
  } catch (error) {
    expect(error).to.be.instanceOf(RpcUnreachableError);
    return error as RpcUnreachableError;
  }
  throw new Error(`${url} answered a chain id`);
}

describe("chain: messages for an unreachable RPC URL", () => {
  after(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  for (const [name, url] of [
    ["a port nobody listens on", () => deadRpcUrl()],
    ["a server failing with HTTP 500", () => answering(500, "Internal Server Error.")],
    ["a server answering an HTML page", () => answering(200, "<html>Not an RPC.</html>")],
  ] as const) {
    it(`never read ".." in the SDK, CLI, verifier or page for ${name}`, async () => {
      const error = await unreachable(await url());
      const check = faultCheck("anchor", error);
      const sentences = [
        error.message,
        check.message,
        ...Object.keys(CATALOGUES).map((language) => checkMessage(language, check)),
      ];
      for (const sentence of sentences) expect(sentence).to.not.include("..");
      expect(error.message).to.match(/\. Check the URL or try again later\.$/);
      expect(check.params?.cause, "the page names the transport's fault").to.be.a("string");
    });
  }
});
