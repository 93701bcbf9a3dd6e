// Structural check of an Open Badges 3.0 AchievementCredential, from the rules of the OB 3.0 data
// model (required members, their types, the required `@context` and `type` values). It is not a
// JSON-LD or JSON Schema validator. In a disclosed credential a required member may be hidden:
// it then counts as present when the anchor proof's `claims` lists hidden claims at or under it.
// Both credanchor layouts and other issuers' credentials are checked alike.

import { isObject } from "../values/index.ts";
import {
  ACHIEVEMENT_TYPES,
  IDENTIFIER_TYPES,
  OB_ACHIEVEMENT_CREDENTIAL_SCHEMA,
  OB_SCHEMA_VALIDATOR_TYPE,
  OB_V3_CONTEXT,
  VC_V2_CONTEXT,
} from "./constants.ts";
import { isDateTime, isDateTimeZ } from "./dates.ts";
import { isAtOrUnder } from "./jsonPointer.ts";
import { proofLayoutOf } from "./readCredential.ts";
import type { JsonPointer } from "./types.ts";

export type StructureProblem = { pointer: JsonPointer; message: string };
export type StructureReport = { ok: boolean; problems: StructureProblem[] };

const URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const EXTENSION_TERM = /^ext:[A-Za-z0-9._-]+$/;

type Json = Record<string, unknown>;

/** Checks the OB 3.0 required structure; `ok` is true when there are no problems. */
export function checkOpenBadgesStructure(credential: unknown): StructureReport {
  const check = new Checker(hiddenPointers(credential));
  check.credential(credential);
  return { ok: check.problems.length === 0, problems: check.problems };
}

function hiddenPointers(credential: unknown): JsonPointer[] {
  const layout = proofLayoutOf(credential);
  const claims =
    layout === undefined || layout.version === "foreign" ? undefined : layout.anchorProof.claims;
  if (!isObject(claims)) return [];
  return Object.entries(claims)
    .filter(([, entry]) => isObject(entry) && "digest" in entry)
    .map(([pointer]) => pointer);
}

class Checker {
  readonly problems: StructureProblem[] = [];
  readonly hidden: readonly JsonPointer[];

  constructor(hidden: readonly JsonPointer[]) {
    this.hidden = hidden;
  }

  problem(pointer: JsonPointer, message: string): void {
    this.problems.push({ pointer, message });
  }

  isHidden(pointer: JsonPointer): boolean {
    return this.hidden.some((h) => isAtOrUnder(h, pointer));
  }

  /** False (and a problem when required) if the member is absent and not hidden. */
  present(value: unknown, pointer: JsonPointer, required: boolean): boolean {
    if (value !== undefined) return true;
    if (required && !this.isHidden(pointer)) this.problem(pointer, "is required");
    return false;
  }

  string(parent: Json, key: string, at: JsonPointer, required: boolean): void {
    const value = parent[key];
    if (this.present(value, `${at}/${key}`, required) && typeof value !== "string") {
      this.problem(`${at}/${key}`, "must be a string");
    }
  }

  uri(parent: Json, key: string, at: JsonPointer, required: boolean): void {
    const value = parent[key];
    if (
      this.present(value, `${at}/${key}`, required) &&
      !(typeof value === "string" && URI.test(value))
    ) {
      this.problem(`${at}/${key}`, "must be a URI");
    }
  }

  number(parent: Json, key: string, at: JsonPointer): void {
    const value = parent[key];
    if (this.present(value, `${at}/${key}`, false) && typeof value !== "number") {
      this.problem(`${at}/${key}`, "must be a number");
    }
  }

  /** OB 3.0 DateTimeZ (zone required) or, with `zoned` false, DateTime. */
  dateTime(parent: Json, key: string, at: JsonPointer, required: boolean, zoned = true): void {
    const value = parent[key];
    if (!this.present(value, `${at}/${key}`, required)) return;
    if (!(typeof value === "string" && (zoned ? isDateTimeZ(value) : isDateTime(value)))) {
      this.problem(
        `${at}/${key}`,
        zoned ? "must be a date-time with a time zone (RFC 3339)" : "must be an ISO 8601 date-time",
      );
    }
  }

  /** `type` is an IRI or an unordered set of IRIs that must include each of `names` (one of each group). */
  type(parent: Json, at: JsonPointer, ...groups: readonly (readonly string[])[]): void {
    const value = parent.type;
    const pointer = `${at}/type`;
    if (!this.present(value, pointer, true)) return;
    const types = typeof value === "string" ? [value] : value;
    if (!Array.isArray(types) || types.length === 0 || !types.every((t) => typeof t === "string")) {
      this.problem(pointer, "must be a string or a non-empty list of strings");
      return;
    }
    for (const group of groups) {
      if (!group.some((name) => types.includes(name))) {
        this.problem(pointer, `must include ${group.map((n) => `"${n}"`).join(" or ")}`);
      }
    }
  }

