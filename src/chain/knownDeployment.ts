// A registry deployment the SDK knows by name: where it lives and who runs it. The list itself is
// generated data (knownDeployments.ts); this is its shape.
import type { Address } from "viem";

export interface KnownDeployment {
  /** The record's name in deployments/ (e.g. "base-sepolia"). */
  network: string;
  /** Who runs it, as users see it: "Trusting: <label> on <chain>". */
  label: string;
  chainId: number;
  credentialRegistry: Address;
  accreditationRegistry: Address;
  /** The block of the CredentialRegistry's creation: event reads start here. */
  deployBlock: number;
  abiVersion: string;
}
