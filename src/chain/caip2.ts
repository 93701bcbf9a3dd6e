// CAIP-2 chain identifiers for EVM chains ("eip155:<chainId>"), the form credentials name chains in.
import { CredanchorError } from "../errors.ts";

export type Caip2ChainId = `eip155:${number}`;

export class ChainIdInvalidError extends CredanchorError {
  override readonly name = "ChainIdInvalidError";
  constructor(value: unknown) {
    super(
      "CHAIN_ID_INVALID",
      `"${String(value)}" is not a CAIP-2 EVM chain id such as "eip155:8453"`,
      {
        value,
      },
    );
  }
}

/** Parses "eip155:<decimal chain id>" into the numeric chain id. */
export function parseCaip2(value: string): number {
  const match = /^eip155:([1-9][0-9]{0,15})$/.exec(value);
  if (match === null) throw new ChainIdInvalidError(value);
  const chainId = Number(match[1]);
  if (!Number.isSafeInteger(chainId)) throw new ChainIdInvalidError(value);
  return chainId;
}

export function toCaip2(chainId: number): Caip2ChainId {
  if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new ChainIdInvalidError(chainId);
  return `eip155:${chainId}`;
}
