// Read-only store over trustless HTTP gateways: every block is fetched alone
// (`GET /ipfs/<cid>?format=raw`, `Accept: application/vnd.ipld.raw`), checked against its CID, and
// chunked content is walked block by block, so no gateway is trusted. A gateway that errs, times
// out or serves wrong bytes is skipped for the next one. Pure (global fetch only): the browser
// verifier uses it as is.
import type { CID } from "multiformats/cid";
import type { ContentSource, ReadOptions } from "./contentStore.ts";
import {
  ContentIntegrityError,
  ContentNotFoundError,
  StoreUnreachableError,
  type UnreachableReason,
} from "./errors.ts";
import { parseCid } from "./parseCid.ts";
import { type BlockLoader, blockMatches, readContent } from "./readContent.ts";

export interface GatewaySourceOptions {
  /** Gateway base URLs, tried in order, e.g. "https://trustless-gateway.link". */
  gateways: readonly string[];
  /** Longest wait for one block from one gateway, body included (default 10 s). */
  timeoutMs?: number;
  /** Largest block accepted (default 2 MiB, the largest block IPFS peers exchange). */
  maxBlockBytes?: number;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
}

/** What one gateway did with one block request. */
export interface GatewayAttempt {
  gateway: string;
  outcome: "not-found" | "mismatch" | "unreachable";
  reason?: UnreachableReason;
  detail: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BLOCK_BYTES = 2 * 1024 * 1024;
const RAW_BLOCK = "application/vnd.ipld.raw";

export function createGatewaySource(options: GatewaySourceOptions): ContentSource {
  if (options.gateways.length === 0)
    throw new TypeError("createGatewaySource needs at least one gateway URL");
  const gateways = options.gateways.map((g) => (g.endsWith("/") ? g : `${g}/`));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBlockBytes = options.maxBlockBytes ?? DEFAULT_MAX_BLOCK_BYTES;
  const doFetch = options.fetch ?? globalThis.fetch;
  const label = `trustless gateways ${options.gateways.join(", ")}`;

  // One block from one gateway: bytes that match, or the reason they did not come.
  const tryGateway = async (
    gateway: string,
    cid: CID,
    signal: AbortSignal | undefined,
  ): Promise<Uint8Array | GatewayAttempt> => {
    const name = gateway.slice(0, -1);
    const timeout = AbortSignal.timeout(timeoutMs);
    const url = new URL(`ipfs/${cid.toString()}`, gateway);
    url.searchParams.set("format", "raw");
    try {
      const response = await doFetch(url, {
        headers: { accept: RAW_BLOCK },
        signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
      });
      if (response.status === 404 || response.status === 410) {
        await response.body?.cancel();
        return { gateway: name, outcome: "not-found", detail: `HTTP ${response.status}` };
      }
      if (!response.ok) {
        await response.body?.cancel();
        return {
          gateway: name,
          outcome: "unreachable",
          reason: "http",
          detail: `HTTP ${response.status}`,
        };
      }
      const bytes = await readBody(response, maxBlockBytes);
      if (bytes === undefined) {
        return {
          gateway: name,
          outcome: "mismatch",
          detail: `block larger than ${maxBlockBytes} bytes`,
        };
      }
      if (!(await blockMatches(cid, bytes))) {
        return { gateway: name, outcome: "mismatch", detail: "bytes do not hash to the CID" };
      }
      return bytes;
    } catch (err) {
      if (signal?.aborted) throw err;
      if (timeout.aborted) {
        return {
          gateway: name,
          outcome: "unreachable",
          reason: "timeout",
          detail: `timed out after ${timeoutMs} ms`,
        };
      }
      return {
        gateway: name,
        outcome: "unreachable",
        reason: "connection",
        detail: describeFetchError(err),
      };
    }
  };

  const loaderFor =
    (root: CID): BlockLoader =>
    async (cid, signal) => {
      const attempts: GatewayAttempt[] = [];
      for (const gateway of gateways) {
        const result = await tryGateway(gateway, cid, signal);
        if (result instanceof Uint8Array) return result;
        attempts.push(result);
      }
      throw failure(root, cid, attempts);
    };

  const failure = (root: CID, cid: CID, attempts: GatewayAttempt[]) => {
    const summary = attempts.map((a) => `${a.gateway}: ${a.detail}`).join("; ");
    const details = { block: cid.toString(), attempts };
    const unreachable = attempts.find((a) => a.outcome === "unreachable");
    // Any gateway that could not answer might have held the content: never call it missing.
    if (unreachable !== undefined) {
      return new StoreUnreachableError(
        root.toString(),
        label,
        unreachable.reason ?? "connection",
        summary,
        details,
      );
    }
    if (attempts.some((a) => a.outcome === "mismatch")) {
      return new ContentIntegrityError(root.toString(), label, summary, details);
    }
    return new ContentNotFoundError(root.toString(), label, details);
  };

  return {
    label,

    async get(input: CID | string, readOptions: ReadOptions = {}): Promise<Uint8Array> {
      const cid = parseCid(input, label);
      return readContent(cid, loaderFor(cid), {
        store: label,
        signal: readOptions.signal,
        maxBytes: readOptions.maxBytes,
      });
    },

    async has(input: CID | string, readOptions: ReadOptions = {}): Promise<boolean> {
      const cid = parseCid(input, label);
      try {
        await loaderFor(cid)(cid, readOptions.signal);
        return true;
      } catch (err) {
        if (err instanceof ContentNotFoundError) return false;
        throw err;
      }
    },

    async close(): Promise<void> {},
  };
}

/** The body, or undefined as soon as it grows past `limit` (a gateway cannot make us buffer GBs). */
async function readBody(response: Response, limit: number): Promise<Uint8Array | undefined> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) {
    await response.body?.cancel();
    return undefined;
  }
  if (response.body === null) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let length = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > limit) {
      await reader.cancel();
      return undefined;
    }
    parts.push(value);
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

function describeFetchError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}
