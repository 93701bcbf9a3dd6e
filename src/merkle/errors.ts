// Errors of the merkle module. Each names the input it is about ("credentialDigests[12]",
// "proof[3]", "index") under a stable code, so a batch run can point at the row to fix.
import { CredanchorError } from "../errors.ts";

/** A value that must be 32 bytes of 0x-prefixed hex (a digest, a leaf, a root) is not. */
export class MerkleBytes32Error extends CredanchorError {
  override readonly name = "MerkleBytes32Error";
  declare readonly code: "MERKLE_BYTES32_INVALID";
  /** Names the input, e.g. "credentialDigests[12]", "root" or "proof[3]". */
  readonly field: string;

  constructor(field: string, problem: string, details: Record<string, unknown> = {}) {
    super("MERKLE_BYTES32_INVALID", `${field} ${problem}`, { field, ...details });
    this.field = field;
  }
}

/** A tree was asked for with no credential digests. */
export class MerkleEmptyTreeError extends CredanchorError {
  override readonly name = "MerkleEmptyTreeError";
  declare readonly code: "MERKLE_TREE_EMPTY";

  constructor() {
    super("MERKLE_TREE_EMPTY", "credentialDigests is empty: a batch needs at least one credential");
  }
}

/** A leaf index is not an integer, is negative, or lies past the last leaf of the tree. */
export class MerkleIndexError extends CredanchorError {
  override readonly name = "MerkleIndexError";
  declare readonly code: "MERKLE_INDEX_OUT_OF_RANGE";
  readonly index: number | bigint;

  constructor(index: number | bigint, problem: string, details: Record<string, unknown> = {}) {
    super("MERKLE_INDEX_OUT_OF_RANGE", `index ${String(index)} ${problem}`, {
      index,
      ...details,
    });
    this.index = index;
  }
}

/** More credential digests than one tree's WebAssembly memory (4 GiB) can hold. */
export class MerkleTreeTooLargeError extends CredanchorError {
  override readonly name = "MerkleTreeTooLargeError";
  declare readonly code: "MERKLE_TREE_TOO_LARGE";

  constructor(leafCount: number, maxLeafCount: number) {
    super(
      "MERKLE_TREE_TOO_LARGE",
      `credentialDigests has ${leafCount} entries, more than the ${maxLeafCount} one tree can hold: split the batch`,
      { leafCount, maxLeafCount },
    );
  }
}
