// After a batch is anchored, each credential gets its batch root, its Merkle proof and the
// anchoring transaction (in v2 also the anchoring block's time), and the holder's full file the
// link and key to its encrypted copy. None of these are claims, so attaching them leaves the
// credential digest, and every claim digest, unchanged. A v2 file is then signed (attachSignature).
import type { Hex } from "viem";
import { isBytes32 } from "../values/index.ts";
import { SIGNATURE_MEMBERS } from "./checkProofSetV2.ts";
import {
  CID_TEXT,
  DATA_INTEGRITY_PROOF_TYPE,
  EDDSA_CRYPTOSUITE,
  MAX_BATCH_INDEX,
} from "./constants.ts";
import { AnchorError } from "./errors.ts";
import { didKeyVerificationMethod, isSignatureValue, isUtcSeconds } from "./formatV2.ts";
import type {
  AnchorProof,
  CredanchorCredentialV1,
  CredanchorCredentialV2,
  CredanchorProof,
  DataIntegrityProof,
  EncryptedCopy,
  MerkleAnchor,
} from "./types.ts";

type AnyCredential = CredanchorCredentialV1 | CredanchorCredentialV2;

export type AnchorDetails = {
  merkleRoot: Hex;
  /** Sibling hashes from the leaf to the root, as the merkle module's `proof(index)` returns. */
  merkleProof: readonly Hex[];
  transactionHash: Hex;
  blockNumber?: number;
  /** CID of the batch manifest (CIDv1 base32 or CIDv0), kept as a recovery hint. */
  manifestCid?: string;
  /** Credentials in the batch, a hint for herd-private status reads. */
  leafCount?: number;
  /**
   * The anchoring block's time, `YYYY-MM-DDThh:mm:ssZ`: the v2 anchor proof's `created`
   * (required for a v2 credential; a v1 file has no place for it, so it is ignored there).
   */
  blockTime?: string;
};

/** The anchor proof of either version: the v1 proof object, or the first item of the v2 set. */
function anchorProofOf(credential: AnyCredential): CredanchorProof | AnchorProof {
  return Array.isArray(credential.proof) ? credential.proof[0] : credential.proof;
}

/** A copy of `credential` whose anchor proof is `proof` (the v2 signature, if any, kept). */
function withAnchorProof<C extends AnyCredential>(
  credential: C,
  proof: CredanchorProof | AnchorProof,
): C {
  if (!Array.isArray(credential.proof)) return { ...credential, proof };
  const [, ...rest] = credential.proof;
  return { ...credential, proof: [proof, ...rest] };
}

/** Returns a copy of `credential` carrying the anchor; hex is stored lowercase. */
export function attachAnchor<C extends AnyCredential>(credential: C, anchor: AnchorDetails): C {
  const id = credential.id;
  const v2 = Array.isArray(credential.proof);
  if (v2 && !isUtcSeconds(anchor.blockTime)) {
    throw new AnchorError(
      id,
      "blockTime",
      "must be the anchoring block's time as YYYY-MM-DDThh:mm:ssZ (a v2 credential's anchor proof is created then)",
    );
  }
  const signature = v2 ? (credential.proof as CredanchorCredentialV2["proof"])[1] : undefined;
  if (signature !== undefined && signature.created !== anchor.blockTime) {
    throw new AnchorError(
      id,
      "blockTime",
      `${String(anchor.blockTime)} differs from the signature's created (${signature.created}): the signed file was anchored at another time`,
    );
  }
  if (!isBytes32(anchor.merkleRoot)) {
    throw new AnchorError(id, "merkleRoot", "must be 0x and 64 hex digits");
  }
  if (!Array.isArray(anchor.merkleProof))
    throw new AnchorError(id, "merkleProof", "must be a list");
  anchor.merkleProof.forEach((node, i) => {
    if (!isBytes32(node)) {
      throw new AnchorError(id, `merkleProof[${i}]`, "must be 0x and 64 hex digits");
    }
  });
  if (!isBytes32(anchor.transactionHash)) {
    throw new AnchorError(id, "transactionHash", "must be 0x and 64 hex digits");
  }
  if (
    anchor.blockNumber !== undefined &&
    (!Number.isSafeInteger(anchor.blockNumber) || anchor.blockNumber < 0)
  ) {
    throw new AnchorError(id, "blockNumber", "must be a non-negative integer");
  }
  if (
    anchor.leafCount !== undefined &&
    (!Number.isSafeInteger(anchor.leafCount) ||
      anchor.leafCount <= credential.credentialStatus.batchIndex ||
      anchor.leafCount > MAX_BATCH_INDEX + 1)
  ) {
    throw new AnchorError(id, "leafCount", "must be an integer above the credential's index");
  }
  if (anchor.manifestCid !== undefined && !CID_TEXT.test(anchor.manifestCid)) {
    throw new AnchorError(id, "manifestCid", "must be a CIDv1 in base32 or a CIDv0");
  }
  const merkleRoot = anchor.merkleRoot.toLowerCase() as Hex;
  const previous = credential.credentialStatus.batchRoot;
  if (previous !== undefined && previous.toLowerCase() !== merkleRoot) {
    throw new AnchorError(
      id,
      "merkleRoot",
      `${merkleRoot} differs from the root it already carries (${previous})`,
    );
  }
  const status = credential.credentialStatus;
  const attached: MerkleAnchor = {
    chainId: status.chainId,
    registryAddress: status.registryAddress,
    merkleRoot,
    leafIndex: status.batchIndex,
    merkleProof: anchor.merkleProof.map((node) => node.toLowerCase() as Hex),
    transactionHash: anchor.transactionHash.toLowerCase() as Hex,
  };
  if (anchor.blockNumber !== undefined) attached.blockNumber = anchor.blockNumber;
  if (anchor.manifestCid !== undefined) attached.manifestCid = anchor.manifestCid;
  if (anchor.leafCount !== undefined) attached.leafCount = anchor.leafCount;
  const proof = anchorProofOf(credential);
  const withRoot = { ...credential, credentialStatus: { ...status, batchRoot: merkleRoot } };
  return withAnchorProof(
    withRoot,
    v2
      ? ({ ...proof, created: anchor.blockTime, anchor: attached } as AnchorProof)
      : { ...proof, anchor: attached },
  );
}

