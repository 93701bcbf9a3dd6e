// After a batch is anchored, each credential gets its batch root, its Merkle proof and the
// anchoring transaction. None of these are claims, so attaching them leaves the credential
// digest, and every claim digest, unchanged.
import type { Hex } from "viem";
import { AnchorError } from "./errors.ts";
import type { CredanchorCredential, MerkleAnchor } from "./types.ts";

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

export type AnchorDetails = {
  merkleRoot: Hex;
  /** Sibling hashes from the leaf to the root, as the merkle module's `proof(index)` returns. */
  merkleProof: readonly Hex[];
  transactionHash: Hex;
  blockNumber?: number;
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
  const { proof, ...document } = credential;
  return {
    ...document,
    credentialStatus: { ...status, batchRoot: merkleRoot },
    proof: { ...proof, anchor: attached },
  };
}
