// An accreditation body accredits an issuer, under its legal name and web domain, for one
// credential type over a window of time. The term counts from when it is mined, never earlier:
// a validFrom in the past is recorded but does not backdate the grant.
import type { Address, Hex } from "viem";
import { accreditationRegistryAbi } from "./abi.ts";
import { classifyChainError } from "./classifyError.ts";
import { toTransactionError } from "./toTransactionError.ts";
import { type RegistryWriter, type SentTransaction, sendAndWait } from "./writer.ts";

/** The contract's open end of a term (type(uint48).max). */
export const ACCREDITATION_FOREVER = 2 ** 48 - 1;

export interface AccreditIssuerRequest {
  accreditationRegistry: Address;
  issuer: Address;
  /** bytes20 credential type id. */
  credentialType: Hex;
  /** Unix seconds; an earlier moment than the transaction's block is kept but counts from the block. */
  validFrom: number;
  /** Unix seconds, exclusive; ACCREDITATION_FOREVER for no end. */
  validUntil: number;
  /** Binary CIDv1 of the evidence. */
  evidenceCid: Hex;
  /** The issuer's legal name, 1..200 UTF-8 bytes. */
  issuerName: string;
  /** The issuer's web domain, at most 253 bytes; "" for none. */
  issuerDomain: string;
}

/** Accredits and returns the transaction with the number of the new term. */
export async function accreditIssuer(
  writer: RegistryWriter,
  request: AccreditIssuerRequest,
): Promise<SentTransaction & { term: number }> {
  let sent: SentTransaction;
  try {
    sent = await sendAndWait(writer, () =>
      writer.wallet.writeContract({
        address: request.accreditationRegistry,
        abi: accreditationRegistryAbi,
        chain: writer.wallet.chain,
        functionName: "accredit",
        args: [
          request.issuer,
          request.credentialType,
          request.validFrom,
          request.validUntil,
          request.evidenceCid,
          request.issuerName,
          request.issuerDomain,
        ],
      }),
    );
  } catch (error) {
    throw toTransactionError(
      error,
      request.accreditationRegistry,
      "accredit",
      writer.wallet.account.address,
    );
  }
  try {
    const terms = await writer.reader.readContract({
      address: request.accreditationRegistry,
      abi: accreditationRegistryAbi,
      functionName: "termsOf",
      args: [writer.wallet.account.address, request.issuer, request.credentialType],
      blockNumber: sent.blockNumber,
    });
    return { ...sent, term: terms.length - 1 };
  } catch (error) {
    throw classifyChainError(error, [], request.accreditationRegistry);
  }
}
