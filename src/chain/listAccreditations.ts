// Every accreditation term matching a filter (issuer, credential type, body), found through the
// IssuerAccredited events and read from the termsOf view, so withdrawals and suspensions made
// after the events are included; each term gets its state at the chain's latest block and its
// effective start (a term never counts before it was recorded on chain).

import type { Address, Hex } from "viem";
import { getBlock, getContractEvents, readContract } from "viem/actions";
import { accreditationRegistryAbi } from "./abi.ts";
import { classifyChainError } from "./classifyError.ts";
import type { ChainClient } from "./client.ts";
import { readEventLogs } from "./readEventLogs.ts";

export type TermState = "pending" | "active" | "suspended" | "expired" | "withdrawn";

export interface AccreditationTerm {
  body: Address;
  issuer: Address;
  /** bytes20 credential type id. */
  credentialType: Hex;
  term: number;
  /** Unix seconds, as the body gave it (it may lie before recordedAt). */
  validFrom: number;
  /** Unix seconds: the block in which the body recorded the term. */
  recordedAt: number;
  /** Unix seconds: when the term starts to count, max(validFrom, recordedAt). */
  effectiveFrom: number;
  /** Unix seconds, exclusive; 2^48 - 1 for no end. */
  validUntil: number;
  /** Unix seconds; null unless withdrawn. */
  withdrawnFrom: number | null;
  /** Unix seconds; null unless suspended now. */
  suspendedSince: number | null;
  /** Binary CIDv1 of the evidence. */
  evidenceCid: Hex;
  /** The issuer's legal name, as the body recorded it in this term. */
  issuerName: string;
  /** The issuer's web domain, or "" when the body recorded none. */
  issuerDomain: string;
  state: TermState;
  /** Whether this body's accreditation of the issuer for the type counts now (any term). */
  accreditedNow: boolean;
}

export interface AccreditationFilter {
  issuer?: Address;
  credentialType?: Hex;
  body?: Address;
}

export async function listAccreditations(
  chain: ChainClient,
  accreditationRegistry: Address,
  filter: AccreditationFilter = {},
  fromBlock = 0n,
): Promise<AccreditationTerm[]> {
  const logs = await readEventLogs(chain, accreditationRegistry, fromBlock, (from, to) =>
    getContractEvents(chain.client, {
      address: accreditationRegistry,
      abi: accreditationRegistryAbi,
      eventName: "IssuerAccredited",
      args: {
        body: filter.body ?? null,
        issuer: filter.issuer ?? null,
        credentialType: filter.credentialType ?? null,
      },
      fromBlock: from,
      toBlock: to,
      strict: true,
    }),
  );
  const keys = new Map<string, { body: Address; issuer: Address; credentialType: Hex }>();
  for (const { args } of logs) {
    keys.set(`${args.body}/${args.issuer}/${args.credentialType}`.toLowerCase(), {
      body: args.body,
      issuer: args.issuer,
      credentialType: args.credentialType,
    });
  }
  try {
    const block = await getBlock(chain.client);
    const now = Number(block.timestamp);
    const read = { address: accreditationRegistry, abi: accreditationRegistryAbi } as const;
    const groups = await Promise.all(
      [...keys.values()].map(async ({ body, issuer, credentialType }) => {
        const [terms, accreditedNow] = await Promise.all([
          readContract(chain.client, {
            ...read,
            functionName: "termsOf",
            args: [body, issuer, credentialType],
            blockNumber: block.number,
          }),
          readContract(chain.client, {
            ...read,
            functionName: "accreditationByAt",
            args: [body, issuer, credentialType, now],
            blockNumber: block.number,
          }),
        ]);
        return terms.map(
          (t, term): AccreditationTerm => ({
            body,
            issuer,
            credentialType,
            term,
            validFrom: t.validFrom,
            recordedAt: t.recordedAt,
            effectiveFrom: Math.max(t.validFrom, t.recordedAt),
            validUntil: t.validUntil,
            withdrawnFrom: t.withdrawnFrom === 0 ? null : t.withdrawnFrom,
            suspendedSince: t.suspendedSince === 0 ? null : t.suspendedSince,
            evidenceCid: t.evidenceCid,
            issuerName: t.issuerName,
            issuerDomain: t.issuerDomain,
            state: termState(t, now),
            accreditedNow,
          }),
        );
      }),
    );
    return groups.flat();
  } catch (error) {
    throw classifyChainError(error, chain.urls, accreditationRegistry);
  }
}

function termState(
  t: {
    validFrom: number;
    recordedAt: number;
    validUntil: number;
    withdrawnFrom: number;
    suspendedSince: number;
  },
  now: number,
): TermState {
  if (t.withdrawnFrom !== 0 && t.withdrawnFrom <= now) return "withdrawn";
  if (t.validUntil <= now) return "expired";
  if (t.suspendedSince !== 0) return "suspended";
  if (Math.max(t.validFrom, t.recordedAt) > now) return "pending";
  return "active";
}
