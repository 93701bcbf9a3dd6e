// Another issuer's credential, before its signature and status list are checked (checkSignature.ts
// and the caller's third-party checker): its structure and dates, and the checks it has no object
// for (no salted claims, no batch, no chain). Never valid: no registry the verifier trusts vouches
// for its issuer.
import { type CredentialReading, checkOpenBadgesStructure } from "../credential/index.ts";
import { check } from "./check.ts";
import type { CheckPhrase } from "./checkCodes.ts";
import type { LocalOutcome, LocalPolicy } from "./checkLocally.ts";
import { structureCheck } from "./checkStructure.ts";
import { checkValidityPeriod } from "./checkValidity.ts";
import { localWarnings } from "./localWarnings.ts";
import { emptyFacts, stringAt } from "./reportFacts.ts";
import type { CheckId, VerificationCheck } from "./types.ts";

/** Checks that have no object in another issuer's credential (docs/format.md, section 16). */
const NOT_FOR_THIRD_PARTY = [
  ["integrity", "it has no salted claims", "no-salted-claims"],
  ["inclusion", "it is in no credanchor batch", "in-no-batch"],
  ["chain", "it is anchored on no chain", "on-no-chain"],
  ["anchor", "it is anchored on no chain", "on-no-chain"],
  ["signing-key", "no registry records its issuer's keys", "no-key-registry"],
  ["batch-revocation", "it is in no credanchor batch", "in-no-batch"],
  ["accreditation-at-anchoring", "no registry accredits its issuer", "no-accreditation-registry"],
  ["accreditation-now", "no registry accredits its issuer", "no-accreditation-registry"],
] as const satisfies readonly (readonly [CheckId, string, CheckPhrase])[];

/**
 * Another issuer's credential: its structure, dates and the checks it has no object for are
 * settled here; its signature and status list are checked next (checkThirdParty.ts), over the
 * network when its issuer is a did:web or it has a status list. It is never valid: nobody the
 * verifier trusts vouches for its issuer, so the trust check fails with THIRD_PARTY_ISSUER.
 */
export function checkForeign(
  credential: unknown,
  source: string | null,
  policy: LocalPolicy,
  reading: CredentialReading & { version: "foreign" },
): LocalOutcome {
  const checks = new Map<CheckId, VerificationCheck>();
  const add = (c: VerificationCheck) => checks.set(c.id, c);
  const facts = emptyFacts(source, policy.now);
  facts.credentialId = stringAt(credential, "id");
  facts.issuer.id = reading.issuerId;
  facts.issuer.name = stringAt(reading.credential.issuer, "name");
  facts.validFrom = stringAt(credential, "validFrom");
  facts.validUntil = stringAt(credential, "validUntil");
  const types = reading.credential.type;
  const badge = ["OpenBadgeCredential", "AchievementCredential"].some(
    (t) => t === types || (Array.isArray(types) && types.includes(t)),
  );
  const structure = badge
    ? checkOpenBadgesStructure(credential).problems
    : verifiableCredentialProblems(reading.credential);
  add(
    badge
      ? structureCheck(structure, "Open Badges 3.0 structure is well formed", "structure-badge")
      : structureCheck(
          structure,
          "Verifiable Credential 2.0 structure is well formed",
          "structure-vc",
        ),
  );
  for (const [id, why, phrase] of NOT_FOR_THIRD_PARTY) {
    add(
      check(id, "skipped", "THIRD_PARTY", `not checked for another issuer's credential: ${why}`, {
        phrase,
      }),
    );
  }
  add(
    check(
      "trust",
      "fail",
      "THIRD_PARTY_ISSUER",
      `signed by ${reading.issuerId}, which no registry this verifier trusts vouches for: ${
        reading.issuerId.startsWith("did:key:")
          ? "a did:key is anyone's to make"
          : "the DID says only who controls its web domain"
      }, and the issuer's name is only its own claim`,
      {
        issuer: reading.issuerId,
        phrase: reading.issuerId.startsWith("did:key:") ? "did-key" : "did-web",
      },
    ),
  );
  add(checkValidityPeriod(facts.validFrom, facts.validUntil, policy.now));
  facts.warnings = [
    {
      code: "ISSUER_NOT_IN_REGISTRY",
      message: `no registry this verifier trusts vouches for the issuer ${reading.issuerId}${
        facts.issuer.name === null ? "" : `: "${facts.issuer.name}" is only what the file claims`
      }`,
      params: { issuer: reading.issuerId },
    },
    ...localWarnings(facts, false),
  ];
  return { checks, facts, target: null, reading };
}

/** What any VC 2.0 must have to be reported on (section 16 of docs/format.md). */
function verifiableCredentialProblems(
  credential: Record<string, unknown>,
): { pointer: string; message: string }[] {
  const problems: { pointer: string; message: string }[] = [];
  const types = credential.type;
  if (
    !(
      types === "VerifiableCredential" ||
      (Array.isArray(types) && types.includes("VerifiableCredential"))
    )
  )
    problems.push({ pointer: "/type", message: 'must include "VerifiableCredential"' });
  if (credential.credentialSubject === undefined)
    problems.push({ pointer: "/credentialSubject", message: "is required" });
  return problems;
}
