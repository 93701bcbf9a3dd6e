// The signature check, made after the local checks because it is asynchronous (WebCrypto, and
// for another issuer's credential the network): a v2 file's eddsa-rdfc-2022 proof must verify
// with the key of its issuer.id (a bad signature is invalid; an absent one is skipped, and a
// disclosed copy cannot carry one); v1 files are unsigned. Another issuer's credential goes to
// the caller's third-party checker (@credanchor/sdk/third-party), or is unverifiable without one.
// A signature that could not be checked (no Ed25519 in this runtime) is an error, never a finding.
import { ed25519KeyOfDidKey } from "../credential/index.ts";
import {
  type Canonicalizer,
  DataIntegrityError,
  verifyEddsaProof,
} from "../dataIntegrity/index.ts";
import { check, faultCheck, notChecked } from "./check.ts";
import type { LocalOutcome } from "./checkLocally.ts";
import type { ThirdPartyChecker, ThirdPartyPolicy } from "./options.ts";
import type { VerificationCheck } from "./types.ts";

export type SignaturePolicy = ThirdPartyPolicy & { thirdParty: ThirdPartyChecker | undefined };

/** `local` with its signature check (and, for another issuer's credential, its status checks). */
export async function checkSignature(
  local: LocalOutcome,
  credential: unknown,
  policy: SignaturePolicy,
): Promise<LocalOutcome> {
  const { reading } = local;
  const checks = new Map(local.checks);
  if (reading?.version === "foreign") {
    if (policy.thirdParty === undefined) {
      checks.set(
        "signature",
        check(
          "signature",
          "error",
          "THIRD_PARTY_NOT_SUPPORTED",
          `a credential of another issuer (${reading.issuerId}): this verifier was set up without third-party verification (SDK: pass checkThirdParty from @credanchor/sdk/third-party as the thirdParty option)`,
          { issuer: reading.issuerId },
        ),
      );
      for (const id of ["revocation", "suspension"] as const)
        checks.set(
          id,
          notChecked(id, "the credential's signature was not verified", "signature-unverified"),
        );
    } else {
      const { fetch, timeoutMs, now } = policy;
      for (const c of await policy.thirdParty(reading, { fetch, timeoutMs, now })) {
        checks.set(c.id, c);
      }
    }
    return { ...local, checks };
  }
  let result: VerificationCheck;
  if (reading === null) {
    result = notChecked("signature", "the file's structure failed", "structure-failed");
  } else if (reading.version === 1) {
    result = check("signature", "skipped", "UNSIGNED_V1", "a v1 file carries no signature", {
      phrase: "v1-no-signature",
    });
  } else if (reading.form === "disclosed") {
    result = check(
      "signature",
      "skipped",
      "SIGNATURE_NOT_IN_COPY",
      "a disclosed copy carries no signature (it could not verify once claims are hidden): the anchor proves every claim it shows",
    );
  } else if (reading.dataIntegrityProof === undefined) {
    result = check(
      "signature",
      "skipped",
      "SIGNATURE_ABSENT",
      "the file carries no issuer signature (someone removed it): the anchor still proves every claim",
    );
  } else {
    result = await signatureCheck(reading.issuerKey, () =>
      verifyEddsaProof(credential as Record<string, unknown>, reading.dataIntegrityProof!, {
        publicKey: publicKeyOf(reading.issuerKey),
        canonicalizer: noGeneralPath,
      }),
    );
  }
  checks.set("signature", result);
  const failed = result.result === "fail";
  return { ...local, checks, target: failed ? null : local.target };
}

function publicKeyOf(didKey: string): Uint8Array {
  // The reader has checked that issuer.id is an Ed25519 did:key.
  return ed25519KeyOfDidKey(didKey)!;
}

/**
 * Credanchor's own files are in the compiled vocabulary (verifyIntegrity pins their contexts), so
 * the general path is never needed; a file that still left it cannot be checked here.
 */
const noGeneralPath: Canonicalizer = async () => {
  throw new DataIntegrityError(
    "DATA_INTEGRITY_CANONICALIZER_MISSING",
    "the signed document is outside credanchor's compiled vocabulary: its signature cannot be checked by this verifier",
  );
};

/** Runs a signature verification and turns its answer, or why it could not be made, into a check. */
async function signatureCheck(
  signer: string,
  verify: () => Promise<boolean>,
): Promise<VerificationCheck> {
  try {
    return (await verify())
      ? check("signature", "pass", "SIGNATURE_VALID", `signed by ${signer} (eddsa-rdfc-2022)`, {
          signer,
        })
      : check(
          "signature",
          "fail",
          "SIGNATURE_INVALID",
          `the eddsa-rdfc-2022 signature does not verify with the key of ${signer}: the credential was changed after it was signed`,
          { signer },
        );
  } catch (error) {
    if (!(error instanceof DataIntegrityError)) throw error;
    return faultCheck("signature", error);
  }
}
