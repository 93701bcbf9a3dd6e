// The builder: one input record and its place in a batch become a credential file whose every
// claim is salted and whose credential digest is ready to be turned into a leaf. The batch root
// and the anchoring transaction come later (attachAnchor.ts): they are not known until every
// digest of the batch exists.
import { sha256 } from "@noble/hashes/sha2.js";
import type { Hex } from "viem";
import { bytesToHex } from "../hash/hex.ts";
import { type RandomSource, secureRandom } from "../random/index.ts";
import { toCaip2 } from "../values/index.ts";
import { canonicalJson } from "./canonicalJson.ts";
import { listClaimLeaves } from "./claims.ts";
import { commitClaims } from "./commitClaims.ts";
import {
  CONTEXTS_V1,
  CONTEXTS_V2,
  CRYPTOSUITE,
  CRYPTOSUITE_V2,
  MAX_BATCH_INDEX,
  MAX_CLAIMS,
  MAX_CREDENTIAL_BYTES,
  OB_ACHIEVEMENT_CREDENTIAL_SCHEMA,
  OB_SCHEMA_VALIDATOR_TYPE,
  PROOF_TYPE,
  SALT_BYTES,
  STATUS_PURPOSE,
  STATUS_TYPE,
  STATUS_TYPE_V2,
} from "./constants.ts";
import { CredentialInputError } from "./errors.ts";
import { dropUndefined } from "./fieldReader.ts";
import { issuerDid } from "./issuerId.ts";
import { comparePointers } from "./jsonPointer.ts";
import { utf8Bytes, utf8Length } from "./text.ts";
import type {
  Achievement,
  AchievementSubject,
  ClaimEntry,
  CredanchorCredentialV1,
  CredanchorCredentialV2,
  CredanchorStatus,
  Evidence,
  IdentityObject,
  IssuanceContext,
  IssuanceContextV2,
  IssuerProfile,
  Result,
  ResultDescription,
  StatusListEntryV2,
} from "./types.ts";
import { derivedUuidUrn, randomUuidUrn } from "./uuid.ts";
import {
  type NormalizedContext,
  type NormalizedRecord,
  validateIssuanceContext,
  validateRecord,
} from "./validateRecord.ts";

const SURROGATE = /[\uD800-\uDFFF]/;

export type BuildCredentialParams = {
  /** The input record (validated here; see CredentialRecord). */
  record: unknown;
  /** Position of the record in its batch: its leaf index and status-bitmap index. */
  index: number;
  /** What every credential of the batch shares (validated here; see IssuanceContext). */
  context: unknown;
  /** How errors name the record, e.g. "row 18"; defaults to "record <index>". */
  recordLabel?: string;
  /** Source of the credential UUID and all salts; defaults to crypto.getRandomValues. */
  random?: RandomSource;
};

/** What buildValidatedCredential takes: a record and a context already validated. */
export type ValidatedBuildParams = Omit<BuildCredentialParams, "record" | "context"> & {
  record: NormalizedRecord;
  context: NormalizedContext;
};

/** The document a builder salts: a credential of either version without its proof. */
type Unproven = Omit<CredanchorCredentialV1, "proof"> | Omit<CredanchorCredentialV2, "proof">;

/**
 * Validates one input record and its batch context, then builds the credential (see
 * buildValidatedCredential). For one-off use; a batch validates its context once
 * (validateIssuanceContext) and each record once (validateRecord), then calls
 * buildValidatedCredential.
 */
export function buildCredential(
  params: BuildCredentialParams & { context: IssuanceContextV2 },
): CredanchorCredentialV2;
/** A v1 context (typed as one, it must not carry the v2 fields: they would make a v2 file). */
export function buildCredential(
  params: BuildCredentialParams & { context: IssuanceContext },
): CredanchorCredentialV1;
export function buildCredential(
  params: BuildCredentialParams,
): CredanchorCredentialV1 | CredanchorCredentialV2 {
  const label = params.recordLabel ?? `record ${params.index}`;
  return buildValidatedCredential({
    ...params,
    context: validateIssuanceContext(params.context),
    record: validateRecord(params.record, label),
  });
}

/**
 * Builds a credential from one validated record: v2 when the context names the issuer's did:key
 * and the batch's status list, v1 otherwise. Randomness is drawn in a fixed order (credential
 * UUID, identity-hash salts in identifier order, then one claim salt per claim in pointer order,
 * drawn at once as consecutive 16-byte chunks), so a deterministic `random` reproduces a
 * credential exactly (used for test vectors).
 */
