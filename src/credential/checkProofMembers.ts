// The anchor proof's own members: only known ones, the credanchor proof type and cryptosuite of
// the file's version, assertionMethod, the verification method of the issuer account, a digest in
// the hex rule, and an encrypted copy of {cid, key} when there is one.
import { isBytes32, isObject } from "../values/index.ts";
import { isDigest } from "./claimDigest.ts";
import { CID_TEXT, CRYPTOSUITE, CRYPTOSUITE_V2, PROOF_TYPE } from "./constants.ts";
import { isLowerBytes32 } from "./formatV2.ts";
import type { Fail } from "./integrityFailure.ts";
import { escapePointerToken } from "./jsonPointer.ts";
import type { ProofLayout } from "./readCredential.ts";

const PROOF_MEMBERS = [
  "type",
  "cryptosuite",
  "proofPurpose",
  "verificationMethod",
  "credentialDigest",
  "claims",
  "anchor",
  "encryptedCopy",
];
const PROOF_MEMBERS_V2 = [...PROOF_MEMBERS, "created"];

export function checkProofMembers(
  credential: Record<string, unknown>,
  layout: ProofLayout & { version: 1 | 2 },
  fail: Fail,
): void {
  const proof = layout.anchorProof;
  const v2 = layout.version === 2;
  const at = v2 ? "/proof/0" : "/proof";
  const name = v2 ? "proof[0]" : "proof";
  for (const key of Object.keys(proof)) {
    if (!(v2 ? PROOF_MEMBERS_V2 : PROOF_MEMBERS).includes(key))
      fail(
        "MALFORMED",
        `${name} has an unknown member "${key}"`,
        `${at}/${escapePointerToken(key)}`,
      );
  }
  if (proof.type !== PROOF_TYPE)
    fail("MALFORMED", `${name}.type must be "${PROOF_TYPE}"`, `${at}/type`);
  const suite = v2 ? CRYPTOSUITE_V2 : CRYPTOSUITE;
  if (proof.cryptosuite !== suite) {
    fail(
      "MALFORMED",
      `${name}.cryptosuite ${JSON.stringify(proof.cryptosuite)} is not supported; expected "${suite}"`,
      `${at}/cryptosuite`,
    );
  }
  if (proof.proofPurpose !== "assertionMethod")
    fail("MALFORMED", `${name}.proofPurpose must be "assertionMethod"`, `${at}/proofPurpose`);
  if (v2) {
    // The anchor is the issuer account's act, whatever key signs: did:pkh of the status slot.
    const status = credential.credentialStatus;
    const account = isObject(status)
      ? `did:pkh:${String(status.chainId)}:${String(status.issuerAddress)}#blockchainAccountId`
      : undefined;
    if (proof.verificationMethod !== account) {
      fail(
        "MALFORMED",
        "proof[0].verificationMethod must be did:pkh:<credentialStatus.chainId>:<credentialStatus.issuerAddress>#blockchainAccountId",
        "/proof/0/verificationMethod",
      );
    }
  } else {
    const issuer = credential.issuer;
    const issuerId = isObject(issuer) ? issuer.id : issuer;
    if (
      typeof issuerId !== "string" ||
      proof.verificationMethod !== `${issuerId}#blockchainAccountId`
    ) {
      fail(
        "MALFORMED",
        "proof.verificationMethod must be the issuer id followed by #blockchainAccountId",
        "/proof/verificationMethod",
      );
    }
  }
  if (!isDigest(proof.credentialDigest)) {
    fail(
      "MALFORMED",
      `${name}.credentialDigest must be 0x and 64 lowercase hex digits`,
      `${at}/credentialDigest`,
    );
  }
  const copy = proof.encryptedCopy;
  if (copy !== undefined) {
    const members = isObject(copy) ? Object.keys(copy).sort().join(",") : "";
    const key = isObject(copy) ? copy.key : undefined;
    if (
      !isObject(copy) ||
      members !== "cid,key" ||
      typeof copy.cid !== "string" ||
      !CID_TEXT.test(copy.cid) ||
      !(v2 ? isLowerBytes32(key) : isBytes32(key))
    ) {
      fail(
        "MALFORMED",
        `${name}.encryptedCopy must be {cid, key}: a CID and 32-byte ${v2 ? "lowercase " : ""}hex`,
        `${at}/encryptedCopy`,
      );
    }
  }
}
