// The builder: one input record and its place in a batch become a credential file whose every
// claim is salted and whose credential digest is ready to be turned into a leaf. The batch root
// and the anchoring transaction come later (attachAnchor.ts): they are not known until every
// digest of the batch exists.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { Hex } from "viem";
import { canonicalJson } from "./canonicalJson.ts";
import { listClaimLeaves } from "./claims.ts";
import { commitClaims } from "./commitClaims.ts";
import {
  CRYPTOSUITE,
  MAX_BATCH_INDEX,
  MAX_CLAIMS,
  MAX_CREDENTIAL_BYTES,
  OB_ACHIEVEMENT_CREDENTIAL_SCHEMA,
  OB_SCHEMA_VALIDATOR_TYPE,
  OB_V3_CONTEXT,
  PROOF_TYPE,
  SALT_BYTES,
  STATUS_TYPE,
  VC_V2_CONTEXT,
} from "./constants.ts";
import { CredentialInputError } from "./errors.ts";
import { caip2ChainId, issuerDid } from "./issuerId.ts";
import { comparePointers } from "./jsonPointer.ts";
import { type RandomSource, secureRandom } from "./salt.ts";
import { utf8Bytes, utf8Length } from "./text.ts";
import type {
  Achievement,
  AchievementSubject,
  ClaimEntry,
  CredanchorCredential,
  Evidence,
  IdentityObject,
  IssuerProfile,
  Result,
  ResultDescription,
} from "./types.ts";
import { derivedUuidUrn, randomUuidUrn } from "./uuid.ts";
import {
  dropUndefined,
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

/**
 * Builds a credential from one input record. Randomness is drawn in a fixed order (credential
 * UUID, identity-hash salts in identifier order, then one claim salt per claim in pointer
 * order, drawn at once as consecutive 16-byte chunks), so a deterministic `random` reproduces a credential exactly (used for test vectors).
 */
export function buildCredential(params: BuildCredentialParams): CredanchorCredential {
  const { index } = params;
  const label = params.recordLabel ?? `record ${index}`;
  if (!Number.isSafeInteger(index) || index < 0 || index > MAX_BATCH_INDEX) {
    throw new CredentialInputError(
      "CREDENTIAL_FIELD_INVALID",
      label,
      "index",
      `must be an integer from 0 to ${MAX_BATCH_INDEX}`,
    );
  }
  const context = validateIssuanceContext(params.context);
  const record = validateRecord(params.record, label);
  const random = params.random ?? secureRandom;
  const document = assembleDocument(record, context, index, random);

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
  return {
    ...document,
    proof: {
      type: PROOF_TYPE,
      cryptosuite: CRYPTOSUITE,
      proofPurpose: "assertionMethod",
      verificationMethod: `${document.issuer.id}#blockchainAccountId`,
      credentialDigest: digest,
      claims,
    },
  };
}

function assembleDocument(
  record: NormalizedRecord,
  context: NormalizedContext,
  index: number,
  random: RandomSource,
): Omit<CredanchorCredential, "proof"> {
  const id = randomUuidUrn(random);
  const issuer = issuerProfile(context);
  const achievement = achievementOf(record, issuer.id);
  return dropUndefined({
    "@context": [VC_V2_CONTEXT, OB_V3_CONTEXT],
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
    credentialStatus: {
      type: STATUS_TYPE,
      chainId: caip2ChainId(context.chainId),
      registryAddress: context.registryAddress,
      issuerAddress: context.issuerAddress,
      credentialType: context.credentialType,
      batchIndex: index,
    },
  });
}

function issuerProfile(context: NormalizedContext): IssuerProfile {
  const { name, url, email, description, image } = context.issuerProfile;
  return dropUndefined({
    id: issuerDid(context.chainId, context.issuerAddress),
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
