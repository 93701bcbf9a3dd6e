// Revokes, suspends or unsuspends credentials of any number of batches. Every target is checked
// before anything is sent (its chain, registry and proof when it came from a credential file; its
// batch anchored; its index inside the batch); then each batch gets one bulk transaction (more
// only beyond 102,400 credentials). A failure after some batches names the ones already done.
import type { Address, Hex } from "viem";
import { CredanchorError } from "../errors.ts";
import { verifyMerkleProof } from "../merkle/verifyProof.ts";
import { changeCredentialStatus, type StatusAction } from "./changeCredentialStatus.ts";
import type { ChainClient } from "./client.ts";
import { readAnchoredBatch } from "./readAnchoredBatch.ts";
import { toTransactionError } from "./toTransactionError.ts";
import type { RegistryWriter, SentTransaction } from "./writer.ts";

/** One credential to act on, and what named it (for error messages). */
export interface StatusTarget {
  /** What named it: a file, "--index 4", "list.txt line 3". */
  source: string;
  /** The batch's issuer; the request's issuer when absent. */
  issuer?: Address;
  root: Hex;
  index: number;
  /**
   * For a target read from a credential file: where the file says it is anchored and the proof
   * it carries, so a file of another chain or registry, or with a tampered index, changes nothing.
   */
  credential?: {
    chainId: number;
    registry: Address;
    credentialDigest: Hex;
    merkleProof?: readonly Hex[];
  };
}

export interface ChangeStatusesRequest {
  /** The chain the writer sends to. */
  chainId: number;
  registry: Address;
  action: StatusAction;
  /** Reason code recorded in the events (0-255). */
  reason: number;
  /** Issuer of the targets that name none (default: the writer's account). */
  issuer?: Address;
  targets: readonly StatusTarget[];
}

/** What was sent for one batch. */
export interface BatchStatusChange {
  issuer: Address;
  root: Hex;
  leafCount: number;
  count: number;
  indices: number[];
  transactions: SentTransaction[];
}

export async function changeStatuses(
  chain: ChainClient,
  writer: RegistryWriter,
  request: ChangeStatusesRequest,
): Promise<BatchStatusChange[]> {
  for (const target of request.targets) checkCredentialTarget(target, request);
  const groups = groupByBatch(request.targets, request.issuer ?? writer.wallet.account.address);
  for (const group of groups) {
    const batch = await readAnchoredBatch(chain, {
      registry: request.registry,
      issuer: group.issuer,
      root: group.root,
      source: group.targets[0]!.source,
    });
    for (const t of group.targets) {
      if (t.index >= batch.leafCount) {
        throw new CredanchorError(
          "INDEX_OUT_OF_RANGE",
          `${t.source}: index ${t.index} is outside batch ${group.root} (${batch.leafCount} credentials, 0 to ${batch.leafCount - 1}).`,
          { source: t.source, index: t.index, leafCount: batch.leafCount },
        );
      }
    }
    group.leafCount = batch.leafCount;
  }

  const done: BatchStatusChange[] = [];
  for (const group of groups) {
    const indices = [...new Set(group.targets.map((t) => t.index))].sort((a, b) => a - b);
    let transactions: SentTransaction[];
    try {
      transactions = await changeCredentialStatus(writer, {
        registry: request.registry,
        issuer: group.issuer,
        root: group.root,
        leafCount: group.leafCount,
        action: request.action,
        indices,
        reason: request.reason,
      });
    } catch (error) {
      const refused = toTransactionError(
        error,
        request.registry,
        request.action,
        writer.wallet.account.address,
      );
      throw partialFailure(refused, done);
    }
    done.push({
      issuer: group.issuer,
      root: group.root,
      leafCount: group.leafCount,
      count: indices.length,
      indices,
      transactions,
    });
  }
  return done;
}

/** A file's target must belong to this chain and registry, and its proof bind index to root. */
function checkCredentialTarget(target: StatusTarget, request: ChangeStatusesRequest): void {
  const c = target.credential;
  if (c === undefined) return;
  if (c.chainId !== request.chainId) {
    throw new CredanchorError(
      "CREDENTIAL_CHAIN_MISMATCH",
      `${target.source}: the credential is anchored on chain ${c.chainId}, but this network is chain ${request.chainId}: choose its network with --network or --rpc-url.`,
      { file: target.source, expected: c.chainId, actual: request.chainId },
    );
  }
  if (c.registry !== request.registry) {
    throw new CredanchorError(
      "CREDENTIAL_REGISTRY_MISMATCH",
      `${target.source}: the credential is anchored in registry ${c.registry}, but this network's registry is ${request.registry}: pass --registry ${c.registry}.`,
      { file: target.source, expected: c.registry, actual: request.registry },
    );
  }
  if (
    c.merkleProof !== undefined &&
    !verifyMerkleProof(target.root, target.index, c.credentialDigest, c.merkleProof)
  ) {
    throw new CredanchorError(
      "CREDENTIAL_PROOF_MISMATCH",
      `${target.source}: its Merkle proof does not lead from index ${target.index} to batch root ${target.root}; the file was altered, so nothing is changed for it.`,
      { file: target.source, index: target.index, root: target.root },
    );
  }
}

interface BatchGroup {
  issuer: Address;
  root: Hex;
  leafCount: number;
  targets: StatusTarget[];
}

function groupByBatch(targets: readonly StatusTarget[], defaultIssuer: Address): BatchGroup[] {
  const groups = new Map<string, BatchGroup>();
  for (const target of targets) {
    const issuer = target.issuer ?? defaultIssuer;
    const key = `${issuer}/${target.root}`.toLowerCase();
    let group = groups.get(key);
    if (group === undefined) {
      group = { issuer, root: target.root, leafCount: 0, targets: [] };
      groups.set(key, group);
    }
    group.targets.push(target);
  }
  return [...groups.values()];
}

/** An error after some batches were done says which, so a rerun can skip them. */
function partialFailure(error: unknown, done: BatchStatusChange[]): unknown {
  if (done.length === 0 || !(error instanceof CredanchorError)) return error;
  const roots = done.map((b) => b.root).join(", ");
  return new CredanchorError(
    error.code,
    `${error.message} Already done before this failure: batch(es) ${roots}.`,
    { ...error.details, done },
    { cause: error },
  );
}
