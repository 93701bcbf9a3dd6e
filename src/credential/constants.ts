// The fixed names and numbers of the credential format (docs/format.md). Changing any of them
// changes what a credential digest means, so each is versioned through CRYPTOSUITE.

/** W3C Verifiable Credentials Data Model 2.0 base context; first item of every `@context`. */
export const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";
/** Open Badges 3.0 context; the OB 3.0 data model requires it as the second `@context` item. */
export const OB_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/** Open Badges 3.0 extensions context; third `@context` item of a v2 credential. */
export const OB_EXTENSIONS_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";
/** The credanchor JSON-LD context (shipped as data, never fetched); last `@context` item of v2. */
export const CREDANCHOR_CONTEXT_URL = "https://w3id.org/credanchor/v2";
/** `@context` of a v1 credential, in order (the OB 3.0 data model requires these two first). */
export const CONTEXTS_V1: readonly string[] = [VC_V2_CONTEXT, OB_V3_CONTEXT];
/** `@context` of a v2 credential: exactly these four, in this order. */
export const CONTEXTS_V2: readonly string[] = [
  VC_V2_CONTEXT,
  OB_V3_CONTEXT,
  OB_EXTENSIONS_CONTEXT,
  CREDANCHOR_CONTEXT_URL,
];
/** The JSON Schema OB 3.0 publishes for AchievementCredential, named in `credentialSchema`. */
export const OB_ACHIEVEMENT_CREDENTIAL_SCHEMA =
  "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";
export const OB_SCHEMA_VALIDATOR_TYPE = "1EdTechJsonSchemaValidator2019";

/** v1 `credentialStatus.type`: a slot (issuer, root, index) in a CredentialRegistry. */
export const STATUS_TYPE = "CredanchorBatchStatus";
/**
 * v2 `credentialStatus.type`: a W3C Bitstring Status List entry (the batch's published list) that
 * keeps the credanchor members, so our verifier still reads the slot on chain.
 */
export const STATUS_TYPE_V2 = "BitstringStatusListEntry";
/** The only `statusPurpose` a v2 credential has: suspension stays on chain (docs/format.md). */
export const STATUS_PURPOSE = "revocation";
/** `type` of the anchor proof (v1: the `proof` member; v2: the first item of `proof`). */
export const PROOF_TYPE = "CredanchorMerkleProof";
/** Names the claim-digest and credential-digest rules of docs/format.md, version 1. */
export const CRYPTOSUITE = "credanchor-keccak-jcs-v1";
/** The same digest rules in the v2 file layout (proof set, status list entry, did:key issuer). */
export const CRYPTOSUITE_V2 = "credanchor-keccak-jcs-v2";
/** The W3C Data Integrity proof a v2 full file carries after the anchor proof. */
export const DATA_INTEGRITY_PROOF_TYPE = "DataIntegrityProof";
/** The only Data Integrity cryptosuite credanchor signs with and reads. */
export const EDDSA_CRYPTOSUITE = "eddsa-rdfc-2022";

/** Bytes of randomness in each claim salt (128 bits). */
export const SALT_BYTES = 16;

/** Largest UTF-8 size of one input field, and of one claim value in a credential. */
export const MAX_FIELD_BYTES = 4 * 1024;
/** Largest RFC 8785 size of a credential document without its `proof` member. */
export const MAX_CREDENTIAL_BYTES = 64 * 1024;
/** Most claims one credential may carry (a verifier refuses more before hashing anything). */
export const MAX_CLAIMS = 4096;
/** Deepest nesting a verifier walks in an untrusted file. */
export const MAX_DEPTH = 32;
/** Most entries in one list of an input record (identifiers, results, evidence, tags). */
export const MAX_LIST_ITEMS = 64;
/** Largest leaf index a batch can hold: CredentialRegistry counts leaves in a uint32. */
export const MAX_BATCH_INDEX = 2 ** 32 - 2;

