// The one reader of credential files (after parseCredentialJson): it tells a v1 credanchor file
// (one proof object, CredanchorBatchStatus, did:pkh issuer), a v2 one (a proof set, a
// BitstringStatusListEntry, a did:key issuer) and another issuer's signed VC ("foreign") apart,
// and types what each carries. It checks only what it types (layout, suites, status slot, issuer
// key): claims, digests, proof members and the exact format rules are verifyIntegrity's, the
// signature and the chain are the verifier's.
import { type Address, getAddress, type Hex } from "viem";
import { chainIdOfCaip2, isAddress, isBytes32, isObject } from "../values/index.ts";
import {
  CREDANCHOR_CONTEXT_URL,
  CRYPTOSUITE,
  CRYPTOSUITE_V2,
  DATA_INTEGRITY_PROOF_TYPE,
  EDDSA_CRYPTOSUITE,
  MAX_BATCH_INDEX,
  PROOF_TYPE,
  STATUS_TYPE,
  STATUS_TYPE_V2,
  VC_V2_CONTEXT,
} from "./constants.ts";
import { credentialTypeId } from "./credentialType.ts";
import { CredentialFormatError, type FormatProblem } from "./errors.ts";
import { ed25519KeyOfDidKey, isChecksummedAddress, isLowerBytes32 } from "./formatV2.ts";
import type {
  AnchorProof,
  CredanchorCredentialV1,
  CredanchorCredentialV2,
  CredanchorProof,
  DataIntegrityProof,
} from "./types.ts";

type Json = Record<string, unknown>;

/** Which layout a file has: a credanchor v1 or v2 file, or another issuer's signed VC. */
export type CredentialVersion = 1 | 2 | "foreign";

/** The proofs of a file as its layout places them, before anything in them is checked. */
export type ProofLayout =
  | { version: 1; anchorProof: Json }
  | { version: 2; anchorProof: Json; dataIntegrityProof: Json | undefined; proofs: unknown[] }
  | { version: "foreign"; dataIntegrityProof: Json; proofs: unknown[] };

/** Where a credanchor credential's status lives on chain: the credentialStatus slot, typed. */
export type AnchorSlot = {
  /** CAIP-2 chain id as the file writes it, e.g. "eip155:8453". */
  caip2: string;
  chainId: number;
  registryAddress: Address;
  issuerAddress: Address;
  credentialType: string;
  /** credentialTypeId(credentialType): what the batch must be anchored under. */
  typeId: Hex;
  batchIndex: number;
  /** Absent while the credential's batch is not anchored. */
  batchRoot: Hex | undefined;
};

/** A W3C Bitstring Status List entry of another issuer's credential. */
export type StatusListEntry = {
  id?: string;
  type: typeof STATUS_TYPE_V2;
  statusPurpose: string;
  statusListIndex: string;
  statusListCredential: string;
  statusSize?: number;
};

/** Another issuer's Data Integrity proof, as far as the reader types it. */
export type ForeignDataIntegrityProof = {
  type: typeof DATA_INTEGRITY_PROOF_TYPE;
  cryptosuite: typeof EDDSA_CRYPTOSUITE;
  verificationMethod: string;
  proofPurpose: string;
  proofValue: string;
  created?: string;
};

/** Another issuer's VC 2.0 / OB 3.0 credential: typed no further than the members read here. */
export type ForeignCredential = Json & { issuer: string | (Json & { id: string }) };

