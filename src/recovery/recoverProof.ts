// Rebuilds lost proofs from the chain and IPFS alone: fetch the batch manifest by the CID the
// anchor names, rebuild the tree from its credential digests (src/merkle, the one tree), refuse
// the manifest unless the tree has the root it claims, and hand back each asked-for proof.
// Node only, because building a tree is (src/merkle/buildTree.ts).
import type { CID } from "multiformats/cid";
import type { Hex } from "viem";
import { buildMerkleTree, type MerkleTree } from "../merkle/index.ts";
import {
  type ContentSource,
  ManifestIndexError,
  ManifestRootMismatchError,
  type ReadOptions,
} from "../storage/index.ts";
import {
  type BatchManifest,
  type BatchManifestHeader,
  getManifest,
  manifestDigest,
} from "./batchManifest.ts";

/** One credential's place in its batch, rebuilt from the batch manifest (its header, plus these). */
export interface RecoveredProof extends BatchManifestHeader {
  manifestCid: string;
  index: number;
  credentialDigest: Hex;
  leaf: Hex;
  /** Sibling hashes from the leaf up, for verifyMerkleProof or MerkleProof.sol. */
  proof: Hex[];
}

/** The proof of one credential of the batch whose manifest is at `manifestCid`. */
export async function recoverProof(
  source: ContentSource,
  manifestCid: CID | string,
  index: number,
  options: ReadOptions = {},
): Promise<RecoveredProof> {
  const [proof] = await recoverProofs(source, manifestCid, [index], options);
  return proof!;
}

/** Proofs of several credentials of one batch, building its tree once. */
export async function recoverProofs(
  source: ContentSource,
  manifestCid: CID | string,
  indices: readonly number[],
  options: ReadOptions = {},
): Promise<RecoveredProof[]> {
  const label = `${manifestCid.toString()} from ${source.label}`;
  const manifest = await getManifest(source, manifestCid, options);
  for (const index of indices) {
    if (!Number.isInteger(index) || index < 0 || index >= manifest.leafCount) {
      throw new ManifestIndexError(label, index, manifest.leafCount);
    }
  }
  const tree = await buildManifestTree(manifest, label);
  return indices.map((index) => ({
    manifestCid: manifestCid.toString(),
    chain: manifest.chain,
    registry: manifest.registry,
    issuer: manifest.issuer,
    credentialType: manifest.credentialType,
    root: tree.root,
    leafCount: manifest.leafCount,
    index,
    credentialDigest: manifestDigest(manifest, index),
    leaf: tree.leaf(index),
    proof: tree.proof(index),
  }));
}

/** The tree of the manifest's digests, once it is shown to have the root the manifest claims. */
export async function buildManifestTree(
  manifest: BatchManifest,
  label = "given",
): Promise<MerkleTree> {
  const tree = await buildMerkleTree(manifest.credentialDigests);
  if (tree.root.toLowerCase() !== manifest.root.toLowerCase()) {
    throw new ManifestRootMismatchError(label, manifest.root, tree.root);
  }
  return tree;
}
