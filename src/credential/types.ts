// The credential files and the input records they are built from. Each format version has one
// file type: `CredanchorCredentialV1` (one proof object, CredanchorBatchStatus, did:pkh issuer) and
// `CredanchorCredentialV2` (a proof set, a BitstringStatusListEntry, did:key issuer); the JSON a
// holder keeps is exactly one of them, in its full form (every claim disclosed) or a disclosed form
// (some claims hidden, see disclose.ts). Fields a holder may hide are optional, and array items
// they hide are kept as `null` so pointers keep their meaning.
import type { Address, Hex } from "viem";
import type { DataIntegrityProof as SuiteProof } from "../dataIntegrity/index.ts";
import type {
  CRYPTOSUITE,
  CRYPTOSUITE_V2,
  PROOF_TYPE,
  STATUS_PURPOSE,
  STATUS_TYPE,
  STATUS_TYPE_V2,
} from "./constants.ts";

/** A JSON Pointer (RFC 6901) naming one claim, e.g. "/credentialSubject/achievement/name". */
export type JsonPointer = string;

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };

/** A disclosed claim: its value is in the document, its 128-bit salt is here. */
export type DisclosedClaim = { salt: Hex };
/** A hidden claim: its value is gone from the document, only its claim digest remains. */
export type HiddenClaim = { digest: Hex };
export type ClaimEntry = DisclosedClaim | HiddenClaim;

/** Where and how the batch holding this credential was anchored. Absent until anchoring. */
export type MerkleAnchor = {
  /** CAIP-2 chain id, equal to `credentialStatus.chainId`. */
  chainId: string;
  /** The CredentialRegistry, equal to `credentialStatus.registryAddress`. */
  registryAddress: Address;
  /** Root of the batch tree, equal to `credentialStatus.batchRoot`. */
  merkleRoot: Hex;
  /** Position of this credential's leaf, equal to `credentialStatus.batchIndex`. */
  leafIndex: number;
  /** Sibling hashes from the leaf up to the root (OpenZeppelin MerkleProof order). */
  merkleProof: Hex[];
  /** The transaction that anchored `merkleRoot`. */
  transactionHash: Hex;
  /** The block holding that transaction, when known; a hint for finding the event. */
  blockNumber?: number;
  /** CID of the batch manifest on IPFS, when known; a hint for rebuilding a lost proof. */
  manifestCid?: string;
  /**
   * Credentials in the batch, when known: a hint that lets a verifier hide the credential's
   * status word among decoys from the whole batch in one call. The chain's count is the truth.
   */
  leafCount?: number;
};

/**
 * The holder's link and key to the credential body sealed on IPFS when it was issued. Only a full
 * credential carries it: whoever holds the full file can read every claim anyway, while the key
 * would open claims a disclosed copy hides, so disclosure drops it.
 */
export type EncryptedCopy = {
  /** CID of the envelope (XChaCha20-Poly1305, see docs/format.md). */
  cid: string;
  /** The envelope's 32-byte key, 0x-hex: private to the holder. */
  key: Hex;
};

/** The v1 `proof` member: salts and digests of every claim, and the anchor. */
export type CredanchorProof = {
  type: typeof PROOF_TYPE;
  cryptosuite: typeof CRYPTOSUITE;
  proofPurpose: "assertionMethod";
  /** The issuer's account, `<issuer did:pkh>#blockchainAccountId`. */
  verificationMethod: string;
  /** keccak256 commitment to every claim; the value the batch leaf is computed from. */
  credentialDigest: Hex;
  /** One entry per claim of the credential, keyed by the claim's JSON Pointer. */
  claims: Record<JsonPointer, ClaimEntry>;
  anchor?: MerkleAnchor;
  encryptedCopy?: EncryptedCopy;
};

/**
 * The v2 anchor proof, first item of `proof`: the v1 proof's members under the v2 cryptosuite,
 * plus `created`, the anchoring block's time (our verifier checks it against the chain).
 */
