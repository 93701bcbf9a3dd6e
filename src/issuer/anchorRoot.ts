// Anchors one batch root through src/chain's idempotent anchorBatch, and recovers the anchoring
// transaction when an earlier, killed attempt already anchored the root (anchorBatch then reports
// "already-anchored" without a transaction): the BatchAnchored event names it, and the journal
// recorded the block to search from before the transaction was sent. The search walks the range in
// spans the RPC accepts (src/chain's readEventLogs), as public RPCs refuse wide eth_getLogs.
import type { Hex } from "viem";
import {
  type AnchorRequest,
  anchorBatch,
  type BatchRef,
  classifyChainError,
  estimateAnchorGas,
  findBatchAnchor,
  type RegistryWriter,
} from "../chain/index.ts";
import { CredanchorError } from "../errors.ts";
import { chainReaderOf } from "./chainReader.ts";

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

/**
 * The transaction that emitted BatchAnchored(issuer, root), searching from `fromBlock` with
 * src/chain's event reader: public RPCs refuse one eth_getLogs over a wide range, so it walks the
 * range in spans the node accepts.
 */
export async function findAnchorTransaction(
  writer: RegistryWriter,
  batch: BatchRef,
  fromBlock: bigint,
): Promise<{ txHash: Hex; blockNumber: bigint }> {
  const event = await findBatchAnchor(chainReaderOf(writer), batch, fromBlock);
  if (event === undefined) {
    throw new CredanchorError(
      "ANCHOR_EVENT_MISSING",
      `The registry ${batch.registry} says root ${batch.root} of ${batch.issuer} is anchored, but no BatchAnchored event from block ${fromBlock} on names it: the RPC may be pruning logs; try another RPC URL.`,
      { ...batch, fromBlock: fromBlock.toString() },
    );
  }
  return { txHash: event.transactionHash, blockNumber: event.blockNumber };
}
