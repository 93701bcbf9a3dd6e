// Reads the chain for every credential of one batch at once: the chain id (once per client) and,
// alongside, the registry's batch view for all their indices in one eth_call (one per
// maxIndicesPerCall indices). The view carries the accreditation pointer, the status bits and who
// accredited the issuer, narrowed in the contract to the bodies the verifier trusts; so a verdict
// is one round trip, whatever the trust policy.
import type { Address } from "viem";
import {
  type BatchView,
  type ChainClient,
  RpcResponseInvalidError,
  readBatchView,
} from "../chain/index.ts";
import { CredanchorError } from "../errors.ts";
import { assertServesChain } from "./chainIdOf.ts";
import type { ChainTarget } from "./checkLocally.ts";

export type BatchReading =
  /** The RPC could not be reached, or serves another chain. */
  | { kind: "chain-fault"; error: CredanchorError }
  /** The chain is right but the batch could not be read or decoded. */
  | { kind: "read-fault"; error: CredanchorError }
  | {
      kind: "read";
      view: BatchView;
      bits: ReadonlyMap<number, { revoked: boolean; suspended: boolean }>;
    };

/** Latest time a Date can hold, in seconds: a registry answering later than this is lying. */
const MAX_DATE_SECONDS = 8.64e12;

/**
 * `bodies`: the accreditation bodies to ask about (empty: any body of the registry). The trust
 * entry and the caller's trustedBodies have already been combined into it.
 */
export async function readBatchGroup(
  chain: ChainClient,
  target: ChainTarget,
  indices: readonly number[],
  bodies: readonly Address[],
  maxIndicesPerCall: number,
): Promise<BatchReading> {
  const unique = [...new Set(indices)];
  // Both requests leave at once (one round trip of latency); the view is only looked at once the
  // chain id is known to be the credential's.
  const served = settle(assertServesChain(chain, target.chainId));
  const read = settle(readChunks(chain, target, unique, bodies, maxIndicesPerCall));
  const chainCheck = await served;
  if (!chainCheck.ok) return { kind: "chain-fault", error: asFault(chainCheck.error) };
  const views = await read;
  if (!views.ok) return { kind: "read-fault", error: asFault(views.error) };
  const bits = new Map<number, { revoked: boolean; suspended: boolean }>();
  let at = 0;
  for (const view of views.value) {
    view.revoked.forEach((revoked, i) => {
      bits.set(unique[at + i]!, { revoked, suspended: view.suspended[i]! });
    });
    at += view.revoked.length;
  }
  return { kind: "read", view: views.value[0]!, bits };
}

async function readChunks(
  chain: ChainClient,
  target: ChainTarget,
  indices: readonly number[],
  bodies: readonly Address[],
  maxIndicesPerCall: number,
): Promise<BatchView[]> {
  const batch = { registry: target.registry, issuer: target.issuer, root: target.root };
  const chunks: number[][] = [];
  for (let i = 0; i < indices.length; i += maxIndicesPerCall) {
    chunks.push(indices.slice(i, i + maxIndicesPerCall));
  }
  const views = await Promise.all(
    chunks.map((chunk) => readBatchView(chain, batch, chunk, bodies)),
  );
  for (const view of views) {
    if (view.anchoredAt > MAX_DATE_SECONDS) {
      throw new RpcResponseInvalidError(
        target.registry,
        `it reports an anchoring time (${view.anchoredAt}) no block can have`,
      );
    }
  }
  return views;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

function asFault(error: unknown): CredanchorError {
  if (error instanceof CredanchorError) return error;
  throw error;
}
