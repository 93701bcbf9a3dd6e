// Reads event logs from a start block to the chain head. Many public RPCs refuse wide block
// ranges, so a refused range is retried in halves and the smaller span kept for the rest: a
// linear walk, never an exponential split. Network faults are not retried here (the transport
// already retries) and surface as chain faults.

import { BaseError, RpcRequestError } from "viem";
import { getBlockNumber } from "viem/actions";
import { classifyChainError } from "./classifyError.ts";
import type { ChainClient } from "./client.ts";
import { RpcAnswerError } from "./rpc.ts";

export interface LogOrder {
  blockNumber: bigint | null;
  logIndex: number | null;
}

/**
 * Runs `query` over [fromBlock, head] in as few ranges as the RPC accepts and returns every log in
 * chain order. `address` names the contract in errors.
 */
export async function readEventLogs<T extends LogOrder>(
  chain: ChainClient,
  address: string,
  fromBlock: bigint,
  query: (fromBlock: bigint, toBlock: bigint) => Promise<T[]>,
): Promise<T[]> {
  let head: bigint;
  try {
    head = await getBlockNumber(chain.client);
  } catch (error) {
    throw classifyChainError(error, chain.urls, address);
  }
  const logs: T[] = [];
  let span = head - fromBlock + 1n;
  let start = fromBlock;
  while (start <= head) {
    const end = start + span - 1n < head ? start + span - 1n : head;
    try {
      logs.push(...(await query(start, end)));
      start = end + 1n;
    } catch (error) {
      if (span > 1n && isRangeRefusal(error)) {
        span = (span + 1n) / 2n;
        continue;
      }
      throw classifyChainError(error, chain.urls, address);
    }
  }
  return logs.sort(compareLogs);
}

export function compareLogs(a: LogOrder, b: LogOrder): number {
  const blocks = (a.blockNumber ?? 0n) - (b.blockNumber ?? 0n);
  if (blocks !== 0n) return blocks < 0n ? -1 : 1;
  return (a.logIndex ?? 0) - (b.logIndex ?? 0);
}

/**
 * The endpoint answered with a JSON-RPC error (too many blocks, too many results), not a fault:
 * an answer over HTTP (RpcAnswerError) or a provider's error with its JSON-RPC code. viem wraps
 * every failure in an RpcError, a network fault too, so its own classes say nothing here.
 */
function isRangeRefusal(error: unknown): boolean {
  if (!(error instanceof BaseError)) return false;
  const answer = error.walk(
    (e) =>
      e instanceof RpcAnswerError ||
      e instanceof RpcRequestError ||
      (!(e instanceof BaseError) && typeof (e as { code?: unknown })?.code === "number"),
  );
  return answer !== null;
}
