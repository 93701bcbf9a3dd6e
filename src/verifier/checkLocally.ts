// The checks that need nothing but the file and a clock: Open Badges structure, integrity of the
// claims (including that the issuer it names is the account its batch is under), inclusion of the
// leaf under the batch root, a registry the verifier trusts, and the validity period. Whatever the network does later, a
// failure here is final: the credential is invalid.
import type { Hex } from "viem";
import {
  checkOpenBadgesStructure,
  type IntegrityFailure,
  verifyIntegrity,
} from "../credential/index.ts";
import { verifyMerkleProof } from "../merkle/verifyProof.ts";
import { disclosedValues } from "./disclosedValues.ts";
import { UnparsableCredential } from "./parseCredential.ts";
import { readStatusClaims, type StatusClaims } from "./readStatusClaims.ts";
import type { CheckId, VerificationCheck, VerificationReport } from "./types.ts";

/** A slot on chain to read: every local check passed. */
export type ChainTarget = StatusClaims & { root: Hex };

/** The report fields a file gives, before the chain is asked. */
export type ReportFacts = Omit<
  VerificationReport,
  "status" | "cause" | "checks" | "accreditor" | "accreditorNow" | "anchoredAt"
>;

export type LocalOutcome = {
  checks: Map<CheckId, VerificationCheck>;
  facts: ReportFacts;
  /** Set when structure, integrity, inclusion and the issuer binding all pass. */
  target: ChainTarget | null;
};

export type LocalPolicy = {
  now: Date;
  trustedRegistries: ReadonlySet<string> | null;
};

export function check(
  id: CheckId,
  result: VerificationCheck["result"],
  code: string,
  message: string,
): VerificationCheck {
  return { id, result, code, message };
}

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
    add(check("structure", "fail", credential.code, credential.problem));
    return { checks, facts: emptyFacts(source, policy.now), target: null };
  }
  const statusClaims = readStatusClaims(credential);
  const claims = statusClaims.ok ? statusClaims.claims : null;
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
    },
    chain: claims?.caip2 ?? null,
    registry: claims?.registry ?? null,
    root: claims?.root ?? null,
    index: claims?.index ?? null,
    validFrom: stringAt(credential, "validFrom"),
    validUntil: stringAt(credential, "validUntil"),
    disclosed: {},
    hidden: [],
    checkedAt: policy.now.toISOString(),
  };

  // structure: Open Badges 3.0 required members, and a well-formed credanchor status slot.
  const structure = [
    ...checkOpenBadgesStructure(credential).problems,
    ...(statusClaims.ok ? [] : statusClaims.problems),
  ];
  add(
    structure.length === 0
      ? check(
          "structure",
          "pass",
          "STRUCTURE_OK",
          "Open Badges 3.0 structure and status slot are well formed",
        )
      : check("structure", "fail", "STRUCTURE_INVALID", describeProblems(structure)),
  );

  // integrity: every disclosed value and hidden digest recomputes to the committed digest.
  const integrity = verifyIntegrity(credential);
  if (integrity.ok) {
    add(check("integrity", "pass", "INTEGRITY_OK", integrityPassMessage(integrity.hidden.length)));
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
      ),
    );
  }

  // inclusion: the leaf of (index, recomputed digest) is under the root the file names.
  const anchor =
    isObject(credential) && isObject(credential.proof) ? credential.proof.anchor : undefined;
  let included = false;
  if (!integrity.ok || claims === null) {
    add(notChecked("inclusion", "the file's structure or integrity failed"));
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
            )
          : check(
              "inclusion",
              "fail",
              "NOT_INCLUDED",
              `the Merkle proof does not lead from leaf ${claims.index} of this credential to batch root ${claims.root}: a claim or the index changed after issuance`,
            ),
      );
    } catch (error) {
      add(
        check(
          "inclusion",
          "fail",
          "PROOF_MALFORMED",
          `the Merkle proof is malformed: ${(error as Error).message}`,
        ),
      );
    }
  }

  const registry = claims === null ? null : registryProblem(claims, policy);
  if (registry !== null) add(check("anchor", "fail", registry.code, registry.message));

  add(checkValidityPeriod(facts.validFrom, facts.validUntil, policy.now));

  const localFailed = [...checks.values()].some(
    (c) => c.result === "fail" && c.id !== "validity-period",
  );
  const target =
    !localFailed && included && claims !== null && claims.root !== undefined
      ? { ...claims, root: claims.root }
      : null;
  return { checks, facts, target };
}

function emptyFacts(source: string | null, now: Date): ReportFacts {
  return {
    source,
    credentialId: null,
    credentialType: null,
    issuer: { id: null, address: null, name: null },
    chain: null,
    registry: null,
    root: null,
    index: null,
    validFrom: null,
    validUntil: null,
    disclosed: {},
    hidden: [],
    checkedAt: now.toISOString(),
  };
}

/** The part of the anchor check a file alone can fail (the issuer binding is integrity's). */
function registryProblem(
  claims: StatusClaims,
  policy: LocalPolicy,
): { code: string; message: string } | null {
  if (
    policy.trustedRegistries !== null &&
    !policy.trustedRegistries.has(claims.registry.toLowerCase())
  ) {
    return {
      code: "REGISTRY_NOT_TRUSTED",
      message: `the registry ${claims.registry} is not one this verifier trusts`,
    };
  }
  return null;
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
    return notChecked("validity-period", "validFrom or validUntil is not a date-time");
  }
  const at = now.getTime();
  if (at < from) {
    return check(
      "validity-period",
      "fail",
      "NOT_YET_VALID",
      `valid from ${new Date(from).toISOString()}, after ${now.toISOString()}`,
    );
  }
  if (until !== undefined) {
    if (at >= until) {
      return check(
        "validity-period",
        "fail",
        "EXPIRED",
        `expired at ${new Date(until).toISOString()}`,
      );
    }
    return check(
      "validity-period",
      "pass",
      "WITHIN_VALIDITY",
      `valid from ${new Date(from).toISOString()} until ${new Date(until).toISOString()}`,
    );
  }
  return check(
    "validity-period",
    "pass",
    "WITHIN_VALIDITY",
    `valid from ${new Date(from).toISOString()}, no end date`,
  );
}

export function notChecked(id: CheckId, why: string): VerificationCheck {
  return check(id, "skipped", "NOT_CHECKED", `not checked: ${why}`);
}

function describeProblems(problems: readonly { pointer: string; message: string }[]): string {
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  return `"${first!.pointer}" ${first!.message}${more}`;
}

function describeIntegrity(failures: readonly IntegrityFailure[]): string {
  const more = failures.length > 1 ? ` (and ${failures.length - 1} more)` : "";
  return `${failures[0]!.message}${more}`;
}

function integrityPassMessage(hidden: number): string {
  return hidden === 0
    ? "every claim matches the credential digest"
    : `every disclosed claim and ${hidden} hidden claim digest${hidden === 1 ? "" : "s"} match the credential digest`;
}
