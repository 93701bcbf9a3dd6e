// After a batch is anchored, each credential gets its batch root, its Merkle proof and the
// anchoring transaction, and the holder's full file the link and key to its encrypted copy. None
// of these are claims, so attaching them leaves the credential digest, and every claim digest,
// unchanged.
import type { Hex } from "viem";
import { CID_TEXT, MAX_BATCH_INDEX } from "./constants.ts";
import { AnchorError } from "./errors.ts";
import type { CredanchorCredential, EncryptedCopy, MerkleAnchor } from "./types.ts";

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

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
};

/** Returns a copy of `credential` carrying the anchor; hex is stored lowercase. */
export function attachAnchor(
  credential: CredanchorCredential,
  anchor: AnchorDetails,
): CredanchorCredential {
  const id = credential.id;
  if (typeof anchor.merkleRoot !== "string" || !BYTES32.test(anchor.merkleRoot)) {
    throw new AnchorError(id, "merkleRoot", "must be 0x and 64 hex digits");
  }
  if (!Array.isArray(anchor.merkleProof))
    throw new AnchorError(id, "merkleProof", "must be a list");
  anchor.merkleProof.forEach((node, i) => {
    if (typeof node !== "string" || !BYTES32.test(node)) {
      throw new AnchorError(id, `merkleProof[${i}]`, "must be 0x and 64 hex digits");
    }
  });
  if (typeof anchor.transactionHash !== "string" || !BYTES32.test(anchor.transactionHash)) {
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
  const { proof, ...document } = credential;
  return {
    ...document,
    credentialStatus: { ...status, batchRoot: merkleRoot },
    proof: { ...proof, anchor: attached },
  };
}

/** Returns a copy of a full `credential` carrying the link and key to its encrypted copy. */
export function attachEncryptedCopy(
  credential: CredanchorCredential,
  copy: EncryptedCopy,
): CredanchorCredential {
  if (typeof copy.cid !== "string" || !CID_TEXT.test(copy.cid)) {
    throw new AnchorError(
      credential.id,
      "encryptedCopy.cid",
      "must be a CIDv1 in base32 or a CIDv0",
    );
  }
  if (typeof copy.key !== "string" || !BYTES32.test(copy.key)) {
    throw new AnchorError(credential.id, "encryptedCopy.key", "must be 0x and 64 hex digits");
  }
  const encryptedCopy: EncryptedCopy = { cid: copy.cid, key: copy.key.toLowerCase() as Hex };
  return { ...credential, proof: { ...credential.proof, encryptedCopy } };
}
