// Reads what the registry stores for one batch (anchoredAt is 0 when the issuer never anchored
// the root), and finds the event that anchored it: its manifest CID, transaction and acting key.

import type { Address, Hex } from "viem";
import { getContractEvents, readContract } from "viem/actions";
import { credentialRegistryAbi } from "./abi.ts";
import { classifyChainError } from "./classifyError.ts";
import type { ChainClient } from "./client.ts";
import type { BatchRef } from "./readCredentialStatus.ts";
import { readEventLogs } from "./readEventLogs.ts";

export interface BatchRecord {
  /** Unix seconds; 0 when not anchored. */
  anchoredAt: number;
  leafCount: number;
  revoked: boolean;
  credentialType: Hex;
}

export interface BatchAnchorEvent {
  /** The key that anchored: the issuer or one of its operators. */
  by: Address;
  credentialType: Hex;
  leafCount: number;
  /** Binary CIDv1 of the batch manifest. */
  manifestCid: Hex;
  transactionHash: Hex;
  blockNumber: bigint;
}

export async function readBatch(chain: ChainClient, batch: BatchRef): Promise<BatchRecord> {
  try {
    const b = await readContract(chain.client, {
      address: batch.registry,
      abi: credentialRegistryAbi,
      functionName: "batchOf",
      args: [batch.issuer, batch.root],
    });
    return {
      anchoredAt: b.anchoredAt,
      leafCount: b.leafCount,
      revoked: b.revoked,
      credentialType: b.credentialType,
    };
  } catch (error) {
    throw classifyChainError(error, chain.urls, batch.registry);
  }
}

/** The BatchAnchored event of the batch, or undefined when there is none from `fromBlock` on. */
export async function findBatchAnchor(
  chain: ChainClient,
  batch: BatchRef,
  fromBlock = 0n,
): Promise<BatchAnchorEvent | undefined> {
  const logs = await readEventLogs(chain, batch.registry, fromBlock, (from, to) =>
    getContractEvents(chain.client, {
      address: batch.registry,
      abi: credentialRegistryAbi,
      eventName: "BatchAnchored",
      args: { issuer: batch.issuer, root: batch.root },
      fromBlock: from,
      toBlock: to,
      strict: true,
    }),
  );
  const log = logs[0];
  if (log === undefined) return undefined;
  return {
    by: await actingKey(chain, batch, log.blockNumber, log.transactionHash),
    credentialType: log.args.credentialType,
    leafCount: log.args.leafCount,
    manifestCid: log.args.manifestCid,
    transactionHash: log.transactionHash,
    blockNumber: log.blockNumber,
  };
}

/** The operator named by OperatorAnchored in the anchoring transaction, else the issuer itself. */
async function actingKey(
  chain: ChainClient,
  batch: BatchRef,
  block: bigint,
  tx: Hex,
): Promise<Address> {
  try {
    const logs = await getContractEvents(chain.client, {
      address: batch.registry,
      abi: credentialRegistryAbi,
      eventName: "OperatorAnchored",
      args: { issuer: batch.issuer, root: batch.root },
      fromBlock: block,
      toBlock: block,
      strict: true,
    });
    return logs.find((l) => l.transactionHash === tx)?.args.operator ?? batch.issuer;
  } catch (error) {
    throw classifyChainError(error, chain.urls, batch.registry);
  }
}
