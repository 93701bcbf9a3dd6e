// The checks that need nothing but the file and a clock: Open Badges structure, integrity of the
// claims (including that the issuer it names is the account its batch is under), inclusion of the
// leaf under the batch root, a registry in the verifier's trust list, and the validity period.
// Whatever the network does later, a failure here is final. A credential pointing at a registry
// the verifier does not trust is never read from the chain at all. v1 and v2 files are checked
// alike through the one reader; another issuer's signed credential goes to checkForeign.ts.
import { bytesToHex, type Hex } from "viem";
import { NO_SIGNING_KEY } from "../chain/index.ts";
import {
  CredentialFormatError,
  type CredentialReading,
  checkOpenBadgesStructure,
  ed25519KeyOfDidKey,
  type FormatProblem,
  type IntegrityFailure,
  readCredential,
  verifyIntegrity,
} from "../credential/index.ts";
import { verifyMerkleProof } from "../merkle/verifyProof.ts";
import { isObject } from "../values/index.ts";
import { check, notChecked } from "./check.ts";
import { checkForeign } from "./checkForeign.ts";
import { structureCheck } from "./checkStructure.ts";
import { checkTrust } from "./checkTrust.ts";
import { awardDateHidden, checkExpiryOnly, checkValidityPeriod } from "./checkValidity.ts";
import { disclosedValues } from "./disclosedValues.ts";
import { localWarnings } from "./localWarnings.ts";
import { UnparsableCredential } from "./parseCredential.ts";
import { type StatusClaims, statusClaimsOf } from "./readStatusClaims.ts";
import { emptyFacts, type ReportFacts, stringAt } from "./reportFacts.ts";
import { findTrust, type TrustedRegistry } from "./trust.ts";
import type { CheckId, VerificationCheck } from "./types.ts";

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
    structureCheck(
      structure,
      "Open Badges 3.0 structure and status slot are well formed",
      "structure-own",
    ),
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
  } else add(checkTrust(claims, trusted, policy.trust));

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