/** Returns a copy of a full `credential` carrying the link and key to its encrypted copy. */
export function attachEncryptedCopy<C extends AnyCredential>(
  credential: C,
  copy: EncryptedCopy,
): C {
  if (typeof copy.cid !== "string" || !CID_TEXT.test(copy.cid)) {
    throw new AnchorError(
      credential.id,
      "encryptedCopy.cid",
      "must be a CIDv1 in base32 or a CIDv0",
    );
  }
  if (!isBytes32(copy.key)) {
    throw new AnchorError(credential.id, "encryptedCopy.key", "must be 0x and 64 hex digits");
  }
  const encryptedCopy: EncryptedCopy = { cid: copy.cid, key: copy.key.toLowerCase() as Hex };
  return withAnchorProof(credential, { ...anchorProofOf(credential), encryptedCopy });
}

/**
 * Returns a copy of an anchored v2 `credential` whose proof set is [anchor proof, `signature`]:
 * the issuer's eddsa-rdfc-2022 proof over the document without `proof`, by the did:key the
 * credential names, created when the batch was anchored. Replaces no earlier signature.
 */
export function attachSignature(
  credential: CredanchorCredentialV2,
  signature: DataIntegrityProof,
): CredanchorCredentialV2 {
  const id = credential.id;
  const fail = (field: string, problem: string): never => {
    throw new AnchorError(id, `signature ${field}`, problem);
  };
  if (!Array.isArray(credential.proof)) fail("", "needs a v2 credential (a proof set)");
  const [anchorProof, existing] = credential.proof;
  if (existing !== undefined) fail("", "is already there: a credential carries one signature");
  if (anchorProof.anchor === undefined || anchorProof.created === undefined) {
    fail("", "comes after anchoring: attach the anchor (and its block time) first");
  }
  if (signature === null || typeof signature !== "object") fail("", "must be an object");
  for (const key of Object.keys(signature)) {
    if (!SIGNATURE_MEMBERS.includes(key))
      fail(key, `is not a member of a DataIntegrityProof here (${SIGNATURE_MEMBERS.join(", ")})`);
  }
  if (signature.type !== DATA_INTEGRITY_PROOF_TYPE)
    fail("type", `must be "${DATA_INTEGRITY_PROOF_TYPE}"`);
  if (signature.cryptosuite !== EDDSA_CRYPTOSUITE)
    fail("cryptosuite", `must be "${EDDSA_CRYPTOSUITE}"`);
  if (signature.proofPurpose !== "assertionMethod")
    fail("proofPurpose", 'must be "assertionMethod"');
  const method = didKeyVerificationMethod(credential.issuer.id);
  if (signature.verificationMethod !== method) {
    fail(
      "verificationMethod",
      `must be the issuer's key ${method}, not ${JSON.stringify(signature.verificationMethod)}`,
    );
  }
  if (!isSignatureValue(signature.proofValue))
    fail("proofValue", 'must be "z" and the base58btc of a 64-byte Ed25519 signature');
  if (signature.created !== anchorProof.created) {
    fail(
      "created",
      `must equal the anchor proof's created (${String(anchorProof.created)}), the anchoring block's time`,
    );
  }
  const copy: DataIntegrityProof = {
    type: signature.type,
    cryptosuite: signature.cryptosuite,
    created: signature.created,
    verificationMethod: signature.verificationMethod,
    proofPurpose: signature.proofPurpose,
    proofValue: signature.proofValue,
  };
  return { ...credential, proof: [anchorProof, copy] };
}