/**
 * Members of the document that are not claims. `/proof` carries the salts, digests and anchor;
 * the batch root cannot be committed to by the digest it is computed from, so it is proven by
 * inclusion and by the on-chain anchor instead.
 */
export const PROOF_POINTER = "/proof";
export const BATCH_ROOT_POINTER = "/credentialStatus/batchRoot";

/**
 * Claims at or under these pointers are always disclosed: who issued it, what it is, until when
 * it is valid, where its status lives, and the achievement (the same for every holder, so never
 * personal). A holder may hide only what the credential says about them, and the award date.
 * `validUntil` stays: whether a credential has expired is what a verifier must be able to judge.
 */
export const ALWAYS_DISCLOSED: readonly string[] = [
  "/@context",
  "/id",
  "/type",
  "/name",
  "/issuer",
  "/validUntil",
  "/credentialSchema",
  "/credentialStatus",
  "/credentialSubject/type",
  "/credentialSubject/achievement",
];

/**
 * The award date. A holder may hide it (the degree but not the year, against age
 * discrimination), so it is not always disclosed; but a verifier expects it, so disclose() shows
 * it unless the holder names it in `hide`.
 */
export const AWARD_DATE_POINTER = "/validFrom";

/** Claims disclose() shows unless the holder asks to hide them; they may be hidden. */
export const DISCLOSED_UNLESS_HIDDEN: readonly string[] = [AWARD_DATE_POINTER];

/** OB 3.0 AchievementType terms; other values must start with "ext:". */
export const ACHIEVEMENT_TYPES: readonly string[] = [
  "Achievement",
  "ApprenticeshipCertificate",
  "Assessment",
  "Assignment",
  "AssociateDegree",
  "Award",
  "Badge",
  "BachelorDegree",
  "Certificate",
  "CertificateOfCompletion",
  "Certification",
  "CommunityService",
  "Competency",
  "Course",
  "CoCurricular",
  "Degree",
  "Diploma",
  "DoctoralDegree",
  "Fieldwork",
  "GeneralEducationDevelopment",
  "JourneymanCertificate",
  "LearningProgram",
  "License",
  "Membership",
  "ProfessionalDoctorate",
  "QualityAssuranceCredential",
  "MasterCertificate",
  "MasterDegree",
  "MicroCredential",
  "ResearchDoctorate",
  "SecondarySchoolDiploma",
];

/** OB 3.0 IdentifierTypeEnum terms; other values must start with "ext:". */
export const IDENTIFIER_TYPES: readonly string[] = [
  "name",
  "sourcedId",
  "systemId",
  "productId",
  "userName",
  "accountId",
  "emailAddress",
  "nationalIdentityNumber",
  "isbn",
  "issn",
  "lisSourcedId",
  "oneRosterSourcedId",
  "sisSourcedId",
  "ltiContextId",
  "ltiDeploymentId",
  "ltiToolId",
  "ltiPlatformId",
  "ltiUserId",
  "identifier",
];

/** OB 3.0 ResultType terms; other values must start with "ext:". */
export const RESULT_TYPES: readonly string[] = [
  "GradePointAverage",
  "LetterGrade",
  "Percent",
  "PerformanceLevel",
  "PredictedScore",
  "RawScore",
  "Result",
  "RubricCriterion",
  "RubricCriterionLevel",
  "RubricScore",
  "ScaledScore",
  "Status",
];

/** OB 3.0 ResultStatusType terms (closed vocabulary). */
export const RESULT_STATUSES: readonly string[] = [
  "Completed",
  "Enrolled",
  "Failed",
  "InProgress",
  "OnHold",
  "Provisional",
  "Withdrew",
];

/** A CID as text: CIDv1 in base32 (what credanchor writes) or a CIDv0. */
export const CID_TEXT = /^(b[a-z2-7]{58,100}|Qm[1-9A-HJ-NP-Za-km-z]{44})$/;
