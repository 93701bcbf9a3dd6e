// The one place other learner-record shapes become credanchor input records:
// - a CLR 2.0 ClrCredential: one record per AchievementCredential it bundles;
// - a European Learning Model (ELM 3) credential or learning achievement: one record per
//   LearningAchievement claim.
// Mapping is lossy by design: only what an OB 3.0 AchievementCredential carries is kept (see
// docs/format.md, "Mapping"). The records are then validated like any other: `credanchor issue
// --format clr|elm` reads such documents through sourceRecordsOf (issuer/readRecords.ts).
import { isObject } from "../values/index.ts";
import { SourceMappingError } from "./errors.ts";
import { dropUndefined } from "./fieldReader.ts";
import type { CredentialRecord, EvidenceInput, IdentifierInput, ResultInput } from "./types.ts";

type Json = Record<string, unknown>;

/** A record mapped from a source document, and the path of the part it came from. */
export type SourceRecord = { path: string; record: CredentialRecord };

/** The records of one CLR or ELM document, each with the document path it was mapped from. */
export function sourceRecordsOf(format: "clr" | "elm", document: unknown): SourceRecord[] {
  if (format === "elm") return elmSourceRecords(document, {});
  return recordsFromClr(document).map((record, i) => ({
    path: `credentialSubject.verifiableCredential[${i}]`,
    record,
  }));
}

function types(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === "string") : [];
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

// ---------------------------------------------------------------------------------------------
// CLR 2.0

export type ClrMappingOptions = {
  /** Holder name when the CLR carries no IdentityObject of identityType "name". */
  holderName?: string;
};

