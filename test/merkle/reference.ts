// Test helpers: seeded random digests, and the leaf and node rules written the plain way with
// @noble/hashes and viem's ABI encoder, as the reference the fast code is checked against.
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, encodeAbiParameters, type Hex, hexToBytes } from "viem";

/** `count` digests from a seeded generator (mulberry32), so a failure can be replayed. */
export function randomDigests(count: number, seed: number): Hex[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return Array.from({ length: count }, () => {
    const bytes = new Uint8Array(32);
    const words = new DataView(bytes.buffer);
    for (let i = 0; i < 8; i++) words.setUint32(4 * i, next());
    return bytesToHex(bytes);
  });
}

/** The digests packed 32 bytes each, the other input form of buildMerkleTree. */
export function packDigests(digests: readonly Hex[]): Uint8Array {
  const packed = new Uint8Array(32 * digests.length);
  digests.forEach((digest, i) => {
    packed.set(hexToBytes(digest), 32 * i);
  });
  return packed;
}

/** keccak256(keccak256(abi.encode(index, digest))) with @noble/hashes. */
export function referenceLeaf(index: bigint | number, digest: Hex): Hex {
  const encoded = encodeAbiParameters(
    [{ type: "uint256" }, { type: "bytes32" }],
    [BigInt(index), digest],
  );
  return bytesToHex(keccak_256(keccak_256(hexToBytes(encoded))));
}

/** OpenZeppelin's commutative node hash with @noble/hashes: the smaller child first. */
export function referencePair(a: Hex, b: Hex): Hex {
  const [first, second] = BigInt(a) <= BigInt(b) ? [a, b] : [b, a];
  const joined = new Uint8Array(64);
  joined.set(hexToBytes(first), 0);
  joined.set(hexToBytes(second), 32);
  return bytesToHex(keccak_256(joined));
}

/** The root a proof leads to from a leaf, by the reference rules. */
export function referenceRoot(leaf: Hex, proof: readonly Hex[]): Hex {
  return proof.reduce(referencePair, leaf);
}
