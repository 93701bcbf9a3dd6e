// CAIP-2 chain identifiers for EVM chains ("eip155:<chainId>"), the form credentials name chains
// in, and CAIP-10 accounts on them. In code a number is a `chainId` and the string is a `caip2`.
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

/** The chain id part of a CAIP-2 EVM identifier, as a regular-expression source. */
const CHAIN_REFERENCE = "eip155:([1-9][0-9]{0,15})";
const CAIP2 = new RegExp(`^${CHAIN_REFERENCE}$`);
const CAIP10 = new RegExp(`^${CHAIN_REFERENCE}:(0x[0-9a-fA-F]{40})$`);

/** The numeric chain id of "eip155:<decimal chain id>", or undefined for anything else. */
export function chainIdOfCaip2(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const match = CAIP2.exec(value);
  if (match === null) return undefined;
  const chainId = Number(match[1]);
  return Number.isSafeInteger(chainId) ? chainId : undefined;
}

/** Parses "eip155:<decimal chain id>" into the numeric chain id; throws ChainIdInvalidError. */
export function parseCaip2(value: string): number {
  const chainId = chainIdOfCaip2(value);
  if (chainId === undefined) throw new ChainIdInvalidError(value);
  return chainId;
}

export function toCaip2(chainId: number): Caip2ChainId {
  if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new ChainIdInvalidError(chainId);
  return `eip155:${chainId}`;
}

/** The chain id and address of a CAIP-10 EVM account "eip155:<chain id>:0x…", or undefined. */
export function parseCaip10(value: unknown): { chainId: number; address: string } | undefined {
  if (typeof value !== "string") return undefined;
  const match = CAIP10.exec(value);
  if (match === null) return undefined;
  const chainId = Number(match[1]);
  return Number.isSafeInteger(chainId) ? { chainId, address: match[2]! } : undefined;
}
