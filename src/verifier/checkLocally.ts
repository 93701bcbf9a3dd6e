// The checks that need nothing but the file and a clock: Open Badges structure, integrity of the
// claims (including that the issuer it names is the account its batch is under), inclusion of the
// leaf under the batch root, a registry in the verifier's trust list, and the validity period.
// Whatever the network does later, a failure here is final. A credential pointing at a registry
// the verifier does not trust is never read from the chain at all. v1 and v2 files are checked
// alike through the one reader; another issuer's signed credential is classified, not yet verified.
import { bytesToHex, type Hex } from "viem";
import { NO_SIGNING_KEY } from "../chain/index.ts";
import {
  AWARD_DATE_POINTER,
  CredentialFormatError,
  type CredentialReading,
  checkOpenBadgesStructure,
  ed25519KeyOfDidKey,
  type FormatProblem,
  type IntegrityFailure,
  proofLayoutOf,
  readCredential,
  verifyIntegrity,
} from "../credential/index.ts";
import { verifyMerkleProof } from "../merkle/verifyProof.ts";
import { check, notChecked } from "./check.ts";
import type { CheckPhrase } from "./checkCodes.ts";
import { disclosedValues } from "./disclosedValues.ts";
import { UnparsableCredential } from "./parseCredential.ts";
import { type StatusClaims, statusClaimsOf } from "./readStatusClaims.ts";
import { findTrust, type TrustedRegistry } from "./trust.ts";
import type {
  CheckId,
  VerificationCheck,
  VerificationReport,
  VerificationWarning,
} from "./types.ts";
import { hasUnsafeCharacters } from "./unsafeText.ts";

/** A slot on chain to read: every local check passed, and the registry is a trusted one. */
export type ChainTarget = StatusClaims & {
  root: Hex;
  trusted: TrustedRegistry;
  /** The batch size the file states (proof.anchor.leafCount), a hint for choosing decoy words. */
  leafCountHint: number | undefined;
  /** The file's layout: v2 also has its signing key's term and its anchoring time checked. */
  version: 1 | 2;
  /** v2: the raw Ed25519 key of issuer.id as bytes32 hex; NO_SIGNING_KEY for v1. */
  signingKey: Hex;
  /** v2: the anchor proof's `created`, which must be the chain's anchoredAt. */
  anchorCreated: string | undefined;
};

/** The report fields a file gives, before the chain is asked. */
export type ReportFacts = Omit<
  VerificationReport,
  "status" | "cause" | "checks" | "accreditor" | "accreditorNow" | "anchoredAt" | "trust"
>;

export type LocalOutcome = {
  checks: Map<CheckId, VerificationCheck>;
  facts: ReportFacts;
  /** Set when structure, integrity, inclusion and the issuer binding all pass. */
  target: ChainTarget | null;
  /**
   * What the file is, when the reader could type it: a v2 reading carries the issuer's did:key
   * and DataIntegrityProof, a foreign one its proof and status list entry (checked after this).
   */
  reading: CredentialReading | null;
};

export type LocalPolicy = {
  now: Date;
  trust: readonly TrustedRegistry[];
};

/** The member of the award date, whose claim is AWARD_DATE_POINTER. */
const AWARD_DATE_KEY = "validFrom";

/** Claims that say whom a credential was issued to; a copy hiding all of them says nobody. */
const RECIPIENT_POINTERS = [
  "/credentialSubject/id",
  "/credentialSubject/name",
  "/credentialSubject/identifier",
];

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function stringAt(value: unknown, key: string): string | null {
  return isObject(value) && typeof value[key] === "string" ? (value[key] as string) : null;
}

