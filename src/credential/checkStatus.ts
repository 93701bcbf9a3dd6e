// The status slot and the issuer it binds: v2's BitstringStatusListEntry members, consistent with
// each other and in the v2 hex rule; v1's issuer.id, which must be the did:pkh of the account the
// status (and so the anchor) names.
import { chainIdOfCaip2, isObject } from "../values/index.ts";
import { MAX_BATCH_INDEX, STATUS_PURPOSE, STATUS_TYPE_V2 } from "./constants.ts";
import { isChecksummedAddress, isHttpsUrl, isLowerBytes32 } from "./formatV2.ts";
import type { Fail } from "./integrityFailure.ts";
import { parseIssuerDid } from "./issuerId.ts";
import { escapePointerToken } from "./jsonPointer.ts";

const STATUS_MEMBERS_V2 = [
  "id",
  "type",
  "statusPurpose",
  "statusListIndex",
  "statusListCredential",
  "chainId",
  "registryAddress",
  "issuerAddress",
  "credentialType",
  "batchIndex",
  "batchRoot",
];

/**
 * v2 status: exactly the BitstringStatusListEntry members, consistent with each other (the entry
 * is the batch index in the batch's list), in the v2 hex rule.
 */
export function checkStatusV2(credential: Record<string, unknown>, fail: Fail): void {
  const status = credential.credentialStatus;
  if (!isObject(status)) {
    fail("MALFORMED", "credentialStatus must be an object", "/credentialStatus");
    return;
  }
  const problem = (member: string, message: string) =>
    fail("MALFORMED", `credentialStatus.${member} ${message}`, `/credentialStatus/${member}`);
  for (const key of Object.keys(status)) {
    if (!STATUS_MEMBERS_V2.includes(key))
      fail(
        "MALFORMED",
        `credentialStatus has an unknown member "${key}"`,
        `/credentialStatus/${escapePointerToken(key)}`,
      );
  }
  if (status.type !== STATUS_TYPE_V2) problem("type", `must be "${STATUS_TYPE_V2}"`);
  if (status.statusPurpose !== STATUS_PURPOSE)
    problem("statusPurpose", `must be "${STATUS_PURPOSE}"`);
  const list = status.statusListCredential;
  if (!isHttpsUrl(list))
    problem("statusListCredential", "must be an https URL in normal form, without a fragment");
  const index = status.batchIndex;
  if (!Number.isSafeInteger(index) || (index as number) < 0 || (index as number) > MAX_BATCH_INDEX)
    problem("batchIndex", `must be an integer from 0 to ${MAX_BATCH_INDEX}`);
  if (status.statusListIndex !== String(index))
    problem("statusListIndex", "must be the batch index in decimal");
  if (status.id !== `${String(list)}#${String(index)}`)
    problem("id", "must be <statusListCredential>#<batchIndex>");
  if (typeof status.chainId !== "string" || chainIdOfCaip2(status.chainId) === undefined)
    problem("chainId", 'must be a CAIP-2 EVM chain id, e.g. "eip155:8453"');
  for (const member of ["registryAddress", "issuerAddress"]) {
    if (!isChecksummedAddress(status[member]))
      problem(member, "must be an address in EIP-55 checksummed form");
  }
  if (status.batchRoot !== undefined && !isLowerBytes32(status.batchRoot))
    problem("batchRoot", "must be 0x and 64 lowercase hex digits");
}

/** The issuer a credential names must be the account its status (and so its anchor) names. */
export function checkIssuer(credential: Record<string, unknown>, fail: Fail): void {
  const issuer = credential.issuer;
  const status = credential.credentialStatus;
  const issuerId = isObject(issuer) ? issuer.id : issuer;
  const parsed = typeof issuerId === "string" ? parseIssuerDid(issuerId) : undefined;
  const chainId =
    isObject(status) && typeof status.chainId === "string"
      ? chainIdOfCaip2(status.chainId)
      : undefined;
  const address = isObject(status) ? status.issuerAddress : undefined;
  if (
    parsed === undefined ||
    parsed.chainId !== chainId ||
    typeof address !== "string" ||
    parsed.address.toLowerCase() !== address.toLowerCase()
  ) {
    fail(
      "ISSUER_MISMATCH",
      "issuer.id must be did:pkh:<credentialStatus.chainId>:<credentialStatus.issuerAddress>",
      "/issuer/id",
    );
  }
}