/** What a credential file is and carries. */
export type CredentialReading =
  | {
      version: 1;
      /** "disclosed" when the holder hid any claim. */
      form: "full" | "disclosed";
      credential: CredanchorCredentialV1;
      anchorProof: CredanchorProof;
      status: AnchorSlot;
    }
  | {
      version: 2;
      form: "full" | "disclosed";
      credential: CredanchorCredentialV2;
      anchorProof: AnchorProof;
      /** The issuer's signature; only a full file carries it, and only once signed. */
      dataIntegrityProof: DataIntegrityProof | undefined;
      status: AnchorSlot;
      /** issuer.id: the Ed25519 did:key the signature must verify under (declared on chain). */
      issuerKey: string;
    }
  | {
      version: "foreign";
      form: "full";
      credential: ForeignCredential;
      /** The eddsa-rdfc-2022 proof (the verifier checks it; the reader only finds it). */
      dataIntegrityProof: ForeignDataIntegrityProof;
      /** The BitstringStatusListEntry items of `credentialStatus` (none when it has none). */
      statusListEntries: StatusListEntry[];
      /** True when `credentialStatus` holds a status of another type (unverifiable, 16.6). */
      otherStatus: boolean;
      /** issuer.id (or issuer, when it is a string). */
      issuerId: string;
    };

const isAnchorProof = (item: unknown): item is Json => isObject(item) && item.type === PROOF_TYPE;
const isDataIntegrityProof = (item: unknown): item is Json =>
  isObject(item) && item.type === DATA_INTEGRITY_PROOF_TYPE;

/**
 * The layout of `value` by its `proof` member: v1 (an object that is not a Data Integrity
 * proof), v2 (a set holding a CredanchorMerkleProof), foreign (Data Integrity proofs only), or
 * undefined. Never throws; integrity and structure checks build on it.
 */
export function proofLayoutOf(value: unknown): ProofLayout | undefined {
  if (!isObject(value)) return undefined;
  const proof = value.proof;
  if (isObject(proof)) {
    if (isDataIntegrityProof(proof))
      return { version: "foreign", dataIntegrityProof: proof, proofs: [proof] };
    return { version: 1, anchorProof: proof };
  }
  if (!Array.isArray(proof)) return undefined;
  const anchorProof = proof.find(isAnchorProof);
  const dataIntegrityProof = proof.find(isDataIntegrityProof);
  if (anchorProof !== undefined)
    return { version: 2, anchorProof, dataIntegrityProof, proofs: proof };
  if (dataIntegrityProof !== undefined)
    return { version: "foreign", dataIntegrityProof, proofs: proof };
  return undefined;
}

/**
 * Reads a parsed credential file (parseCredentialJson's value): its layout, form, proofs, status
 * slot and issuer key, typed. Throws CredentialFormatError naming `source` and every problem
 * (at its JSON Pointer) when the value is none of the layouts or what it types is malformed.
 */
export function readCredential(value: unknown, source = "credential"): CredentialReading {
  const problems: FormatProblem[] = [];
  const problem = (pointer: string, message: string) => problems.push({ pointer, message });
  const layout = proofLayoutOf(value);
  if (layout === undefined || !isObject(value)) {
    problem(
      "/proof",
      "is not a credanchor proof (v1 object or v2 set) nor a Data Integrity proof: this is not a credential this verifier reads",
    );
    throw new CredentialFormatError(source, problems);
  }
  if (layout.version === "foreign") return readForeign(value, layout, source);

  const status = readAnchorSlot(value, layout.version, problem);
  const claims = layout.anchorProof.claims;
  if (!isObject(claims)) problem(`${anchorProofPointer(layout)}/claims`, "must be an object");
  const form =
    isObject(claims) && Object.values(claims).some((entry) => isObject(entry) && "digest" in entry)
      ? "disclosed"
      : "full";
  const suite = layout.version === 1 ? CRYPTOSUITE : CRYPTOSUITE_V2;
  if (layout.anchorProof.cryptosuite !== suite) {
    problem(
      `${anchorProofPointer(layout)}/cryptosuite`,
      `must be "${suite}" in a v${layout.version} file`,
    );
  }
  if (layout.version === 1) {
    if (problems.length > 0 || status === undefined)
      throw new CredentialFormatError(source, problems);
    return {
      version: 1,
      form,
      credential: value as unknown as CredanchorCredentialV1,
      anchorProof: layout.anchorProof as unknown as CredanchorProof,
      status,
    };
  }
  const issuerKey = isObject(value.issuer) ? value.issuer.id : undefined;
  if (typeof issuerKey !== "string" || ed25519KeyOfDidKey(issuerKey) === undefined)
    problem("/issuer/id", "must be the issuer's Ed25519 did:key (did:key:z6Mk…) in a v2 file");
  if (
    layout.dataIntegrityProof !== undefined &&
    layout.dataIntegrityProof.cryptosuite !== EDDSA_CRYPTOSUITE
  ) {
    problem(
      `/proof/${layout.proofs.indexOf(layout.dataIntegrityProof)}/cryptosuite`,
      `must be "${EDDSA_CRYPTOSUITE}"`,
    );
  }
  if (problems.length > 0 || status === undefined)
    throw new CredentialFormatError(source, problems);
  return {
    version: 2,
    form,
    credential: value as unknown as CredanchorCredentialV2,
    anchorProof: layout.anchorProof as unknown as AnchorProof,
    dataIntegrityProof: layout.dataIntegrityProof as unknown as DataIntegrityProof | undefined,
    status,
    issuerKey: issuerKey as string,
  };
}

