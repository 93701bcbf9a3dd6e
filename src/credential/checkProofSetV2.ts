// v2's proof set: exactly the four contexts, [anchor proof] or [anchor proof, the issuer's
// eddsa-rdfc-2022 signature] and nothing else, the signature by the issuer's did:key at the
// anchoring time, and only a full file carrying the signature or the encrypted copy's key.
import { isObject } from "../values/index.ts";
import { CONTEXTS_V2, DATA_INTEGRITY_PROOF_TYPE, EDDSA_CRYPTOSUITE } from "./constants.ts";
import {
  didKeyVerificationMethod,
  ed25519KeyOfDidKey,
  isSignatureValue,
  isUtcSeconds,
} from "./formatV2.ts";
import type { Fail } from "./integrityFailure.ts";
import { escapePointerToken } from "./jsonPointer.ts";
import type { ProofLayout } from "./readCredential.ts";

/** The members of a v2 DataIntegrityProof, as credanchor writes and reads them. */
export const SIGNATURE_MEMBERS = [
  "type",
  "cryptosuite",
  "created",
  "verificationMethod",
  "proofPurpose",
  "proofValue",
];

/**
 * v2: `@context` is exactly the four contexts, `proof` is [anchor proof] or [anchor proof,
 * DataIntegryProof] with nothing else, the signature is the issuer key's, made when the batch
 * was anchored, and only a full file carries it (or the encrypted copy's key).
 */
export function checkProofSetV2(
  credential: Record<string, unknown>,
  layout: ProofLayout & { version: 2 },
  disclosed: boolean,
  fail: Fail,
): void {
  const context = credential["@context"];
  if (
    !Array.isArray(context) ||
    context.length !== CONTEXTS_V2.length ||
    context.some((url, i) => url !== CONTEXTS_V2[i])
  ) {
    fail(
      "MALFORMED",
      `@context must be exactly ${CONTEXTS_V2.map((url) => `"${url}"`).join(", ")}, in this order`,
      "/@context",
    );
  }
  const issuer = credential.issuer;
  const issuerId = isObject(issuer) ? issuer.id : undefined;
  const didKey = typeof issuerId === "string" && ed25519KeyOfDidKey(issuerId) !== undefined;
  if (!didKey)
    fail(
      "ISSUER_MISMATCH",
      "issuer.id must be the issuer's Ed25519 did:key (did:key:z6Mk…)",
      "/issuer/id",
    );
  const [anchorProof, signature, ...extra] = layout.proofs;
  if (
    anchorProof !== layout.anchorProof ||
    extra.length > 0 ||
    (signature !== undefined && signature !== layout.dataIntegrityProof)
  ) {
    fail(
      "MALFORMED",
      "proof must be [the CredanchorMerkleProof] or [the CredanchorMerkleProof, one DataIntegrityProof], nothing else",
      "/proof",
    );
    return;
  }
  const anchor = layout.anchorProof;
  const created = anchor.created;
  if (created !== undefined && !isUtcSeconds(created))
    fail(
      "MALFORMED",
      "proof[0].created must be the anchoring block's time, YYYY-MM-DDThh:mm:ssZ",
      "/proof/0/created",
    );
  if ((created === undefined) !== (anchor.anchor === undefined)) {
    fail(
      "MALFORMED",
      "proof[0].created and proof[0].anchor come together: the anchor and its block's time",
      "/proof/0/created",
    );
  }
  if (disclosed && anchor.encryptedCopy !== undefined) {
    fail(
      "MALFORMED",
      "proof[0].encryptedCopy is in a disclosed copy: its key would open the hidden claims",
      "/proof/0/encryptedCopy",
    );
  }
  if (!isObject(signature)) return;
  if (disclosed) {
    fail(
      "MALFORMED",
      "proof[1] is a signature in a disclosed copy: a copy that hides claims carries only the anchor proof",
      "/proof/1",
    );
  }
  if (anchor.anchor === undefined)
    fail("MALFORMED", "proof[1] signs a credential that is not anchored", "/proof/1");
  for (const key of Object.keys(signature)) {
    if (!SIGNATURE_MEMBERS.includes(key))
      fail(
        "MALFORMED",
        `proof[1] has an unknown member "${key}"`,
        `/proof/1/${escapePointerToken(key)}`,
      );
  }
  if (signature.type !== DATA_INTEGRITY_PROOF_TYPE)
    fail("MALFORMED", `proof[1].type must be "${DATA_INTEGRITY_PROOF_TYPE}"`, "/proof/1/type");
  if (signature.cryptosuite !== EDDSA_CRYPTOSUITE)
    fail(
      "MALFORMED",
      `proof[1].cryptosuite must be "${EDDSA_CRYPTOSUITE}"`,
      "/proof/1/cryptosuite",
    );
  if (signature.proofPurpose !== "assertionMethod")
    fail("MALFORMED", 'proof[1].proofPurpose must be "assertionMethod"', "/proof/1/proofPurpose");
  if (!didKey || signature.verificationMethod !== didKeyVerificationMethod(issuerId as string)) {
    fail(
      "MALFORMED",
      "proof[1].verificationMethod must be the issuer's did:key verification method (did:key:z6Mk…#z6Mk…)",
      "/proof/1/verificationMethod",
    );
  }
  if (!isSignatureValue(signature.proofValue))
    fail(
      "MALFORMED",
      'proof[1].proofValue must be "z" and the base58btc of a 64-byte signature',
      "/proof/1/proofValue",
    );
  if (signature.created !== created)
    fail(
      "MALFORMED",
      "proof[1].created must equal proof[0].created, the anchoring block's time",
      "/proof/1/created",
    );
}