  /** Required object member; returns it when it is there to look into. */
  object(parent: Json, key: string, at: JsonPointer, required: boolean): Json | undefined {
    const value = parent[key];
    if (!this.present(value, `${at}/${key}`, required)) return undefined;
    if (!isObject(value)) {
      this.problem(`${at}/${key}`, "must be an object");
      return undefined;
    }
    return value;
  }

  /** Items of an optional list; null items standing for hidden ones are skipped. */
  items(
    parent: Json,
    key: string,
    at: JsonPointer,
    each: (item: Json, pointer: JsonPointer) => void,
  ): void {
    const value = parent[key];
    const pointer = `${at}/${key}`;
    if (!this.present(value, pointer, false)) return;
    if (!Array.isArray(value)) {
      this.problem(pointer, "must be a list");
      return;
    }
    value.forEach((item, i) => {
      const itemPointer = `${pointer}/${i}`;
      if (item === null && this.isHidden(itemPointer)) return;
      if (!isObject(item)) this.problem(itemPointer, "must be an object");
      else each(item, itemPointer);
    });
  }

  term(
    parent: Json,
    key: string,
    at: JsonPointer,
    terms: readonly string[],
    required: boolean,
  ): void {
    const value = parent[key];
    const pointer = `${at}/${key}`;
    if (!this.present(value, pointer, required)) return;
    if (typeof value !== "string" || !(terms.includes(value) || EXTENSION_TERM.test(value))) {
      this.problem(pointer, `must be one of the OB 3.0 terms or "ext:<name>"`);
    }
  }

  credential(credential: unknown): void {
    if (!isObject(credential)) {
      this.problem("", "must be a JSON object");
      return;
    }
    this.context(credential);
    this.uri(credential, "id", "", true);
    this.type(
      credential,
      "",
      ["VerifiableCredential"],
      ["AchievementCredential", "OpenBadgeCredential"],
    );
    this.string(credential, "name", "", false);
    this.string(credential, "description", "", false);
    this.issuer(credential);
    this.dateTime(credential, "validFrom", "", true);
    this.dateTime(credential, "validUntil", "", false);
    this.dateTime(credential, "awardedDate", "", false);
    const subject = this.object(credential, "credentialSubject", "", true);
    if (subject) this.subject(subject, "/credentialSubject");
    this.items(credential, "evidence", "", (item, at) => this.type(item, at, ["Evidence"]));
    this.schemas(credential);
    const status = this.object(credential, "credentialStatus", "", false);
    if (status) this.string(status, "type", "/credentialStatus", true);
    this.proofs(credential);
  }

  context(credential: Json): void {
    const value = credential["@context"];
    if (!this.present(value, "/@context", true)) return;
    if (!Array.isArray(value)) {
      this.problem("/@context", "must be an ordered list");
      return;
    }
    if (value[0] !== VC_V2_CONTEXT) this.problem("/@context/0", `must be "${VC_V2_CONTEXT}"`);
    if (value[1] !== OB_V3_CONTEXT) this.problem("/@context/1", `must be "${OB_V3_CONTEXT}"`);
    value.forEach((item, i) => {
      if (typeof item !== "string" && !isObject(item))
        this.problem(`/@context/${i}`, "must be a URI or an object");
    });
  }

  issuer(credential: Json): void {
    const value = credential.issuer;
    if (!this.present(value, "/issuer", true)) return;
    if (typeof value === "string") {
      if (!URI.test(value)) this.problem("/issuer", "must be a URI or a Profile");
      return;
    }
    if (!isObject(value)) {
      this.problem("/issuer", "must be a URI or a Profile");
      return;
    }
    this.profile(value, "/issuer");
  }

  profile(profile: Json, at: JsonPointer): void {
    this.uri(profile, "id", at, true);
    this.type(profile, at, ["Profile"]);
    this.string(profile, "name", at, false);
    this.uri(profile, "url", at, false);
    this.string(profile, "email", at, false);
  }