export function buildValidatedCredential(
  params: ValidatedBuildParams & { context: { v2: object } },
): CredanchorCredentialV2;
export function buildValidatedCredential(
  params: ValidatedBuildParams,
): CredanchorCredentialV1 | CredanchorCredentialV2;
export function buildValidatedCredential(
  params: ValidatedBuildParams,
): CredanchorCredentialV1 | CredanchorCredentialV2 {
  const { index, context, record } = params;
  const label = params.recordLabel ?? `record ${index}`;
  if (!Number.isSafeInteger(index) || index < 0 || index > MAX_BATCH_INDEX) {
    throw new CredentialInputError(
      "CREDENTIAL_FIELD_INVALID",
      label,
      "index",
      `must be an integer from 0 to ${MAX_BATCH_INDEX}`,
    );
  }
  const random = params.random ?? secureRandom;
  // The issuer account's did:pkh: v1's issuer.id, and in both versions the anchor proof's
  // verification method and the seed of derived achievement ids.
  const account = issuerDid(context.chainId, context.issuerAddress);
  const document: Unproven = assembleDocument(record, context, account, index, random);

  // The canonical form's length is JSON.stringify's: RFC 8785 only reorders members. Every value
  // is still canonicalised (and so checked) claim by claim below.
  const size = utf8Length(JSON.stringify(document));
  if (size > MAX_CREDENTIAL_BYTES) {
    throw new CredentialInputError(
      "CREDENTIAL_TOO_LARGE",
      label,
      "(record)",
      `makes a credential of ${size} bytes; the limit is ${MAX_CREDENTIAL_BYTES}`,
      {
        limit: MAX_CREDENTIAL_BYTES,
        actual: size,
      },
    );
  }
  const leaves = listClaimLeaves(document);
  // UTF-8 byte order is UTF-16 order unless a pointer holds a surrogate: then the slower compare.
  if (leaves.some((leaf) => SURROGATE.test(leaf.pointer))) {
    leaves.sort((a, b) => comparePointers(a.pointer, b.pointer));
  } else {
    leaves.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
  }
  if (leaves.length > MAX_CLAIMS) {
    throw new CredentialInputError(
      "CREDENTIAL_TOO_LARGE",
      label,
      "(record)",
      `makes ${leaves.length} claims; the limit is ${MAX_CLAIMS}`,
    );
  }
  // One draw for all salts: a CSPRNG call per claim costs more than the hashing.
  const saltBytes = random(SALT_BYTES * leaves.length);
  if (saltBytes.length !== SALT_BYTES * leaves.length) {
    throw new RangeError("random source returned too few bytes");
  }
  const claims: Record<string, ClaimEntry> = {};
  const saltHex = bytesToHex(saltBytes);
  const toCommit = leaves.map(({ pointer, value }, i) => {
    claims[pointer] = { salt: `0x${saltHex.slice(2 * SALT_BYTES * i, 2 * SALT_BYTES * (i + 1))}` };
    return { pointer, canonicalValue: canonicalJson(value) };
  });
  const digest: Hex = `0x${bytesToHex(commitClaims(toCommit, saltBytes))}`;
  const rest = {
    proofPurpose: "assertionMethod",
    verificationMethod: `${account}#blockchainAccountId`,
    credentialDigest: digest,
    claims,
  } as const;
  if (document.credentialStatus.type === STATUS_TYPE_V2) {
    const body = document as Omit<CredanchorCredentialV2, "proof">;
    return { ...body, proof: [{ type: PROOF_TYPE, cryptosuite: CRYPTOSUITE_V2, ...rest }] };
  }
  const body = document as Omit<CredanchorCredentialV1, "proof">;
  return { ...body, proof: { type: PROOF_TYPE, cryptosuite: CRYPTOSUITE, ...rest } };
}

function assembleDocument(
  record: NormalizedRecord,
  context: NormalizedContext,
  account: string,
  index: number,
  random: RandomSource,
): Unproven {
  const id = randomUuidUrn(random);
  const issuer = issuerProfile(context, account);
  // Derived from the account (not the v2 did:key), so the id outlives a key rotation.
  const achievement = achievementOf(record, account);
  return dropUndefined({
    "@context": [...(context.v2 === undefined ? CONTEXTS_V1 : CONTEXTS_V2)],
    id,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: achievement.name,
    issuer,
    validFrom: record.validFrom,
    validUntil: record.validUntil,
    credentialSubject: subjectOf(record, achievement, random),
    evidence: record.evidence?.map(
      (e): Evidence =>
        dropUndefined({
          id: e.id,
          type: ["Evidence"],
          name: e.name,
          description: e.description,
          narrative: e.narrative,
          genre: e.genre,
          audience: e.audience,
        }),
    ),
    credentialSchema: [{ id: OB_ACHIEVEMENT_CREDENTIAL_SCHEMA, type: OB_SCHEMA_VALIDATOR_TYPE }],
    credentialStatus: statusOf(context, index),
  }) as Unproven;
}

