// Where a credential says its status lives (chain, registry, issuer, type, root, index), in the
// verifier's terms. The one reader (readCredential) checks each value is well formed, so the chain
// is only ever asked about well-formed slots; the values are claims, and integrity proves the
// issuer committed to them.
import type { Address, Hex } from "viem";
import type { AnchorSlot } from "../credential/index.ts";

export type StatusClaims = {
  caip2: string;
  chainId: number;
  registry: Address;
  issuer: Address;
  credentialType: string;
  /** credentialTypeId(credentialType): what the batch must be anchored under. */
  typeId: Hex;
  index: number;
  /** Absent while the credential's batch is not anchored. */
  root: Hex | undefined;
};

export function statusClaimsOf(slot: AnchorSlot): StatusClaims {
  return {
    caip2: slot.caip2,
    chainId: slot.chainId,
    registry: slot.registryAddress,
    issuer: slot.issuerAddress,
    credentialType: slot.credentialType,
    typeId: slot.typeId,
    index: slot.batchIndex,
    root: slot.batchRoot,
  };
}