function anchorProofPointer(layout: ProofLayout & { version: 1 | 2 }): string {
  return layout.version === 1 ? "/proof" : `/proof/${layout.proofs.indexOf(layout.anchorProof)}`;
}

/**
 * The status slot. v1 files keep verifying as v1 verifiers read them: addresses and the root in
 * any case of hex. v2 has one hex rule: addresses exactly EIP-55, the root lowercase.
 */
function readAnchorSlot(
  credential: Json,
  version: 1 | 2,
  problem: (pointer: string, message: string) => void,
): AnchorSlot | undefined {
  const status = credential.credentialStatus;
  if (!isObject(status)) {
    problem("/credentialStatus", "is missing or not an object");
    return undefined;
  }
  const before = { count: 0 };
  const fail = (member: string, message: string) => {
    before.count++;
    problem(`/credentialStatus/${member}`, message);
  };
  const type = version === 1 ? STATUS_TYPE : STATUS_TYPE_V2;
  if (status.type !== type) fail("type", `must be "${type}" in a v${version} file`);
  const caip2 = status.chainId;
  const chainId = typeof caip2 === "string" ? chainIdOfCaip2(caip2) : undefined;
  if (chainId === undefined) fail("chainId", 'must be a CAIP-2 EVM chain id, e.g. "eip155:8453"');
  const address = (member: string): Address | undefined => {
    const value = status[member];
    const ok = version === 1 ? isAddress(value) : isChecksummedAddress(value);
    if (!ok) {
      fail(
        member,
        version === 1
          ? "must be an address (0x and 40 hex digits)"
          : "must be an address in EIP-55 checksummed form",
      );
      return undefined;
    }
    return getAddress(value as string);
  };
  const registryAddress = address("registryAddress");
  const issuerAddress = address("issuerAddress");
  const credentialType = status.credentialType;
  let typeId: Hex | undefined;
  try {
    typeId = credentialTypeId(credentialType as string);
  } catch (error) {
    fail("credentialType", (error as Error).message);
  }
  const index = status.batchIndex;
  if (!Number.isSafeInteger(index) || (index as number) < 0 || (index as number) > MAX_BATCH_INDEX)
    fail("batchIndex", `must be an integer from 0 to ${MAX_BATCH_INDEX}`);
  const root = status.batchRoot;
  if (root !== undefined) {
    const ok = version === 1 ? isBytes32(root) : isLowerBytes32(root);
    if (!ok) fail("batchRoot", `must be 0x and 64 ${version === 1 ? "" : "lowercase "}hex digits`);
  }
  if (before.count > 0) return undefined;
  return {
    caip2: caip2 as string,
    chainId: chainId!,
    registryAddress: registryAddress!,
    issuerAddress: issuerAddress!,
    credentialType: credentialType as string,
    typeId: typeId!,
    batchIndex: index as number,
    batchRoot: root as Hex | undefined,
  };
}

