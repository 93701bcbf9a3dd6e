// Names for the chain and the issuer. The chain is a CAIP-2 id ("eip155:<chainId>"); the issuer
// is its Ethereum account as a did:pkh DID ("did:pkh:eip155:<chainId>:<address>", a CAIP-10
// account id), so the issuer a credential names is, by construction, the account it is anchored
// under: a verifier needs no DNS, web server or DID registry to connect the two.
import { type Address, getAddress, isAddress } from "viem";

const CAIP2_EIP155 = /^eip155:([1-9][0-9]{0,15})$/;
const DID_PKH_EIP155 = /^did:pkh:eip155:([1-9][0-9]{0,15}):(0x[0-9a-fA-F]{40})$/;

/** "eip155:<chainId>" for an EVM chain id. */
export function caip2ChainId(chainId: number): string {
  if (!Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new RangeError(`chain id must be a positive integer, got ${chainId}`);
  }
  return `eip155:${chainId}`;
}

/** The EVM chain id of a CAIP-2 "eip155:<n>" id, or undefined. */
export function parseCaip2ChainId(caip2: string): number | undefined {
  const match = CAIP2_EIP155.exec(caip2);
  if (!match) return undefined;
  const chainId = Number(match[1]);
  return Number.isSafeInteger(chainId) ? chainId : undefined;
}

/** The issuer id of an account: "did:pkh:eip155:<chainId>:<EIP-55 address>". */
export function issuerDid(chainId: number, address: Address): string {
  return `did:pkh:${caip2ChainId(chainId)}:${getAddress(address)}`;
}

/** Chain id and checksummed address of a did:pkh eip155 issuer id, or undefined. */
export function parseIssuerDid(did: string): { chainId: number; address: Address } | undefined {
  const match = DID_PKH_EIP155.exec(did);
  if (!match || !isAddress(match[2]!, { strict: false })) return undefined;
  const chainId = Number(match[1]);
  if (!Number.isSafeInteger(chainId)) return undefined;
  return { chainId, address: getAddress(match[2]!) };
}