function statusOf(context: NormalizedContext, index: number): CredanchorStatus | StatusListEntryV2 {
  const slot = {
    chainId: toCaip2(context.chainId),
    registryAddress: context.registryAddress,
    issuerAddress: context.issuerAddress,
    credentialType: context.credentialType,
    batchIndex: index,
  };
  if (context.v2 === undefined) return { type: STATUS_TYPE, ...slot };
  const list = context.v2.statusListCredential;
  return {
    id: `${list}#${index}`,
    type: STATUS_TYPE_V2,
    statusPurpose: STATUS_PURPOSE,
    statusListIndex: String(index),
    statusListCredential: list,
    ...slot,
  };
}

function issuerProfile(context: NormalizedContext, account: string): IssuerProfile {
  const { name, url, email, description, image } = context.issuerProfile;
  return dropUndefined({
    id: context.v2?.issuerDid ?? account,
    type: ["Profile"],
    name,
    url,
    email,
    description,
    image: image === undefined ? undefined : { id: image, type: "Image" as const },
  });
}

function achievementOf(record: NormalizedRecord, issuerId: string): Achievement {
  const input = record.achievement;
  // The same for every holder of the achievement, so derived from stable names, never random.
  const id = input.id ?? derivedUuidUrn(`credanchor:achievement\n${issuerId}\n${input.name}`);
  const resultDescription = record.results?.map(
    (result): ResultDescription => ({
      id: derivedUuidUrn(`credanchor:result\n${id}\n${result.name}`),
      type: ["ResultDescription"],
      name: result.name,
      resultType: result.resultType ?? (result.value === undefined ? "Status" : "Result"),
    }),
  );
  return dropUndefined({
    id,
    type: ["Achievement"],
    name: input.name,
    description: input.description,
    criteria: dropUndefined({ id: input.criteriaUrl, narrative: input.criteria }),
    achievementType: input.achievementType,
    fieldOfStudy: input.fieldOfStudy,
    humanCode: input.humanCode,
    creditsAvailable: input.creditsAvailable,
    tag: input.tags,
    image: input.image === undefined ? undefined : { id: input.image, type: "Image" as const },
    resultDescription,
  });
}

function subjectOf(
  record: NormalizedRecord,
  achievement: Achievement,
  random: RandomSource,
): AchievementSubject {
  const identifier: IdentityObject[] = [
    {
      type: "IdentityObject",
      identityType: "name",
      hashed: false,
      identityHash: record.holderName,
    },
  ];
  for (const input of record.identifiers ?? []) {
    if ("identityHash" in input) {
      identifier.push(
        dropUndefined({
          type: "IdentityObject" as const,
          identityType: input.identityType,
          hashed: true,
          identityHash: input.identityHash,
          salt: input.salt,
        }),
      );
    } else if (input.hashed) {
      // OB 3.0 IdentityHash: "sha256$" + hex(sha256(identifier + salt)).
      const salt = bytesToHex(random(16));
      const hash = bytesToHex(sha256(utf8Bytes(input.value + salt)));
      identifier.push({
        type: "IdentityObject",
        identityType: input.identityType,
        hashed: true,
        identityHash: `sha256$${hash}`,
        salt,
      });
    } else {
      identifier.push({
        type: "IdentityObject",
        identityType: input.identityType,
        hashed: false,
        identityHash: input.value,
      });
    }
  }
  const result = record.results?.map(
    (input, i): Result =>
      dropUndefined({
        type: ["Result"],
        resultDescription: achievement.resultDescription?.[i]?.id,
        value: input.value,
        status: input.status,
      }),
  );
  return dropUndefined({
    id: record.subjectId,
    type: ["AchievementSubject"],
    identifier,
    achievement,
    result,
    creditsEarned: record.creditsEarned,
    term: record.term,
    activityStartDate: record.activityStartDate,
    activityEndDate: record.activityEndDate,
  });
}
