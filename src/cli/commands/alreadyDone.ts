// Which targets of revoke, suspend or unsuspend are already as asked: revoked (or in a revoked
// batch), suspended, or not suspended. Read from the registry (one eth_call per batch and 2,048
// indices) before anything is sent, so a repeated or resumed command pays for no transaction that
// changes nothing. Targets the SDK must refuse (a file of another chain or registry, a proof that
// does not lead to the root, a batch not anchored, an index past its end) are never skipped here:
// they go on to changeStatuses, which names what is wrong with them.
import type { Address, Hex } from "viem";
import {
  type ChainClient,
  type OnChainCredentialStatus,
  readCredentialStatuses,
  type StatusAction,
  type StatusTarget,
} from "../../chain/index.ts";
import { verifyMerkleProof } from "../../merkle/index.ts";

export type AlreadyState = "revoked" | "batch-revoked" | "suspended" | "not-suspended";

/** A target left alone, and the state it is already in. */
export interface AlreadyDone {
  source: string;
  issuer: Address;
  root: Hex;
  index: number;
  already: AlreadyState;
}

export interface AlreadyDoneRequest {
  chainId: number;
  registry: Address;
  action: StatusAction;
  /** Issuer of the targets that name none. */
  issuer: Address;
  targets: readonly StatusTarget[];
}

/** Indices per status read: the calldata stays far below what RPC providers accept. */
const INDICES_PER_READ = 2_048;

/** Splits `targets` into those a transaction would change and those already as asked. */
export async function splitAlreadyDone(
  chain: ChainClient,
  request: AlreadyDoneRequest,
): Promise<{ toSend: StatusTarget[]; alreadyDone: AlreadyDone[] }> {
  const batches = new Map<string, { issuer: Address; root: Hex; targets: StatusTarget[] }>();
  const toSend: StatusTarget[] = [];
  for (const target of request.targets) {
    if (!matchesThisRegistry(target, request)) {
      toSend.push(target);
      continue;
    }
    const issuer = target.issuer ?? request.issuer;
    const key = `${issuer}/${target.root}`.toLowerCase();
    const batch = batches.get(key) ?? { issuer, root: target.root, targets: [] };
    batch.targets.push(target);
    batches.set(key, batch);
  }
  const alreadyDone: AlreadyDone[] = [];
  for (const { issuer, root, targets } of batches.values()) {
    const statuses = await readStatuses(chain, { registry: request.registry, issuer, root }, [
      ...new Set(targets.map((t) => t.index)),
    ]);
    for (const target of targets) {
      const status = statuses.get(target.index)!;
      const already = alreadyState(request.action, status, target.index);
      if (already === undefined) toSend.push(target);
      else alreadyDone.push({ source: target.source, issuer, root, index: target.index, already });
    }
  }
  return { toSend, alreadyDone };
}

/** The state that makes `action` a no-op, or undefined when the action would change something
 * (or must be refused: a batch never anchored, an index past its end). */
export function alreadyState(
  action: StatusAction,
  status: OnChainCredentialStatus,
  index: number,
): AlreadyState | undefined {
  if (status.anchoredAt === 0 || index >= status.leafCount) return undefined;
  switch (action) {
    case "revoke":
      return status.batchRevoked ? "batch-revoked" : status.revoked ? "revoked" : undefined;
    case "suspend":
      return status.suspended ? "suspended" : undefined;
    case "unsuspend":
      return status.suspended ? undefined : "not-suspended";
  }
}

/** How a skipped target reads in the report: "already revoked", "not suspended". */
export function alreadyText(state: AlreadyState): string {
  switch (state) {
    case "revoked":
      return "already revoked";
    case "batch-revoked":
      return "its whole batch is already revoked";
    case "suspended":
      return "already suspended";
    case "not-suspended":
      return "not suspended";
  }
}

async function readStatuses(
  chain: ChainClient,
  batch: { registry: Address; issuer: Address; root: Hex },
  indices: number[],
): Promise<Map<number, OnChainCredentialStatus>> {
  const byIndex = new Map<number, OnChainCredentialStatus>();
  for (let start = 0; start < indices.length; start += INDICES_PER_READ) {
    const chunk = indices.slice(start, start + INDICES_PER_READ);
    const statuses = await readCredentialStatuses(chain, batch, chunk);
    for (const [i, index] of chunk.entries()) byIndex.set(index, statuses[i]!);
  }
  return byIndex;
}

/** A file target counts only once it is shown to be of this chain and registry, with a proof
 * binding its index to its root: otherwise its index may name someone else's credential. */
function matchesThisRegistry(target: StatusTarget, request: AlreadyDoneRequest): boolean {
  const c = target.credential;
  if (c === undefined) return true;
  return (
    c.chainId === request.chainId &&
    c.registry === request.registry &&
    (c.merkleProof === undefined ||
      verifyMerkleProof(target.root, target.index, c.credentialDigest, c.merkleProof))
  );
}
