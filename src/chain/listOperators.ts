// The operator keys an issuer ever authorised, found through the operator events, with the
// expiry the registry holds now (0 once removed) and whether each may act at the latest block.

import type { Address } from "viem";
import { getBlock, getContractEvents, readContract } from "viem/actions";
import { credentialRegistryAbi } from "./abi.ts";
import { classifyChainError } from "./classifyError.ts";
import type { ChainClient } from "./client.ts";
import { readEventLogs } from "./readEventLogs.ts";

export interface OperatorKey {
  operator: Address;
  /** Unix seconds, exclusive; null once removed. */
  expiresAt: number | null;
  live: boolean;
}

export async function listOperators(
  chain: ChainClient,
  registry: Address,
  issuer: Address,
  fromBlock = 0n,
): Promise<OperatorKey[]> {
  const logs = await readEventLogs(chain, registry, fromBlock, (from, to) =>
    getContractEvents(chain.client, {
      address: registry,
      abi: credentialRegistryAbi,
      eventName: "OperatorSet",
      args: { issuer },
      fromBlock: from,
      toBlock: to,
      strict: true,
    }),
  );
  const operators = [...new Set(logs.map((log) => log.args.operator))];
  try {
    const block = await getBlock(chain.client);
    return await Promise.all(
      operators.map(async (operator) => {
        const expiresAt = await readContract(chain.client, {
          address: registry,
          abi: credentialRegistryAbi,
          functionName: "operatorExpiry",
          args: [issuer, operator],
          blockNumber: block.number,
        });
        return {
          operator,
          expiresAt: expiresAt === 0 ? null : expiresAt,
          live: expiresAt > Number(block.timestamp),
        };
      }),
    );
  } catch (error) {
    throw classifyChainError(error, chain.urls, registry);
  }
}
