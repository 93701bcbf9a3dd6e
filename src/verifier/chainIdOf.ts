// The chain id an RPC serves, asked once per client and remembered: every credential names its
// chain, and a client that answers for another chain must never be believed about it.
import { getChainId } from "viem/actions";
import { type ChainClient, classifyChainError, RpcChainMismatchError } from "../chain/index.ts";

const known = new WeakMap<ChainClient, Promise<number>>();

/** The client's chain id; a failed lookup is forgotten so the next call asks again. */
function chainIdOf(chain: ChainClient): Promise<number> {
  let pending = known.get(chain);
  if (pending === undefined) {
    pending = getChainId(chain.client).catch((error: unknown) => {
      known.delete(chain);
      throw classifyChainError(error, chain.urls, "(chain id)");
    });
    known.set(chain, pending);
  }
  return pending;
}

/** Fails with RpcChainMismatchError (or a fault) unless `chain` serves `expected`. */
export async function assertServesChain(chain: ChainClient, expected: number): Promise<void> {
  const actual = await chainIdOf(chain);
  if (actual !== expected) throw new RpcChainMismatchError(expected, actual, chain.urls);
}
