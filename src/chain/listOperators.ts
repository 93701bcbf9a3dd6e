// The operator keys an issuer ever authorised, found through the operator events, with the
// expiry and rights the registry holds now (none once removed) and whether each is live at the
// latest block.

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
  /** A combination of OPERATOR_RIGHTS; 0 once removed. */
  rights: number;
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
        const [expiresAt, rights] = await readContract(chain.client, {
          address: registry,
          abi: credentialRegistryAbi,
          functionName: "operatorOf",
          args: [issuer, operator],
          blockNumber: block.number,
        });
        return {
          operator,
          expiresAt: expiresAt === 0 ? null : expiresAt,
          rights,
          live: expiresAt > Number(block.timestamp),
        };
      }),
    );
  } catch (error) {
    throw classifyChainError(error, chain.urls, registry);
  }
}
