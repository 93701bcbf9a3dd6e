// A batch the registry holds, or an error naming what pointed at it: every status change checks
// this first, so nothing is sent for a root the issuer never anchored.
import type { Address, Hex } from "viem";
import { CredanchorError } from "../errors.ts";
import type { ChainClient } from "./client.ts";
import { type BatchRecord, readBatch } from "./readBatch.ts";

export interface AnchoredBatchRef {
  registry: Address;
  issuer: Address;
  root: Hex;
  /** What named the batch (a file, "--batch 0x…"), for the error. */
  source: string;
}

export async function readAnchoredBatch(
  chain: ChainClient,
  batch: AnchoredBatchRef,
): Promise<BatchRecord> {
  const record = await readBatch(chain, batch);
  if (record.anchoredAt === 0) {
    throw new CredanchorError(
      "BATCH_NOT_ANCHORED",
      `${batch.source}: issuer ${batch.issuer} never anchored batch ${batch.root} in registry ${batch.registry}; check the root, --issuer and --network.`,
      { source: batch.source, issuer: batch.issuer, root: batch.root, registry: batch.registry },
    );
  }
  return record;
}