  subject(subject: Json, at: JsonPointer): void {
    this.type(subject, at, ["AchievementSubject"]);
    this.uri(subject, "id", at, false);
    const identifiers = subject.identifier;
    const hasIdentifier =
      (Array.isArray(identifiers) && identifiers.length > 0) || this.isHidden(`${at}/identifier`);
    if (subject.id === undefined && !this.isHidden(`${at}/id`) && !hasIdentifier) {
      this.problem(
        `${at}/id`,
        "is required when there is no identifier (OB 3.0: id or at least one identifier)",
      );
    }
    this.items(subject, "identifier", at, (item, p) => {
      if (this.present(item.type, `${p}/type`, true) && item.type !== "IdentityObject") {
        this.problem(`${p}/type`, 'must be "IdentityObject"');
      }
      if (this.present(item.hashed, `${p}/hashed`, true) && typeof item.hashed !== "boolean") {
        this.problem(`${p}/hashed`, "must be true or false");
      }
      this.string(item, "identityHash", p, true);
      this.term(item, "identityType", p, IDENTIFIER_TYPES, true);
      this.string(item, "salt", p, false);
    });
    const achievement = this.object(subject, "achievement", at, true);
    if (achievement) this.achievement(achievement, `${at}/achievement`);
    this.items(subject, "result", at, (item, p) => {
      this.type(item, p, ["Result"]);
      this.uri(item, "resultDescription", p, false);
      this.string(item, "value", p, false);
    });
    this.number(subject, "creditsEarned", at);
    this.dateTime(subject, "activityStartDate", at, false, false);
    this.dateTime(subject, "activityEndDate", at, false, false);
    const source = this.object(subject, "source", at, false);
    if (source) this.profile(source, `${at}/source`);
  }

  achievement(achievement: Json, at: JsonPointer): void {
    this.uri(achievement, "id", at, true);
    this.type(achievement, at, ["Achievement"]);
    this.string(achievement, "name", at, true);
    this.string(achievement, "description", at, true);
    const criteria = this.object(achievement, "criteria", at, true);
    if (criteria) {
      this.uri(criteria, "id", `${at}/criteria`, false);
      this.string(criteria, "narrative", `${at}/criteria`, false);
    }
    this.term(achievement, "achievementType", at, ACHIEVEMENT_TYPES, false);
    this.number(achievement, "creditsAvailable", at);
    const creator = this.object(achievement, "creator", at, false);
    if (creator) this.profile(creator, `${at}/creator`);
    this.items(achievement, "alignment", at, (item, p) => {
      this.type(item, p, ["Alignment"]);
      this.string(item, "targetName", p, true);
      this.uri(item, "targetUrl", p, true);
    });
    this.items(achievement, "resultDescription", at, (item, p) => {
      this.uri(item, "id", p, true);
      this.type(item, p, ["ResultDescription"]);
      this.string(item, "name", p, true);
      this.string(item, "resultType", p, true);
    });
    const tags = achievement.tag;
    if (tags !== undefined && !(Array.isArray(tags) && tags.every((t) => typeof t === "string"))) {
      this.problem(`${at}/tag`, "must be a list of strings");
    }
  }

  schemas(credential: Json): void {
    const value = credential.credentialSchema;
    if (!this.present(value, "/credentialSchema", false)) return;
    const list = Array.isArray(value) ? value : [value];
    const pointerOf = (i: number) =>
      Array.isArray(value) ? `/credentialSchema/${i}` : "/credentialSchema";
    list.forEach((item, i) => {
      if (!isObject(item)) {
        this.problem(pointerOf(i), "must be an object");
        return;
      }
      this.uri(item, "id", pointerOf(i), true);
      this.string(item, "type", pointerOf(i), true);
    });
    const hasObSchema = list.some(
      (item) =>
        isObject(item) &&
        item.id === OB_ACHIEVEMENT_CREDENTIAL_SCHEMA &&
        item.type === OB_SCHEMA_VALIDATOR_TYPE,
    );
    if (!hasObSchema && !this.isHidden("/credentialSchema")) {
      this.problem(
        "/credentialSchema",
        `must include {"id": "${OB_ACHIEVEMENT_CREDENTIAL_SCHEMA}", "type": "${OB_SCHEMA_VALIDATOR_TYPE}"}`,
      );
    }
  }

  proofs(credential: Json): void {
    const value = credential.proof;
    if (value === undefined) return;
    const list = Array.isArray(value) ? value : [value];
    list.forEach((item, i) => {
      const at = Array.isArray(value) ? `/proof/${i}` : "/proof";
      if (!isObject(item)) this.problem(at, "must be an object");
      else {
        this.string(item, "type", at, true);
        if (item.proofPurpose !== undefined && item.proofPurpose !== "assertionMethod") {
          this.problem(`${at}/proofPurpose`, 'must be "assertionMethod"');
        }
      }
    });
  }
}
