// The issuer's name as a DID (the chain is a CAIP-2 id, src/values/caip2.ts). The issuer
// is its Ethereum account as a did:pkh DID ("did:pkh:eip155:<chainId>:<address>", a CAIP-10
// account id), so the issuer a credential names is, by construction, the account it is anchored
// under: a verifier needs no DNS, web server or DID registry to connect the two.
import { type Address, getAddress, isAddress } from "viem";
import { parseCaip10, toCaip2 } from "../values/index.ts";

/** The issuer id of an account: "did:pkh:eip155:<chainId>:<EIP-55 address>". */
export function issuerDid(chainId: number, address: Address): string {
  return `did:pkh:${toCaip2(chainId)}:${getAddress(address)}`;
}

/** Chain id and checksummed address of a did:pkh eip155 issuer id, or undefined. */
export function parseIssuerDid(did: string): { chainId: number; address: Address } | undefined {
  const account = did.startsWith("did:pkh:")
    ? parseCaip10(did.slice("did:pkh:".length))
    : undefined;
  if (account === undefined || !isAddress(account.address, { strict: false })) return undefined;
  return { chainId: account.chainId, address: getAddress(account.address) };
}
