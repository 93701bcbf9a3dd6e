// A read client for one chain: one or more RPC URLs tried in turn (viem's fallback transport),
// each with a timeout and retries with exponential backoff, or any EIP-1193 provider (a wallet in
// a browser, Hardhat's in-process chain in Node).
import {
  type Chain,
  type Client,
  createClient,
  custom,
  type EIP1193Provider,
  fallback,
  http,
  type Transport,
} from "viem";
import { CredanchorError } from "../errors.ts";

export interface ChainClientOptions {
  /** RPC URLs of one chain, tried in order when one fails. */
  rpcUrls?: readonly string[];
  /** An EIP-1193 provider instead of URLs. */
  provider?: EIP1193Provider;
  /** Per-request timeout in milliseconds (default 10,000). */
  timeoutMs?: number;
  /** Retries per URL after the first attempt, with exponential backoff (default 2). */
  retryCount?: number;
  /** Base delay of the backoff in milliseconds (default 150). */
  retryDelayMs?: number;
  chain?: Chain;
}

/** A viem public client that remembers which endpoints it talks to, for error messages. */
export interface ChainClient {
  /** A bare viem client: call actions from "viem/actions" on it, so a bundle holds only those used. */
  readonly client: Client<Transport, Chain | undefined>;
  readonly urls: readonly string[];
}

export function createChainClient(options: ChainClientOptions): ChainClient {
  const urls = options.rpcUrls ?? [];
  let transport: Transport;
  if (options.provider !== undefined) {
    transport = custom(options.provider, { retryCount: options.retryCount ?? 0 });
  } else if (urls.length > 0) {
    const each = urls.map((url) => {
      checkUrl(url);
      return http(url, {
        timeout: options.timeoutMs ?? 10_000,
        retryCount: options.retryCount ?? 2,
        retryDelay: options.retryDelayMs ?? 150,
      });
    });
    transport = each.length === 1 ? each[0]! : fallback(each, { rank: false, retryCount: 0 });
  } else {
    throw new CredanchorError(
      "RPC_URL_MISSING",
      "No RPC URL given: pass at least one RPC URL (e.g. http://127.0.0.1:8545).",
    );
  }
  const client = createClient({
    transport,
    ...(options.chain ? { chain: options.chain } : {}),
  });
  return { client, urls };
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