/** One input record per AchievementCredential in `credentialSubject.verifiableCredential`. */
export function recordsFromClr(clr: unknown, options: ClrMappingOptions = {}): CredentialRecord[] {
  const source = "CLR 2.0 credential";
  const fail = (
    code: "SOURCE_FIELD_MISSING" | "SOURCE_FIELD_INVALID",
    path: string,
    problem: string,
  ): never => {
    throw new SourceMappingError(code, source, path, problem);
  };
  if (!isObject(clr)) fail("SOURCE_FIELD_INVALID", "(document)", "must be a JSON object");
  const document = clr as Json;
  if (!types(document.type).includes("ClrCredential"))
    fail("SOURCE_FIELD_INVALID", "type", 'must include "ClrCredential"');
  const subject = document.credentialSubject;
  if (!isObject(subject))
    fail("SOURCE_FIELD_MISSING", "credentialSubject", "is missing or not an object");
  const clrSubject = subject as Json;
  const bundled = list(clrSubject.verifiableCredential);
  if (bundled.length === 0)
    fail(
      "SOURCE_FIELD_MISSING",
      "credentialSubject.verifiableCredential",
      "lists no AchievementCredential",
    );

  return bundled.map((item, i) => {
    const base = `credentialSubject.verifiableCredential[${i}]`;
    if (!isObject(item))
      fail(
        "SOURCE_FIELD_INVALID",
        base,
        "must be an AchievementCredential object (a JWT string is not supported)",
      );
    const credential = item as Json;
    const itemTypes = types(credential.type);
    if (
      !itemTypes.includes("AchievementCredential") &&
      !itemTypes.includes("OpenBadgeCredential")
    ) {
      fail(
        "SOURCE_FIELD_INVALID",
        `${base}.type`,
        'must include "AchievementCredential" or "OpenBadgeCredential"',
      );
    }
    const achievementSubject = credential.credentialSubject;
    if (!isObject(achievementSubject))
      fail("SOURCE_FIELD_MISSING", `${base}.credentialSubject`, "is missing");
    const sub = achievementSubject as Json;
    const achievement = sub.achievement;
    if (!isObject(achievement))
      fail("SOURCE_FIELD_MISSING", `${base}.credentialSubject.achievement`, "is missing");
    const ach = achievement as Json;
    const criteria = isObject(ach.criteria) ? ach.criteria : {};

    const identities = [...list(sub.identifier), ...list(clrSubject.identifier)].filter(isObject);
    const nameIdentity = identities.find((id) => id.identityType === "name" && id.hashed === false);
    const holderName = asString(nameIdentity?.identityHash) ?? options.holderName;
    if (holderName === undefined) {
      fail(
        "SOURCE_FIELD_MISSING",
        `${base}.credentialSubject.identifier`,
        'has no IdentityObject of identityType "name"; pass options.holderName',
      );
    }
    const identifiers: IdentifierInput[] = [];
    const seen = new Set<string>();
    for (const identity of identities) {
      const identityType = asString(identity.identityType);
      const value = asString(identity.identityHash);
      if (identityType === undefined || value === undefined || identityType === "name") continue;
      const key = `${identityType}\n${value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      identifiers.push(
        identity.hashed === true
          ? dropUndefined({ identityType, identityHash: value, salt: asString(identity.salt) })
          : { identityType, value },
      );
    }

    const descriptions = list(ach.resultDescription).filter(isObject);
    const usedNames = new Set<string>();
    const results = list(sub.result)
      .filter(isObject)
      .map((result, k): ResultInput => {
        const description = descriptions.find((d) => d.id === result.resultDescription);
        let name = asString(description?.name) ?? `Result ${k + 1}`;
        if (usedNames.has(name)) name = `${name} (${k + 1})`;
        usedNames.add(name);
        return dropUndefined({
          name,
          value: asString(result.value),
          status: asString(result.status),
          resultType: asString(description?.resultType),
        });
      });

    const validFrom =
      asString(credential.validFrom) ??
      asString(credential.issuanceDate) ??
      asString(document.validFrom);
    if (validFrom === undefined)
      fail(
        "SOURCE_FIELD_MISSING",
        `${base}.validFrom`,
        "is missing (and the CLR has no validFrom either)",
      );
    const image = isObject(ach.image) ? asString(ach.image.id) : asString(ach.image);
    return dropUndefined({
      holderName: holderName as string,
      subjectId: asString(sub.id) ?? asString(clrSubject.id),
      identifiers: identifiers.length > 0 ? identifiers : undefined,
      achievement: dropUndefined({
        id: asString(ach.id),
        name: requiredText(ach.name, source, `${base}.credentialSubject.achievement.name`),
        description: requiredText(
          ach.description,
          source,
          `${base}.credentialSubject.achievement.description`,
        ),
        criteria: asString(criteria.narrative),
        criteriaUrl: asString(criteria.id),
        achievementType: asString(ach.achievementType),
        fieldOfStudy: asString(ach.fieldOfStudy),
        humanCode: asString(ach.humanCode),
        creditsAvailable: asNumber(ach.creditsAvailable),
        tags: Array.isArray(ach.tag)
          ? ach.tag.filter((t): t is string => typeof t === "string")
          : undefined,
        image,
      }),
      validFrom: validFrom as string,
      validUntil: asString(credential.validUntil) ?? asString(credential.expirationDate),
      results: results.length > 0 ? results : undefined,
      evidence: evidenceOf(credential.evidence),
      creditsEarned: asNumber(sub.creditsEarned),
      term: asString(sub.term),
      activityStartDate: asString(sub.activityStartDate),
      activityEndDate: asString(sub.activityEndDate),
    });
  });
}

function requiredText(value: unknown, source: string, path: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new SourceMappingError("SOURCE_FIELD_MISSING", source, path, "is missing or empty");
  }
  return value;
}

function evidenceOf(value: unknown): EvidenceInput[] | undefined {
  const evidence = list(value)
    .filter(isObject)
    .map((e) =>
      dropUndefined({
        id: asString(e.id),
        name: asString(e.name),
        description: asString(e.description),
        narrative: asString(e.narrative),
        genre: asString(e.genre),
        audience: asString(e.audience),
      }),
    );
  return evidence.length > 0 ? evidence : undefined;
}

// ---------------------------------------------------------------------------------------------
// European Learning Model (ELM 3)

export type ElmMappingOptions = {
  /** Preferred language of ELM language maps; falls back to "en", then the first language. */
  language?: string;
  /** OB 3.0 AchievementType to give the achievement (ELM has no equivalent vocabulary). */
  achievementType?: string;
  /** End of validity, when the ELM credential's validUntil/expirationDate is not given. */
  validUntil?: string;
};

/**
 * Reads ELM text: a plain string, a language map ({"en": "...", "fr": "..."}, values may be
 * lists) or JSON-LD value objects ([{"@language": "en", "@value": "..."}]).
 */
export function elmText(value: unknown, language = "en"): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    const values = value.filter(isObject);
    const pick =
      values.find((v) => v["@language"] === language) ??
      values.find((v) => v["@language"] === "en") ??
      values[0];
    return pick ? asString(pick["@value"]) : asString(value[0]);
  }
  if (!isObject(value)) return undefined;
  if ("noteLiteral" in value) return elmText(value.noteLiteral, language);
  const languages = Object.keys(value);
  const key = languages.includes(language)
    ? language
    : languages.includes("en")
      ? "en"
      : languages[0];
  if (key === undefined) return undefined;
  const text = value[key];
  return Array.isArray(text) ? asString(text[0]) : asString(text);
}

/**
 * One input record from an ELM Person and one of its LearningAchievement claims: the
 * specification (Qualification or LearningAchievementSpecification) gives the achievement,
 * the awarding process its date, assessments (provenBy) its results, supplementary documents
 * its evidence.
 */
export function recordFromElmAchievement(
  person: unknown,
  learningAchievement: unknown,
  options: ElmMappingOptions = {},
  path = "LearningAchievement",
): CredentialRecord {
  const source = "ELM learning achievement";
  const lang = options.language ?? "en";
  const fail = (path: string, problem: string): never => {
    throw new SourceMappingError("SOURCE_FIELD_MISSING", source, path, problem);
  };
  if (!isObject(person)) fail("credentialSubject", "must be an ELM Person object");
  if (!isObject(learningAchievement)) fail(path, "must be an ELM LearningAchievement object");
  const who = person as Json;
  const achievement = learningAchievement as Json;
  const spec = isObject(achievement.specifiedBy) ? achievement.specifiedBy : {};

  const fullName = elmText(who.fullName, lang);
  const given = elmText(who.givenName, lang);
  const family = elmText(who.familyName, lang);
  const holderName =
    fullName ?? ([given, family].filter((part) => part !== undefined).join(" ") || undefined);
  if (holderName === undefined)
    fail("credentialSubject.fullName", "is missing (and so are givenName and familyName)");

  const name = elmText(spec.title, lang) ?? elmText(achievement.title, lang);
  if (name === undefined)
    fail(`${path}.title`, "is missing (on the achievement and its specifiedBy)");
  const description = elmText(spec.description, lang) ?? elmText(achievement.description, lang);
  if (description === undefined)
    fail(`${path}.specifiedBy.description`, "is missing (on the achievement and its specifiedBy)");
  const outcomes = list(spec.learningOutcome)
    .filter(isObject)
    .map((outcome) => elmText(outcome.title, lang))
    .filter((title): title is string => title !== undefined);
  const criteria =
    elmText(spec.learningOutcomeSummary, lang) ??
    (outcomes.length > 0 ? outcomes.map((o) => `- ${o}`).join("\n") : undefined);
  if (criteria === undefined) {
    fail(
      `${path}.specifiedBy.learningOutcomeSummary`,
      "is missing (no learningOutcome titles either); OB 3.0 requires criteria",
    );
  }
  const awarding = isObject(achievement.awardedBy) ? achievement.awardedBy : {};
  const validFrom = asString(awarding.awardingDate);
  if (validFrom === undefined) fail(`${path}.awardedBy.awardingDate`, "is missing");

  const results = list(achievement.provenBy)
    .filter(isObject)
    .map((assessment, k): ResultInput => {
      const grade = elmText(assessment.grade, lang);
      return dropUndefined({
        name: elmText(assessment.title, lang) ?? `Assessment ${k + 1}`,
        value: grade,
        status: grade === undefined ? "Completed" : undefined,
      });
    });
  const evidence = list(achievement.supplementaryDocument)
    .filter(isObject)
    .map(
      (doc): EvidenceInput =>
        dropUndefined({
          id: asString(doc.contentURL) ?? asString(doc.id),
          name: elmText(doc.title, lang),
        }),
    );
  const specId = asString(spec.id);
  return dropUndefined({
    holderName: holderName as string,
    subjectId: asString(who.id),
    achievement: dropUndefined({
      // ELM ids such as "urn:epass:qualification:1" are local to one document; only keep URLs.
      id: specId?.startsWith("http") ? specId : undefined,
      name: name as string,
      description: description as string,
      criteria,
      achievementType: options.achievementType,
    }),
    validFrom: validFrom as string,
    validUntil: options.validUntil,
    results: results.length > 0 ? results : undefined,
    evidence: evidence.length > 0 ? evidence : undefined,
  });
}

/** One input record per LearningAchievement claim of an ELM (European Digital) credential. */
export function recordsFromElm(
  credential: unknown,
  options: ElmMappingOptions = {},
): CredentialRecord[] {
  return elmSourceRecords(credential, options).map((item) => item.record);
}

function elmSourceRecords(credential: unknown, options: ElmMappingOptions): SourceRecord[] {
  const source = "ELM credential";
  if (!isObject(credential) || !isObject(credential.credentialSubject)) {
    throw new SourceMappingError(
      "SOURCE_FIELD_MISSING",
      source,
      "credentialSubject",
      "is missing or not an object",
    );
  }
  const person = credential.credentialSubject;
  // ELM 3 lists claims in hasClaim; earlier Europass credentials used "achieved".
  const key = person.hasClaim !== undefined ? "hasClaim" : "achieved";
  const claims = list(person[key]);
  const validUntil =
    options.validUntil ?? asString(credential.validUntil) ?? asString(credential.expirationDate);
  const records = claims.flatMap((claim, i) => {
    if (!isObject(claim) || !types(claim.type).includes("LearningAchievement")) return [];
    const path = `credentialSubject.${key}[${i}]`;
    return [
      { path, record: recordFromElmAchievement(person, claim, { ...options, validUntil }, path) },
    ];
  });
  if (records.length === 0) {
    throw new SourceMappingError(
      "SOURCE_FIELD_MISSING",
      source,
      `credentialSubject.${key}`,
      "has no LearningAchievement claim",
    );
  }
  return records;
}
