// When the registry's status view names an accreditor the verifier does not trust, another body
// the verifier does trust may accredit the issuer as well (the view names only one). This asks the
// AccreditationRegistry about each trusted body directly. It costs extra eth_calls, once per
// batch, and only in that case.

import { type Address, getAddress, type Hex } from "viem";
import { readContract } from "viem/actions";
import {
  accreditationRegistryAbi,
  type ChainClient,
  classifyChainError,
  credentialRegistryAbi,
} from "../chain/index.ts";

export type TrustedAccreditation = {
  /** The first trusted body accrediting the issuer at anchoring time, or null. */
  atAnchoring: Address | null;
  /** The first trusted body accrediting the issuer at `nowSeconds`, or null. */
  now: Address | null;
};

export async function readTrustedAccreditation(
  chain: ChainClient,
  request: {
    registry: Address;
    issuer: Address;
    credentialType: Hex;
    anchoredAt: number;
    nowSeconds: number;
    bodies: readonly Address[];
    /** Which of the two moments to ask about. */
    ask: { atAnchoring: boolean; now: boolean };
  },
): Promise<TrustedAccreditation> {
  try {
    const accreditation = await readContract(chain.client, {
      address: request.registry,
      abi: credentialRegistryAbi,
      functionName: "accreditation",
    });
    const firstAccrediting = async (timestamp: number): Promise<Address | null> => {
      const answers = await Promise.all(
        request.bodies.map((body) =>
          readContract(chain.client, {
            address: accreditation,
            abi: accreditationRegistryAbi,
            functionName: "accreditationByAt",
            args: [body, request.issuer, request.credentialType, timestamp],
          }),
        ),
      );
      const at = answers.indexOf(true);
      return at < 0 ? null : getAddress(request.bodies[at]!);
    };
    const [atAnchoring, now] = await Promise.all([
      request.ask.atAnchoring ? firstAccrediting(request.anchoredAt) : null,
      request.ask.now ? firstAccrediting(request.nowSeconds) : null,
    ]);
    return { atAnchoring, now };
  } catch (error) {
    throw classifyChainError(error, chain.urls, request.registry);
  }
}
