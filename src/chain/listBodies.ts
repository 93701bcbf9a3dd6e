// Every accreditation body governance ever appointed, with its current scope and its latest name
// and jurisdiction (replayed from the appointment, scope and profile events) and its appointment
// record (from the bodyOf view).

import type { Address, Hex } from "viem";
import { getContractEvents, readContract } from "viem/actions";
import { accreditationRegistryAbi } from "./abi.ts";
import { classifyChainError } from "./classifyError.ts";
import type { ChainClient } from "./client.ts";
import { readEventLogs } from "./readEventLogs.ts";

export interface AccreditationBody {
  body: Address;
  /** Unix seconds. */
  appointedAt: number;
  /** Unix seconds; null while the body is active. */
  removedAt: number | null;
  active: boolean;
  /** bytes20 credential type ids it may accredit now, in the order they were allowed. */
  scope: Hex[];
  /** Binary CIDv1 of its metadata ("0x" for none). */
  metadataCid: Hex;
  /** Display name, as governance last set it. */
  name: string;
  /** ISO 3166-1 alpha-2 or ISO 3166-2 code, as governance last set it. */
  jurisdiction: string;
}

export async function listBodies(
  chain: ChainClient,
  accreditationRegistry: Address,
  fromBlock = 0n,
): Promise<AccreditationBody[]> {
  const logs = await readEventLogs(chain, accreditationRegistry, fromBlock, (from, to) =>
    getContractEvents(chain.client, {
      address: accreditationRegistry,
      abi: accreditationRegistryAbi,
      fromBlock: from,
      toBlock: to,
      strict: true,
    }),
  );
  const scopes = new Map<Address, Set<Hex>>();
  const profiles = new Map<Address, { name: string; jurisdiction: string }>();
  for (const log of logs) {
    if (log.eventName === "BodyAppointed") {
      scopes.set(log.args.body, new Set(log.args.scope.map((t) => t.toLowerCase() as Hex)));
      profiles.set(log.args.body, { name: log.args.name, jurisdiction: log.args.jurisdiction });
    } else if (log.eventName === "BodyProfileChanged") {
      profiles.set(log.args.body, { name: log.args.name, jurisdiction: log.args.jurisdiction });
    } else if (log.eventName === "BodyScopeChanged") {
      const scope = scopes.get(log.args.body) ?? new Set<Hex>();
      const type = log.args.credentialType.toLowerCase() as Hex;
      if (log.args.allowed) scope.add(type);
      else scope.delete(type);
      scopes.set(log.args.body, scope);
    }
  }
  return Promise.all(
    [...scopes.entries()].map(async ([body, scope]) => {
      let record: { appointedAt: number; removedAt: number; metadataCid: Hex };
      const profile = profiles.get(body) ?? { name: "", jurisdiction: "" };
      try {
        record = await readContract(chain.client, {
          address: accreditationRegistry,
          abi: accreditationRegistryAbi,
          functionName: "bodyOf",
          args: [body],
        });
      } catch (error) {
        throw classifyChainError(error, chain.urls, accreditationRegistry);
      }
      return {
        body,
        appointedAt: record.appointedAt,
        removedAt: record.removedAt === 0 ? null : record.removedAt,
        active: record.removedAt === 0,
        scope: [...scope],
        metadataCid: record.metadataCid,
        name: profile.name,
        jurisdiction: profile.jurisdiction,
      };
    }),
  );
}
