// Merkle batches: the leaf of a credential, the tree of a batch with every proof, and proof
// verification, compatible with OpenZeppelin's StandardMerkleTree and MerkleProof.sol.
// leaf.ts and verifyProof.ts are plain synchronous JavaScript; only buildTree.ts pulls in
// WebAssembly and worker threads, so a verifier that imports verifyMerkleProof stays small.
export { type BuildMerkleTreeOptions, buildMerkleTree } from "./buildTree.ts";
export {
  MerkleBytes32Error,
  MerkleEmptyTreeError,
  MerkleIndexError,
  MerkleTreeTooLargeError,
} from "./errors.ts";
export { merkleLeaf } from "./leaf.ts";
export type { MerkleProofEntry, MerkleTree } from "./tree.ts";
export { verifyMerkleProof } from "./verifyProof.ts";
