// An issuer authorises an operator key to use some rights in its name until an expiry; calling
// again replaces both. A batch server's key should hold OPERATOR_RIGHTS.anchor only, so a leak
// cannot revoke anything.
import type { Address } from "viem";
import { credentialRegistryAbi } from "./abi.ts";
import { type RegistryWriter, type SentTransaction, sendWrite } from "./writer.ts";

/** The registry's operator rights (RIGHT_* in Solidity); combine them with `|`. */
export const OPERATOR_RIGHTS = { anchor: 1, suspend: 2, revoke: 4 } as const;

export interface SetOperatorRequest {
  registry: Address;
  operator: Address;
  /** Unix seconds, exclusive. */
  expiresAt: number;
  /** A non-empty combination of OPERATOR_RIGHTS (1..7). */
  rights: number;
}

export async function setOperator(
  writer: RegistryWriter,
  request: SetOperatorRequest,
): Promise<SentTransaction> {
  return sendWrite(writer, request.registry, "setOperator", () =>
    writer.wallet.writeContract({
      address: request.registry,
      abi: credentialRegistryAbi,
      chain: writer.wallet.chain,
      functionName: "setOperator",
      args: [request.operator, request.expiresAt, request.rights],
    }),
  );
}