export type AnchorProof = Omit<CredanchorProof, "cryptosuite"> & {
  cryptosuite: typeof CRYPTOSUITE_V2;
  /** The anchoring block's timestamp, `YYYY-MM-DDThh:mm:ssZ`. Absent until anchoring. */
  created?: string;
};

/**
 * The issuer's eddsa-rdfc-2022 signature over the whole document without `proof` (every claim
 * and the batch root), made after anchoring. Only a full v2 file carries it. The suite's proof
 * (src/dataIntegrity), as a v2 file always has it: dated (equal to the anchor proof's `created`)
 * and for assertion; `verificationMethod` is `<issuer did:key>#<its multibase key>`.
 */
export type DataIntegrityProof = SuiteProof & {
  created: string;
  proofPurpose: "assertionMethod";
};

/** The v2 `proof` member: the anchor proof, then (full files only) the issuer's signature. */
export type ProofSetV2 = [AnchorProof] | [AnchorProof, DataIntegrityProof];

/** The v1 `credentialStatus` member: a slot in a CredentialRegistry. */
export type CredanchorStatus = {
  type: typeof STATUS_TYPE;
  /** CAIP-2 chain id, e.g. "eip155:8453". */
  chainId: string;
  registryAddress: Address;
  /** The issuer account the batch is anchored under (EIP-55 checksummed). */
  issuerAddress: Address;
  /** The credential type name; its on-chain bytes20 is `credentialTypeId(credentialType)`. */
  credentialType: string;
  /** Index of this credential in its batch: the leaf index and the status-bitmap index. */
  batchIndex: number;
  /** Root of the batch; not a claim (see docs/format.md). Absent until anchoring. */
  batchRoot?: Hex;
};

/**
 * The v2 `credentialStatus` member: a BitstringStatusListEntry (the batch's published revocation
 * list, for standard verifiers) carrying the v1 slot members (for ours, which reads the chain).
 */
export type StatusListEntryV2 = Omit<CredanchorStatus, "type"> & {
  /** `<statusListCredential>#<batchIndex>`. */
  id: string;
  type: typeof STATUS_TYPE_V2;
  statusPurpose: typeof STATUS_PURPOSE;
  /** `String(batchIndex)`. */
  statusListIndex: string;
  /** The https URL of the batch's signed status list. */
  statusListCredential: string;
};

export type Image = { id: string; type: "Image"; caption?: string };

export type IssuerProfile = {
  /** v1: `did:pkh:eip155:<chainId>:<issuerAddress>`; v2: the issuer's `did:key` (Ed25519). */
  id: string;
  type: string[];
  name: string;
  url?: string;
  email?: string;
  description?: string;
  image?: Image;
};

export type Criteria = { id?: string; narrative?: string };

export type ResultDescription = {
  id: string;
  type: string[];
  name: string;
  resultType: string;
};

export type Achievement = {
  id: string;
  type: string[];
  name: string;
  description: string;
  criteria: Criteria;
  achievementType?: string;
  fieldOfStudy?: string;
  humanCode?: string;
  creditsAvailable?: number;
  tag?: string[];
  image?: Image;
  resultDescription?: ResultDescription[];
};

export type IdentityObject = {
  type?: "IdentityObject";
  identityType?: string;
  hashed?: boolean;
  identityHash?: string;
  salt?: string;
};

export type Result = {
  type?: string[];
  resultDescription?: string;
  value?: string;
  status?: string;
};

export type Evidence = {
  id?: string;
  type?: string[];
  name?: string;
  description?: string;
  narrative?: string;
  genre?: string;
  audience?: string;
};

export type AchievementSubject = {
  id?: string;
  type: string[];
  identifier?: Array<IdentityObject | null>;
  achievement: Achievement;
  result?: Array<Result | null>;
  creditsEarned?: number;
  term?: string;
  activityStartDate?: string;
  activityEndDate?: string;
};

export type CredentialSchema = { id: string; type: string };

