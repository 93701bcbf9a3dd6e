// The one cached chain-id check: the chain id an RPC endpoint serves, asked once per endpoint and
// remembered, and the check that it is the chain expected. Every credential names its chain, and
// an endpoint that answers for another chain must never be believed about it. A CLI ChainClient is
// an RpcEndpoint too, so the CLI checks its endpoint with the same cache.
import { RpcChainMismatchError, RpcUnreachableError } from "./errors.ts";
import type { RpcEndpoint } from "./rpc.ts";

const known = new WeakMap<RpcEndpoint, Promise<number>>();

/** The endpoint's chain id, asked once; a failed lookup is forgotten so the next call asks again. */
export function servedChainId(chain: RpcEndpoint): Promise<number> {
  let pending = known.get(chain);
  if (pending === undefined) {
    pending = chain.request({ method: "eth_chainId" }).then(
      (answer) => {
        if (typeof answer !== "string" || !/^0x[0-9a-fA-F]{1,13}$/.test(answer)) {
          known.delete(chain);
          // An endpoint that cannot say its chain is not one to read a chain from.
          throw new RpcUnreachableError(
            chain.urls,
            new Error(`eth_chainId answered ${JSON.stringify(answer)}, not a chain id`),
          );
        }
        return Number(answer);
      },
      (error: unknown) => {
        known.delete(chain);
        throw new RpcUnreachableError(chain.urls, error);
      },
    );
    known.set(chain, pending);
  }
  return pending;
}

/** Fails with RpcChainMismatchError (or a fault) unless `chain` serves `expected`. */
export async function assertServesChain(chain: RpcEndpoint, expected: number): Promise<void> {
  const actual = await servedChainId(chain);
  if (actual !== expected) throw new RpcChainMismatchError(expected, actual, chain.urls);
}