/** Another issuer's VC 2.0: its context, issuer, eddsa proof and status list entry, typed. */
function readForeign(
  credential: Json,
  layout: ProofLayout & { version: "foreign" },
  source: string,
): CredentialReading {
  const problems: FormatProblem[] = [];
  const problem = (pointer: string, message: string) => problems.push({ pointer, message });
  const context = credential["@context"];
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT)
    problem("/@context/0", `must be "${VC_V2_CONTEXT}" (a Verifiable Credential 2.0)`);
  const issuer = credential.issuer;
  const issuerId = typeof issuer === "string" ? issuer : isObject(issuer) ? issuer.id : undefined;
  if (typeof issuerId !== "string" || issuerId === "")
    problem("/issuer", "must be the issuer's id, or a Profile with an id");
  const eddsa = layout.proofs.filter(
    (item) => isDataIntegrityProof(item) && item.cryptosuite === EDDSA_CRYPTOSUITE,
  ) as Json[];
  const at = (item: unknown) =>
    Array.isArray(credential.proof) ? `/proof/${layout.proofs.indexOf(item)}` : "/proof";
  if (eddsa.length !== 1) {
    problem(
      "/proof",
      eddsa.length === 0
        ? `holds no "${EDDSA_CRYPTOSUITE}" DataIntegrityProof, the only suite this verifier checks`
        : `holds ${eddsa.length} "${EDDSA_CRYPTOSUITE}" proofs; this verifier checks a credential with one`,
    );
  }
  const proof = eddsa[0];
  if (proof !== undefined) {
    for (const member of ["verificationMethod", "proofPurpose", "proofValue"]) {
      if (typeof proof[member] !== "string") problem(`${at(proof)}/${member}`, "must be a string");
    }
    if (proof.created !== undefined && typeof proof.created !== "string")
      problem(`${at(proof)}/created`, "must be a date-time string");
  }
  if (proof !== undefined && proof.proofPurpose !== "assertionMethod")
    problem(`${at(proof)}/proofPurpose`, 'must be "assertionMethod"');
  // A credanchor file stripped of its anchor proof must not pass as another issuer's: it would
  // then be judged by its published list alone, which does not carry suspension.
  if (Array.isArray(context) && context.includes(CREDANCHOR_CONTEXT_URL)) {
    problems.push({
      pointer: "/proof",
      message:
        "holds no CredanchorMerkleProof, yet the credential names the credanchor context: its anchor proof was removed",
      code: "ANCHOR_PROOF_MISSING",
    });
  }
  const statuses = credential.credentialStatus;
  const items = statuses === undefined ? [] : Array.isArray(statuses) ? statuses : [statuses];
  const statusListEntries: StatusListEntry[] = [];
  let otherStatus = false;
  items.forEach((item, i) => {
    const pointer = Array.isArray(statuses) ? `/credentialStatus/${i}` : "/credentialStatus";
    if (!isObject(item) || item.type !== STATUS_TYPE_V2) {
      otherStatus = true;
      return;
    }
    for (const member of ["statusPurpose", "statusListIndex", "statusListCredential"]) {
      if (typeof item[member] !== "string") problem(`${pointer}/${member}`, "must be a string");
    }
    if (typeof item.statusListIndex === "string" && !/^(0|[1-9][0-9]*)$/.test(item.statusListIndex))
      problem(`${pointer}/statusListIndex`, "must be a non-negative integer in decimal");
    statusListEntries.push(item as unknown as StatusListEntry);
  });
  if (problems.length > 0) throw new CredentialFormatError(source, problems);
  return {
    version: "foreign",
    form: "full",
    credential: credential as ForeignCredential,
    dataIntegrityProof: proof as unknown as ForeignDataIntegrityProof,
    statusListEntries,
    otherStatus,
    issuerId: issuerId as string,
  };
}
