// The issuer's status reader: the registry's credentialStatuses view for chosen credentials of one
// batch, one eth_call for many indices, each decoded to the status the CLI reports and acts on.
// The verifier reads bitmap words and accreditation details instead, in readBatchView.ts.

import type { Address, Hex } from "viem";
import { readContract } from "viem/actions";
import { credentialRegistryAbi } from "./abi.ts";
import { classifyChainError } from "./classifyError.ts";
import type { ChainClient } from "./client.ts";
import { RpcResponseInvalidError } from "./errors.ts";

/** A batch on chain: who anchored which root in which registry. */
export interface BatchRef {
  registry: Address;
  issuer: Address;
  root: Hex;
}

/** Everything the registry says about one credential (CredentialStatus in Solidity). */
export interface OnChainCredentialStatus {
  /** Unix seconds; 0 when the issuer never anchored this root. */
  anchoredAt: number;
  leafCount: number;
  credentialType: Hex;
  batchRevoked: boolean;
  revoked: boolean;
  suspended: boolean;
  accreditedAtAnchoring: boolean;
  accreditorAtAnchoring: Address | null;
  accreditedNow: boolean;
  accreditorNow: Address | null;
}

const ZERO = "0x0000000000000000000000000000000000000000";

/** The status of one credential: the batch read below with one index, so there is one decoding. */
export async function readCredentialStatus(
  chain: ChainClient,
  batch: BatchRef,
  index: number,
): Promise<OnChainCredentialStatus> {
  const [status] = await readCredentialStatuses(chain, batch, [index]);
  return status!;
}

/** The status of many credentials of one batch in one eth_call. */
export async function readCredentialStatuses(
  chain: ChainClient,
  batch: BatchRef,
  indices: readonly number[],
): Promise<OnChainCredentialStatus[]> {
  if (indices.length === 0) return [];
  let raw: readonly unknown[];
  try {
    raw = await readContract(chain.client, {
      address: batch.registry,
      abi: credentialRegistryAbi,
      functionName: "credentialStatuses",
      args: [batch.issuer, batch.root, indices.map((i) => BigInt(i))],
    });
  } catch (error) {
    throw classifyChainError(error, chain.urls, batch.registry);
  }
  if (raw.length !== indices.length) {
    throw new RpcResponseInvalidError(
      batch.registry,
      `asked for ${indices.length} statuses, got ${raw.length}`,
    );
  }
  return raw.map((r) => toStatus(r, batch.registry));
}

function toStatus(raw: unknown, registry: Address): OnChainCredentialStatus {
  // As viem decodes the struct: the same members, with the zero address for "no body".
  const s = raw as Omit<OnChainCredentialStatus, "accreditorAtAnchoring" | "accreditorNow"> & {
    accreditorAtAnchoring: Address;
    accreditorNow: Address;
  };
  if (typeof s !== "object" || s === null || typeof s.anchoredAt !== "number") {
    throw new RpcResponseInvalidError(registry, "the status could not be decoded");
  }
  return {
    ...s,
    accreditorAtAnchoring: s.accreditorAtAnchoring === ZERO ? null : s.accreditorAtAnchoring,
    accreditorNow: s.accreditorNow === ZERO ? null : s.accreditorNow,
  };
}