export function checkLocally(
  credential: unknown,
  source: string | null,
  policy: LocalPolicy,
): LocalOutcome {
  const checks = new Map<CheckId, VerificationCheck>();
  const add = (c: VerificationCheck) => checks.set(c.id, c);
  if (credential instanceof UnparsableCredential) {
    // The caller's code (NOT_JSON, FILE_UNREADABLE...) has no catalogue message: no params.
    add({ id: "structure", result: "fail", code: credential.code, message: credential.problem });
    return { checks, facts: emptyFacts(source, policy.now), target: null, reading: null };
  }
  let reading: CredentialReading | null = null;
  let readProblems: readonly FormatProblem[] = [];
  try {
    reading = readCredential(credential, source ?? "credential");
  } catch (error) {
    if (!(error instanceof CredentialFormatError)) throw error;
    readProblems = error.problems;
  }
  if (reading?.version === "foreign") return checkForeign(credential, source, policy, reading);
  const claims = reading === null ? null : statusClaimsOf(reading.status);
  const issuerValue = isObject(credential) ? credential.issuer : undefined;
  const issuerId = typeof issuerValue === "string" ? issuerValue : stringAt(issuerValue, "id");
  const facts: ReportFacts = {
    source,
    credentialId: stringAt(credential, "id"),
    credentialType: claims?.credentialType ?? null,
    issuer: {
      id: issuerId,
      address: claims?.issuer ?? null,
      name: stringAt(issuerValue, "name"),
      registeredName: null,
      registeredDomain: null,
    },
    chain: claims?.caip2 ?? null,
    registry: claims?.registry ?? null,
    root: claims?.root ?? null,
    index: claims?.index ?? null,
    validFrom: stringAt(credential, "validFrom"),
    validFromHidden: awardDateHidden(credential),
    validUntil: stringAt(credential, "validUntil"),
    disclosed: {},
    hidden: [],
    checkedAt: policy.now.toISOString(),
    warnings: [],
  };

  // structure: Open Badges 3.0 required members, and a well-formed credanchor status slot.
  const structure = [...checkOpenBadgesStructure(credential).problems, ...readProblems];
  add(
    structure.length === 0
      ? check(
          "structure",
          "pass",
          "STRUCTURE_OK",
          "Open Badges 3.0 structure and status slot are well formed",
          { phrase: "structure-own" },
        )
      : structureInvalid(structure),
  );

  // integrity: every disclosed value and hidden digest recomputes to the committed digest.
  const integrity = verifyIntegrity(credential);
  const stripped = readProblems.find((p) => p.code === "ANCHOR_PROOF_MISSING");
  if (stripped !== undefined) {
    add(
      check(
        "integrity",
        "fail",
        "ANCHOR_PROOF_MISSING",
        `"${stripped.pointer}" ${stripped.message}`,
        { pointer: stripped.pointer },
      ),
    );
  } else if (integrity.ok) {
    add(integrityPass(integrity.hidden.length));
    facts.disclosed = disclosedValues(credential, integrity.disclosed);
    facts.hidden = integrity.hidden;
  } else {
    const first = integrity.failures[0]!;
    add(
      check(
        "integrity",
        "fail",
        `INTEGRITY_${first.reason}`,
        describeIntegrity(integrity.failures),
        { pointer: first.pointer ?? "", more: integrity.failures.length - 1 },
      ),
    );
  }

  // inclusion: the leaf of (index, recomputed digest) is under the root the file names.
  const anchor: unknown = reading?.anchorProof.anchor;
  let included = false;
  if (!integrity.ok || claims === null) {
    add(
      notChecked(
        "inclusion",
        "the file's structure or integrity failed",
        "structure-or-integrity-failed",
      ),
    );
  } else if (claims.root === undefined || !isObject(anchor)) {
    add(
      check(
        "inclusion",
        "fail",
        "NOT_ANCHORED",
        "the credential carries no batch root or Merkle proof: its batch was not anchored when this file was made",
      ),
    );
  } else {
    try {
      included = verifyMerkleProof(
        claims.root,
        claims.index,
        integrity.credentialDigest,
        anchor.merkleProof as Hex[],
      );
      add(
        included
          ? check(
              "inclusion",
              "pass",
              "INCLUDED",
              `leaf ${claims.index} is under batch root ${claims.root}`,
              { index: claims.index, root: claims.root },
            )
          : check(
              "inclusion",
              "fail",
              "NOT_INCLUDED",
              `the Merkle proof does not lead from leaf ${claims.index} of this credential to batch root ${claims.root}: a claim or the index changed after issuance`,
              { index: claims.index, root: claims.root },
            ),
      );
    } catch (error) {
      add(
        check(
          "inclusion",
          "fail",
          "PROOF_MALFORMED",
          `the Merkle proof is malformed: ${(error as Error).message}`,
          { detail: (error as Error).message },
        ),
      );
    }
  }

  const trusted =
    claims === null ? undefined : findTrust(policy.trust, claims.chainId, claims.registry);
  if (claims === null) {
    add(notChecked("trust", "the status slot is malformed", "status-slot-malformed"));
  } else add(trustCheck(claims, trusted, policy.trust));

  add(
    facts.validFromHidden
      ? checkExpiryOnly(facts.validUntil, policy.now)
      : checkValidityPeriod(facts.validFrom, facts.validUntil, policy.now),
  );
  facts.warnings = localWarnings(facts, integrity.ok);

  const localFailed = [...checks.values()].some(
    (c) => c.result === "fail" && c.id !== "validity-period",
  );
  const v2 = reading?.version === 2 ? reading : null;
  const key = v2 === null ? undefined : ed25519KeyOfDidKey(v2.issuerKey);
  const target =
    !localFailed && included && claims !== null && claims.root !== undefined && trusted
      ? {
          ...claims,
          root: claims.root,
          trusted,
          leafCountHint:
            isObject(anchor) && typeof anchor.leafCount === "number" ? anchor.leafCount : undefined,
          version: v2 === null ? (1 as const) : (2 as const),
          signingKey: key === undefined ? NO_SIGNING_KEY : bytesToHex(key),
          anchorCreated: v2?.anchorProof.created,
        }
      : null;
  return { checks, facts, target, reading };
}

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
function checkForeign(
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
    structure.length === 0
      ? check(
          "structure",
          "pass",
          "STRUCTURE_OK",
          badge
            ? "Open Badges 3.0 structure is well formed"
            : "Verifiable Credential 2.0 structure is well formed",
          { phrase: badge ? "structure-badge" : "structure-vc" },
        )
      : structureInvalid(structure),
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

function trustCheck(
  claims: StatusClaims,
  trusted: TrustedRegistry | undefined,
  trust: readonly TrustedRegistry[],
): VerificationCheck {
  if (trusted !== undefined) {
    return check(
      "trust",
      "pass",
      "REGISTRY_TRUSTED",
      `registry ${claims.registry} on ${claims.caip2} is "${trusted.label}", which this verifier trusts`,
      { registry: claims.registry, chain: claims.caip2, label: trusted.label },
    );
  }
  const trustedList = trust
    .map((t) => `"${t.label}" (eip155:${t.chainId}:${t.credentialRegistry})`)
    .join(", ");
  const trusting =
    trust.length === 0
      ? "this verifier trusts no registry yet"
      : `this verifier trusts ${trustedList}`;
  return check(
    "trust",
    "fail",
    "REGISTRY_NOT_TRUSTED",
    `the credential points at registry ${claims.registry} on ${claims.caip2}, which is not in the trust list (${trusting}). Anyone can deploy a registry, so what it says proves nothing unless you chose it: trust it on purpose only if you know who runs it (CLI: --trust ${claims.caip2}:${claims.registry}; SDK: the trust option; web page: the trust setting)`,
    { registry: claims.registry, chain: claims.caip2, trusted: trustedList || "–" },
  );
}

function localWarnings(facts: ReportFacts, integrityOk: boolean): VerificationWarning[] {
  const warnings: VerificationWarning[] = [];
  if (integrityOk) {
    const disclosed = Object.keys(facts.disclosed);
    const names = disclosed.some((p) =>
      RECIPIENT_POINTERS.some((r) => p === r || p.startsWith(`${r}/`)),
    );
    if (!names) {
      warnings.push({
        code: "RECIPIENT_HIDDEN",
        message:
          "this copy does not say whom it was issued to: the holder hid the name, id and identifiers of the recipient",
      });
    }
  }
  const texts = [
    facts.issuer.name,
    facts.issuer.id,
    facts.credentialId,
    ...Object.values(facts.disclosed).flatMap(strings),
  ];
  if (texts.some((t) => typeof t === "string" && hasUnsafeCharacters(t))) {
    warnings.push({
      code: "CONTROL_CHARACTERS",
      message:
        "text in this credential holds control or bidirectional-override characters (shown as <U+XXXX>), which can make it read differently from what it says",
    });
  }
  return warnings;
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

function emptyFacts(source: string | null, now: Date): ReportFacts {
  return {
    source,
    credentialId: null,
    credentialType: null,
    issuer: { id: null, address: null, name: null, registeredName: null, registeredDomain: null },
    chain: null,
    registry: null,
    root: null,
    index: null,
    validFrom: null,
    validFromHidden: false,
    validUntil: null,
    disclosed: {},
    hidden: [],
    checkedAt: now.toISOString(),
    warnings: [],
  };
}

/** Validity dates, judged at `now`; they are claims, so they count only with integrity. */
function checkValidityPeriod(
  validFrom: string | null,
  validUntil: string | null,
  now: Date,
): VerificationCheck {
  const from = validFrom === null ? Number.NaN : Date.parse(validFrom.toUpperCase());
  const until = validUntil === null ? undefined : Date.parse(validUntil.toUpperCase());
  if (Number.isNaN(from) || Number.isNaN(until)) {
    return notChecked(
      "validity-period",
      "validFrom or validUntil is not a date-time",
      "dates-not-date-times",
    );
  }
  const at = now.getTime();
  if (at < from) {
    return check(
      "validity-period",
      "fail",
      "NOT_YET_VALID",
      `valid from ${new Date(from).toISOString()}, after ${now.toISOString()}`,
      { from: new Date(from).toISOString(), now: now.toISOString() },
    );
  }
  if (until !== undefined) {
    if (at >= until) {
      return check(
        "validity-period",
        "fail",
        "EXPIRED",
        `expired at ${new Date(until).toISOString()}`,
        { until: new Date(until).toISOString() },
      );
    }
    return check(
      "validity-period",
      "pass",
      "WITHIN_VALIDITY",
      `valid from ${new Date(from).toISOString()} until ${new Date(until).toISOString()}`,
      {
        from: new Date(from).toISOString(),
        until: new Date(until).toISOString(),
        phrase: "valid-until",
      },
    );
  }
  return check(
    "validity-period",
    "pass",
    "WITHIN_VALIDITY",
    `valid from ${new Date(from).toISOString()}, no end date`,
    { from: new Date(from).toISOString(), phrase: "no-end-date" },
  );
}

/**
 * True when the file has no award date but lists its digest: the holder hid it. (Like every
 * claim, it counts only with integrity, which checks that digest.)
 */
function awardDateHidden(credential: unknown): boolean {
  if (!isObject(credential) || credential[AWARD_DATE_KEY] !== undefined) return false;
  const layout = proofLayoutOf(credential);
  const claims =
    layout === undefined || layout.version === "foreign" ? undefined : layout.anchorProof.claims;
  const entry = isObject(claims) ? claims[AWARD_DATE_POINTER] : undefined;
  return isObject(entry) && "digest" in entry;
}

/**
 * Validity with the award date hidden: only the end can be judged. Whether the credential had
 * started to be valid cannot be, which is why the message says the date is hidden.
 */
function checkExpiryOnly(validUntil: string | null, now: Date): VerificationCheck {
  const until = validUntil === null ? undefined : Date.parse(validUntil.toUpperCase());
  if (Number.isNaN(until)) {
    return notChecked(
      "validity-period",
      "validUntil is not a date-time",
      "valid-until-not-date-time",
    );
  }
  if (until !== undefined && now.getTime() >= until) {
    return check(
      "validity-period",
      "fail",
      "EXPIRED",
      `expired at ${new Date(until).toISOString()} (award date hidden by the holder)`,
      { until: new Date(until).toISOString() },
    );
  }
  return check(
    "validity-period",
    "pass",
    "AWARD_DATE_HIDDEN",
    until === undefined
      ? "award date hidden by the holder; no end date, so validity is judged from what can be proven: it has not expired"
      : `award date hidden by the holder; valid until ${new Date(until).toISOString()}`,
    until === undefined
      ? { phrase: "no-end-date" }
      : { until: new Date(until).toISOString(), phrase: "valid-until" },
  );
}

function structureInvalid(problems: readonly { pointer: string; message: string }[]) {
  const [first] = problems;
  const more = problems.length - 1;
  return check(
    "structure",
    "fail",
    "STRUCTURE_INVALID",
    `"${first!.pointer}" ${first!.message}${more > 0 ? ` (and ${more} more)` : ""}`,
    {
      pointer: first!.pointer,
      problem: first!.message,
      more,
      phrase: more > 0 ? "more-problems" : "one-problem",
    },
  );
}

function describeIntegrity(failures: readonly IntegrityFailure[]): string {
  const more = failures.length > 1 ? ` (and ${failures.length - 1} more)` : "";
  return `${failures[0]!.message}${more}`;
}

function integrityPass(hidden: number): VerificationCheck {
  return check(
    "integrity",
    "pass",
    "INTEGRITY_OK",
    hidden === 0
      ? "every claim matches the credential digest"
      : `every disclosed claim and ${hidden} hidden claim digest${hidden === 1 ? "" : "s"} match the credential digest`,
    { hidden, phrase: hidden === 0 ? "all-shown" : "some-hidden" },
  );
}
