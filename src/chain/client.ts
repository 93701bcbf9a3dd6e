// A read client for one chain: one or more RPC URLs tried in turn, each with a timeout and
// retries with exponential backoff (./rpc.ts), or any EIP-1193 provider (a wallet in a browser,
// Hardhat's in-process chain in Node). viem's actions run on it through a custom transport.
import {
  type Chain,
  type Client,
  createClient,
  custom,
  type EIP1193Provider,
  type Transport,
} from "viem";
import { httpRpc, type RpcEndpoint, type RpcRequest } from "./rpc.ts";

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

/**
 * A viem client that remembers which endpoints it talks to, for error messages; `request` sends
 * a raw JSON-RPC request over the same transport (what the verifier reads with).
 */
export interface ChainClient extends RpcEndpoint {
  /** A bare viem client: call actions from "viem/actions" on it, so a bundle holds only those used. */
  readonly client: Client<Transport, Chain | undefined>;
  readonly urls: readonly string[];
}

export function createChainClient(options: ChainClientOptions): ChainClient {
  const urls = options.rpcUrls ?? [];
  let request: RpcRequest;
  let transport: Transport;
  if (options.provider !== undefined) {
    const provider = options.provider;
    request = (args) => provider.request(args as never);
    transport = custom(provider, { retryCount: options.retryCount ?? 0 });
  } else {
    request = httpRpc(urls, {
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.retryCount === undefined ? {} : { retryCount: options.retryCount }),
      ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
    });
    // httpRpc retries and falls back itself; viem must not retry on top of it.
    transport = custom({ request: request as never }, { retryCount: 0 });
  }
  const client = createClient({
    transport,
    ...(options.chain ? { chain: options.chain } : {}),
  });
  return { client, urls, request };
}
