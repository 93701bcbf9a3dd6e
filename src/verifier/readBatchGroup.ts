// Reads the chain for every credential of one batch at once: the chain id (once per client) and,
// alongside, the status of all their indices in one eth_call (one per maxIndicesPerCall indices);
// then, only if the view names an accreditor the verifier does not trust, the trusted bodies.
import type { Address } from "viem";
import {
  type ChainClient,
  type OnChainCredentialStatus,
  RpcResponseInvalidError,
  readCredentialStatuses,
} from "../chain/index.ts";
import { CredanchorError } from "../errors.ts";
import { assertServesChain } from "./chainIdOf.ts";
import type { ChainTarget } from "./checkLocally.ts";
import type { Trust } from "./checkOnChain.ts";
import { readTrustedAccreditation } from "./readTrustedAccreditation.ts";

export type BatchReading =
  /** The RPC could not be reached, or serves another chain. */
  | { kind: "chain-fault"; error: CredanchorError }
  /** The chain is right but the status could not be read or decoded. */
  | { kind: "read-fault"; error: CredanchorError }
  | { kind: "read"; statuses: ReadonlyMap<number, OnChainCredentialStatus>; trust: Trust };

/** Latest time a Date can hold, in seconds: a registry answering later than this is lying. */
const MAX_DATE_SECONDS = 8.64e12;

export async function readBatchGroup(
  chain: ChainClient,
  target: ChainTarget,
  indices: readonly number[],
  policy: { trustedBodies: ReadonlySet<string> | null; now: Date; maxIndicesPerCall: number },
): Promise<BatchReading> {
  const unique = [...new Set(indices)];
  // Both requests leave at once (one round trip of latency); the statuses are only looked at
  // once the chain id is known to be the credential's.
  const served = settle(assertServesChain(chain, target.chainId));
  const read = settle(readStatuses(chain, target, unique, policy.maxIndicesPerCall));
  const chainCheck = await served;
  if (!chainCheck.ok) return { kind: "chain-fault", error: asFault(chainCheck.error) };
  const statuses = await read;
  if (!statuses.ok) return { kind: "read-fault", error: asFault(statuses.error) };
  const byIndex = new Map(unique.map((index, i) => [index, statuses.value[i]!]));
  return {
    kind: "read",
    statuses: byIndex,
    trust: await trustFor(chain, target, statuses.value[0]!, policy),
  };
}

async function readStatuses(
  chain: ChainClient,
  target: ChainTarget,
  indices: readonly number[],
  maxIndicesPerCall: number,
): Promise<OnChainCredentialStatus[]> {
  const batch = { registry: target.registry, issuer: target.issuer, root: target.root };
  const chunks: number[][] = [];
  for (let i = 0; i < indices.length; i += maxIndicesPerCall) {
    chunks.push(indices.slice(i, i + maxIndicesPerCall));
  }
  const statuses = (
    await Promise.all(chunks.map((chunk) => readCredentialStatuses(chain, batch, chunk)))
  ).flat();
  for (const status of statuses) {
    if (status.anchoredAt > MAX_DATE_SECONDS) {
      throw new RpcResponseInvalidError(
        target.registry,
        `it reports an anchoring time (${status.anchoredAt}) no block can have`,
      );
    }
  }
  return statuses;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** The whole batch shares one accreditation: decide once whether trusted bodies must be asked. */
async function trustFor(
  chain: ChainClient,
  target: ChainTarget,
  status: OnChainCredentialStatus,
  policy: { trustedBodies: ReadonlySet<string> | null; now: Date },
): Promise<Trust> {
  const bodies = policy.trustedBodies;
  const untrusted = (body: Address | null) => body !== null && !bodies?.has(body.toLowerCase());
  const ask = {
    atAnchoring: status.accreditedAtAnchoring && untrusted(status.accreditorAtAnchoring),
    now: status.accreditedNow && untrusted(status.accreditorNow),
  };
  if (
    bodies === null ||
    bodies.size === 0 ||
    status.anchoredAt === 0 ||
    !(ask.atAnchoring || ask.now)
  ) {
    return { bodies, fallback: null };
  }
  try {
    const fallback = await readTrustedAccreditation(chain, {
      registry: target.registry,
      issuer: target.issuer,
      credentialType: target.typeId,
      anchoredAt: status.anchoredAt,
      nowSeconds: Math.floor(policy.now.getTime() / 1000),
      bodies: [...bodies] as Address[],
      ask,
    });
    return { bodies, fallback };
  } catch (error) {
    return { bodies, fallback: asFault(error) };
  }
}

function asFault(error: unknown): CredanchorError {
  if (error instanceof CredanchorError) return error;
  throw error;
}
