// Reads everything a verifier needs about one batch with one eth_call: the registry's
// accreditation pointer, the batch, the revocation and suspension bitmap words asked for (256
// credentials each: the calldata names words, never a credential), and who accredited the issuer
// at anchoring time and now, with the names governance and the body recorded on chain, and the
// term of the issuer's signing key asked for. `bodies` narrows accreditation to those bodies
// (empty: any body of the registry).
// The call is encoded and decoded here and sent over ./rpc.ts rather than through a viem client,
// whose call action, transports and error classes (about 16 KB gzipped) would ride along into
// every web page that verifies.
import { type Address, decodeFunctionResult, encodeFunctionData, type Hex, zeroHash } from "viem";
import { RpcResponseInvalidError, RpcUnreachableError } from "./errors.ts";
import type { BatchRef } from "./readCredentialStatus.ts";
import { isRevert, type RpcEndpoint } from "./rpc.ts";
import { credentialRegistryVerifierAbi } from "./verifierAbi.ts";

/** An accreditation as the AccreditationRegistry records it (Accreditation in Solidity). */
export interface AccreditationDetail {
  body: Address;
  term: number;
  bodyName: string;
  bodyJurisdiction: string;
  /** The issuer's legal name, as the body recorded it in the term. */
  issuerName: string;
  /** The issuer's web domain, or "" when the body recorded none. */
  issuerDomain: string;
}

/** What the registry says about one batch (BatchView in Solidity), words in the order asked. */
export interface BatchView {
  /** The AccreditationRegistry the CredentialRegistry consults. */
  accreditation: Address;
  /** Unix seconds; 0 when the issuer never anchored this root. */
  anchoredAt: number;
  leafCount: number;
  credentialType: Hex;
  batchRevoked: boolean;
  /** Per asked word: bit b is credential word * 256 + b; 0 for a word past the batch. */
  revokedWords: bigint[];
  /** Per asked word, likewise. */
  suspendedWords: bigint[];
  atAnchoring: AccreditationDetail | null;
  current: AccreditationDetail | null;
  /** Unix seconds the issuer declared the asked signing key; 0 when it never did, or for key 0. */
  keyDeclaredAt: number;
  /** Unix seconds the key is retired from (exclusive end of its term); 0 while not retired. */
  keyRetiredAt: number;
}

type RawAccreditation = {
  accredited: boolean;
  body: Address;
  term: bigint;
  bodyName: string;
  bodyJurisdiction: string;
  issuerName: string;
  issuerDomain: string;
};

type RawBatchView = {
  accreditation: Address;
  anchoredAt: number;
  leafCount: number;
  credentialType: Hex;
  batchRevoked: boolean;
  revokedWords: readonly bigint[];
  suspendedWords: readonly bigint[];
  atAnchoring: RawAccreditation;
  current: RawAccreditation;
  keyDeclaredAt: bigint;
  keyRetiredAt: bigint;
};

/** The key to ask for when there is none to check (a v1 credential): the view reads no key. */
export const NO_SIGNING_KEY: Hex = zeroHash;

/**
 * `signingKey` is the raw 32-byte Ed25519 key of a v2 credential's did:key, as 0x-prefixed hex
 * (key byte 0 first); NO_SIGNING_KEY (the default) for a v1 credential.
 */
export async function readBatchView(
  chain: RpcEndpoint,
  batch: BatchRef,
  words: readonly number[],
  bodies: readonly Address[],
  signingKey: Hex = NO_SIGNING_KEY,
): Promise<BatchView> {
  const call = {
    abi: credentialRegistryVerifierAbi,
    functionName: "batchView",
    args: [batch.issuer, batch.root, words.map((w) => BigInt(w)), [...bodies], signingKey],
  } as const;
  let data: unknown;
  try {
    data = await chain.request({
      method: "eth_call",
      params: [{ to: batch.registry, data: encodeFunctionData(call) }, "latest"],
    });
  } catch (error) {
    // A revert is the same answer from every node: whatever answers there is no registry.
    if (isRevert(error)) {
      throw new RpcResponseInvalidError(
        batch.registry,
        "the call reverted, so this is not a credanchor registry",
        error,
      );
    }
    throw new RpcUnreachableError(chain.urls, error);
  }
  if (data === "0x") {
    throw new RpcResponseInvalidError(
      batch.registry,
      "no contract answers at this address on this chain",
    );
  }
  let raw: RawBatchView;
  try {
    if (typeof data !== "string" || !/^0x(?:[0-9a-fA-F]{2})*$/.test(data)) throw data;
    raw = decodeFunctionResult({ ...call, data: data as Hex }) as RawBatchView;
  } catch (error) {
    throw new RpcResponseInvalidError(batch.registry, "the answer could not be decoded", error);
  }
  if (
    typeof raw !== "object" ||
    raw === null ||
    typeof raw.anchoredAt !== "number" ||
    raw.revokedWords?.length !== words.length ||
    raw.suspendedWords?.length !== words.length ||
    !isSeconds(raw.keyDeclaredAt) ||
    !isSeconds(raw.keyRetiredAt)
  ) {
    throw new RpcResponseInvalidError(
      batch.registry,
      `the batch view for ${words.length} status words could not be decoded`,
    );
  }
  return {
    accreditation: raw.accreditation,
    anchoredAt: raw.anchoredAt,
    leafCount: raw.leafCount,
    credentialType: raw.credentialType,
    batchRevoked: raw.batchRevoked,
    revokedWords: [...raw.revokedWords],
    suspendedWords: [...raw.suspendedWords],
    atAnchoring: toDetail(raw.atAnchoring),
    current: toDetail(raw.current),
    keyDeclaredAt: Number(raw.keyDeclaredAt),
    keyRetiredAt: Number(raw.keyRetiredAt),
  };
}

/** A uint64 the registry stores from block.timestamp: always a safe integer on a real chain. */
function isSeconds(value: unknown): value is bigint {
  return typeof value === "bigint" && value <= BigInt(Number.MAX_SAFE_INTEGER);
}

function toDetail(raw: RawAccreditation): AccreditationDetail | null {
  if (!raw.accredited) return null;
  return {
    body: raw.body,
    term: Number(raw.term),
    bodyName: raw.bodyName,
    bodyJurisdiction: raw.bodyJurisdiction,
    issuerName: raw.issuerName,
    issuerDomain: raw.issuerDomain,
  };
}
