// The history of revocations and suspensions of one batch, from the registry's events: who acted,
// why (reason code), on which indices, in which transaction. Oldest first.

import type { Address, Hex } from "viem";
import { getContractEvents } from "viem/actions";
import { credentialRegistryAbi } from "./abi.ts";
import type { ChainClient } from "./client.ts";
import type { BatchRef } from "./readCredentialStatus.ts";
import { compareLogs, readEventLogs } from "./readEventLogs.ts";
import { fromStatusWords } from "./statusWords.ts";

export interface StatusChange {
  action: "revoke-batch" | "revoke" | "suspend" | "unsuspend";
  by: Address;
  reason: number;
  /** The indices acted on; empty for a whole-batch revocation. */
  indices: number[];
  transactionHash: Hex;
  blockNumber: bigint;
  logIndex: number;
}

const EVENTS = {
  CredentialsRevoked: "revoke",
  CredentialsSuspended: "suspend",
  CredentialsUnsuspended: "unsuspend",
} as const;

export async function listStatusChanges(
  chain: ChainClient,
  batch: BatchRef,
  fromBlock = 0n,
): Promise<StatusChange[]> {
  const filter = { issuer: batch.issuer, root: batch.root };
  const read = <T extends { blockNumber: bigint | null; logIndex: number | null }>(
    query: (from: bigint, to: bigint) => Promise<T[]>,
  ) => readEventLogs(chain, batch.registry, fromBlock, query);
  const [batchRevocations, ...perIndex] = await Promise.all([
    read((from, to) =>
      getContractEvents(chain.client, {
        address: batch.registry,
        abi: credentialRegistryAbi,
        eventName: "BatchRevoked",
        args: filter,
        fromBlock: from,
        toBlock: to,
        strict: true,
      }),
    ),
    ...(Object.keys(EVENTS) as (keyof typeof EVENTS)[]).map((eventName) =>
      read((from, to) =>
        getContractEvents(chain.client, {
          address: batch.registry,
          abi: credentialRegistryAbi,
          eventName,
          args: filter,
          fromBlock: from,
          toBlock: to,
          strict: true,
        }),
      ).then((logs) => logs.map((log) => ({ log, action: EVENTS[eventName] }))),
    ),
  ]);
  const changes: StatusChange[] = batchRevocations.map((log) => ({
    action: "revoke-batch",
    by: log.args.by,
    reason: log.args.reason,
    indices: [],
    transactionHash: log.transactionHash,
    blockNumber: log.blockNumber,
    logIndex: log.logIndex,
  }));
  for (const { log, action } of perIndex.flat()) {
    changes.push({
      action,
      by: log.args.by,
      reason: log.args.reason,
      indices: fromStatusWords(log.args.words),
      transactionHash: log.transactionHash,
      blockNumber: log.blockNumber,
      logIndex: log.logIndex,
    });
  }
  return changes.sort(compareLogs);
}
