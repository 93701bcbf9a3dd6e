// JSON-RPC requests to a chain, as small as a web page can ship: `fetch` over one or more HTTP
// URLs (each with a timeout and retries with exponential backoff, then the next URL), or any
// EIP-1193 provider. The verifier reads through this alone; createChainClient puts viem's
// clients on the same HTTP transport, so reads and writes reach a node one way.
import { CredanchorError } from "../errors.ts";

export type RpcRequest = (args: {
  method: string;
  params?: readonly unknown[];
}) => Promise<unknown>;

/** A way to send JSON-RPC requests to one chain, and the URLs it uses (for error messages). */
export interface RpcEndpoint {
  readonly request: RpcRequest;
  readonly urls: readonly string[];
}

export interface HttpRpcOptions {
  /** Per-request timeout in milliseconds (default 10,000). */
  timeoutMs?: number;
  /** Retries per URL after the first attempt, with exponential backoff (default 2). */
  retryCount?: number;
  /** Base delay of the backoff in milliseconds (default 150). */
  retryDelayMs?: number;
}

/** A node's JSON-RPC error answer ({ code, message, data }), shaped as EIP-1193 errors are. */
export class RpcAnswerError extends Error {
  override readonly name = "RpcAnswerError";
  readonly code: number;
  readonly data: unknown;
  readonly url: string;
  constructor(code: number, message: string, data: unknown, url: string) {
    super(message);
    this.code = code;
    this.data = data;
    this.url = url;
  }
}

/** The endpoint failed before answering: network error, timeout, HTTP status, not JSON-RPC. */
export class RpcTransportError extends Error {
  override readonly name = "RpcTransportError";
  readonly url: string;
  /** The HTTP status, when the endpoint answered with one that is not 2xx. */
  readonly status: number | undefined;
  constructor(message: string, url: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.url = url;
    this.status = status;
  }
}

/** Checks the URLs and returns a request function that tries them in order. */
export function httpRpc(urls: readonly string[], options: HttpRpcOptions = {}): RpcRequest {
  if (urls.length === 0) {
    throw new CredanchorError(
      "RPC_URL_MISSING",
      "No RPC URL given: pass at least one RPC URL (e.g. http://127.0.0.1:8545).",
    );
  }
  for (const url of urls) checkUrl(url);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retryCount = options.retryCount ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 150;
  let nextId = 1;
  return async ({ method, params = [] }) => {
    let last: unknown;
    for (const url of urls) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await post(url, { jsonrpc: "2.0", id: nextId++, method, params }, timeoutMs);
        } catch (error) {
          // A node's deterministic answer (a revert) is the answer: no retry, no other URL.
          if (isRevert(error)) throw error;
          last = error;
          if (attempt >= retryCount || !worthRetrying(error)) break;
          await sleep(retryDelayMs * 2 ** attempt);
        }
      }
    }
    throw last;
  };
}

/** True for a node's answer that a call reverted: the same on every node, so never retried. */
export function isRevert(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; depth++) {
    const { code, message } = e as Error & { code?: unknown };
    if (code === 3 || /revert/i.test(message)) return true;
    e = e.cause;
  }
  return false;
}

function worthRetrying(error: unknown): boolean {
  if (error instanceof RpcTransportError) {
    return error.status === undefined || [408, 429, 500, 502, 503, 504].includes(error.status);
  }
  // Rate limits and a node's internal error may pass; other answers will not change.
  return error instanceof RpcAnswerError && [-32005, -32603, -32007, 429, -1].includes(error.code);
}

async function post(url: string, body: object, timeoutMs: number): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    text = await response.text();
  } catch (error) {
    const message = controller.signal.aborted
      ? `the request took too long (timed out after ${timeoutMs} ms)`
      : `the request failed (${error instanceof Error ? error.message : String(error)})`;
    throw new RpcTransportError(message, url, undefined, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) {
    throw new RpcTransportError(`HTTP ${response.status} from ${url}`, url, response.status);
  }
  let answer: { result?: unknown; error?: { code?: unknown; message?: unknown; data?: unknown } };
  try {
    answer = JSON.parse(text);
  } catch {
    throw new RpcTransportError(`${url} did not answer with JSON-RPC`, url, response.status);
  }
  if (typeof answer !== "object" || answer === null) {
    throw new RpcTransportError(`${url} did not answer with JSON-RPC`, url, response.status);
  }
  if (answer.error !== undefined && answer.error !== null) {
    const { code, message, data } = answer.error;
    throw new RpcAnswerError(
      typeof code === "number" ? code : -32603,
      typeof message === "string" ? message : "JSON-RPC error",
      data,
      url,
    );
  }
  if (!("result" in answer)) {
    throw new RpcTransportError(`${url} answered JSON-RPC with no result`, url, response.status);
  }
  return answer.result;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CredanchorError(
      "RPC_URL_INVALID",
      `"${url}" is not a valid RPC URL (expected http:// or https://).`,
      { url },
    );
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new CredanchorError("RPC_URL_INVALID", `"${url}" is not an http(s) RPC URL.`, { url });
  }
}
