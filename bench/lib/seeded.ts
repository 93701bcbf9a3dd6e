// Deterministic "random" workloads: gas depends on calldata bytes and on which storage words are
// touched, so figures are reproducible only if roots, digests and indices are the same each run.
import { solidityPackedKeccak256 } from "ethers";

/** The i-th pseudo-random bytes32 of stream `label`. */
export function seededBytes32(label: string, i: number): string {
  return solidityPackedKeccak256(["string", "uint256"], [label, i]);
}

/** `count` distinct pseudo-random indices below `range`, in the order drawn. */
export function seededIndices(label: string, count: number, range: number): number[] {
  if (count > range) throw new Error(`cannot draw ${count} distinct indices below ${range}`);
  const drawn = new Set<number>();
  for (let i = 0; drawn.size < count; i++) {
    drawn.add(Number(BigInt(seededBytes32(label, i)) % BigInt(range)));
  }
  return [...drawn];
}

/** A binary CIDv1 (raw codec, sha2-256): 36 bytes, the size of every manifest CID. */
export function seededCid(label: string): string {
  return `0x01551220${seededBytes32(label, 0).slice(2)}`;
}
