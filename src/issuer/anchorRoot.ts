// Anchors one batch root through src/chain's idempotent anchorBatch, and recovers the anchoring
// transaction when an earlier, killed attempt already anchored the root (anchorBatch then reports
// "already-anchored" without a transaction): the BatchAnchored event names it, and the journal
// recorded the block to search from before the transaction was sent.
import type { Address, Hex } from "viem";
import { credentialRegistryAbi } from "../chain/abi.ts";
import { type AnchorRequest, anchorBatch, estimateAnchorGas } from "../chain/anchorBatch.ts";
import { classifyChainError } from "../chain/classifyError.ts";
import type { RegistryWriter } from "../chain/writer.ts";
import { CredanchorError } from "../errors.ts";

export interface AnchorOutcome {
  status: "anchored" | "already-anchored";
  txHash: Hex;
  blockNumber: bigint;
  /** Gas paid by this call's transaction; absent when an earlier attempt anchored the root. */
  gasUsed?: bigint;
  anchoredAt: number;
}

export interface AnchorEstimate {
  gas: bigint;
  /** Current gas price in wei. */
  gasPrice: bigint;
  /** The block to search for the anchor event from, should the anchoring process die. */
  fromBlock: bigint;
}

export async function estimateAnchor(
  writer: RegistryWriter,
  request: AnchorRequest,
): Promise<AnchorEstimate> {
  const gas = await estimateAnchorGas(writer, request);
  try {
    const [gasPrice, fromBlock] = await Promise.all([
      writer.reader.getGasPrice(),
      writer.reader.getBlockNumber(),
    ]);
    return { gas, gasPrice, fromBlock };
  } catch (error) {
    throw classifyChainError(error, [], request.registry);
  }
}

export async function anchorRoot(
  writer: RegistryWriter,
  request: AnchorRequest,
  fromBlock: bigint,
): Promise<AnchorOutcome> {
  const result = await anchorBatch(writer, request);
  if (result.status === "anchored") {
    return {
      status: "anchored",
      txHash: result.txHash,
      blockNumber: result.blockNumber,
      gasUsed: result.gasUsed,
      anchoredAt: result.anchoredAt,
    };
  }
  const found = await findAnchorTransaction(writer, request, fromBlock);
  return { status: "already-anchored", ...found, anchoredAt: result.anchoredAt };
}

/** The transaction that emitted BatchAnchored(issuer, root), searching from `fromBlock`. */
export async function findAnchorTransaction(
  writer: RegistryWriter,
  batch: { registry: Address; issuer: Address; root: Hex },
  fromBlock: bigint,
): Promise<{ txHash: Hex; blockNumber: bigint }> {
  let events: Array<{ transactionHash: Hex | null; blockNumber: bigint | null }>;
  try {
    events = await writer.reader.getContractEvents({
      address: batch.registry,
      abi: credentialRegistryAbi,
      eventName: "BatchAnchored",
      args: { issuer: batch.issuer, root: batch.root },
      fromBlock,
      toBlock: "latest",
    });
  } catch (error) {
    throw classifyChainError(error, [], batch.registry);
  }
  const event = events[0];
  if (event?.transactionHash == null || event.blockNumber == null) {
    throw new CredanchorError(
      "ANCHOR_EVENT_MISSING",
      `The registry ${batch.registry} says root ${batch.root} of ${batch.issuer} is anchored, but no BatchAnchored event from block ${fromBlock} on names it: the RPC may be pruning logs; try another RPC URL.`,
      { ...batch, fromBlock: fromBlock.toString() },
    );
  }
  return { txHash: event.transactionHash, blockNumber: event.blockNumber };
}