/** A v1 credential file: a W3C VC 2.0 that is an Open Badges 3.0 OpenBadgeCredential. */
export type CredanchorCredentialV1 = {
  "@context": string[];
  /** `urn:uuid:<random v4 UUID>`. */
  id: string;
  type: string[];
  name: string;
  issuer: IssuerProfile;
  validFrom: string;
  validUntil?: string;
  credentialSubject: AchievementSubject;
  evidence?: Array<Evidence | null>;
  credentialSchema: CredentialSchema[];
  credentialStatus: CredanchorStatus;
  proof: CredanchorProof;
};

/** A v2 credential file: the v1 body with standard proofs and status (docs/format.md). */
export type CredanchorCredentialV2 = Omit<CredanchorCredentialV1, "credentialStatus" | "proof"> & {
  credentialStatus: StatusListEntryV2;
  proof: ProofSetV2;
};

/**
 * The name the v1 pipeline (issuer, recovery, shred, status commands) types its files with; it
 * becomes `CredanchorCredentialV1 | CredanchorCredentialV2` when the pipeline issues v2.
 */
export type CredanchorCredential = CredanchorCredentialV1;

/** Either version of a credanchor credential file. */
export type AnyCredanchorCredential = CredanchorCredentialV1 | CredanchorCredentialV2;

// ---------------------------------------------------------------------------------------------
// Input records: what a registrar's export row becomes before it is a credential.

/** A recipient identifier given in clear; `hashed: true` stores it as an OB 3.0 IdentityHash. */
export type PlainIdentifierInput = { identityType: string; value: string; hashed?: boolean };
/** A recipient identifier already hashed by the source system (`sha256$<hex>` or `md5$<hex>`). */
export type HashedIdentifierInput = { identityType: string; identityHash: string; salt?: string };
export type IdentifierInput = PlainIdentifierInput | HashedIdentifierInput;

export type AchievementInput = {
  /** URI of the achievement definition; derived from the issuer and name when absent. */
  id?: string;
  name: string;
  description: string;
  /** Markdown narrative of what earning it takes. At least one of criteria/criteriaUrl. */
  criteria?: string;
  criteriaUrl?: string;
  /** OB 3.0 AchievementType, e.g. "Degree", or "ext:..." */
  achievementType?: string;
  fieldOfStudy?: string;
  humanCode?: string;
  creditsAvailable?: number;
  tags?: string[];
  image?: string;
};

export type ResultInput = {
  /** Name of the result, e.g. "Final grade"; one ResultDescription per distinct name. */
  name: string;
  value?: string;
  status?: string;
  /** OB 3.0 ResultType; defaults to "Status" for a status result, else "Result". */
  resultType?: string;
};

export type EvidenceInput = {
  id?: string;
  name?: string;
  description?: string;
  narrative?: string;
  genre?: string;
  audience?: string;
};

/** One row of a batch: everything an issuer says about one holder's achievement. */
export type CredentialRecord = {
  holderName: string;
  /** A URI or DID the holder is known by; becomes `credentialSubject.id`. */
  subjectId?: string;
  identifiers?: IdentifierInput[];
  achievement: AchievementInput;
  /** ISO 8601 date (YYYY-MM-DD, read as UTC midnight) or date-time with zone. */
  validFrom: string;
  validUntil?: string;
  results?: ResultInput[];
  evidence?: EvidenceInput[];
  creditsEarned?: number;
  term?: string;
  activityStartDate?: string;
  activityEndDate?: string;
};

/** What is the same for every credential of a v1 batch. */
export type IssuanceContext = {
  /** EVM chain id of the chain the batch is anchored on. */
  chainId: number;
  registryAddress: Address;
  issuerAddress: Address;
  /** Credential type name the batch is anchored under (e.g. "BachelorDegree"). */
  credentialType: string;
  issuerProfile: {
    name: string;
    url?: string;
    email?: string;
    description?: string;
    image?: string;
  };
};

/** What is the same for every credential of a v2 batch: the v1 context, the key and the list. */
export type IssuanceContextV2 = IssuanceContext & {
  /** The issuer's Ed25519 `did:key`, declared on chain by the issuer account. */
  issuerDid: string;
  /** The https URL the batch's status list is published at. */
  statusListCredential: string;
};
