// Batch trees: root and every proof for 10,000 / 100,000 / 1,000,000 credentials, proof checks
// per second on one core, and the same work done by @openzeppelin/merkle-tree and merkletreejs.
// Every contestant starts from the same 0x-hex digests and ends with every proof as 0x-hex
// strings; ratios are theirs / ours. The 100,000-leaf peer runs take minutes, so they run once
// and are skipped by --quick.
import { keccak_256 } from "@noble/hashes/sha3.js";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { MerkleTree as MerkleTreeJs } from "merkletreejs";
import type { Hex } from "viem";
import { buildMerkleTree, type MerkleTree, verifyMerkleProof } from "../src/merkle/index.ts";
import type { BenchContext, BenchModule } from "./harness.ts";

const SECONDS = "s";
const RATIO = "x (theirs/ours)";
const SIZES = [
  { label: "10k", count: 10_000 },
  { label: "100k", count: 100_000 },
  { label: "1m", count: 1_000_000 },
];
/** Proofs checked per verify run, from the 1,000,000-leaf tree (20 siblings each). */
const CHECKS = 20_000;

const bench: BenchModule = {
  name: "merkle",
  async run(ctx) {
    const ours = new Map<string, number>();
    for (const { label, count } of SIZES) {
      const digests = seededDigests(count);
      const figure = await ctx.measure(
        `merkle.${label}.rootAndProofs.s`,
        SECONDS,
        async () => {
          consumeProofs(await buildMerkleTree(digests));
          return undefined;
        },
        label === "1m" ? { budget: { max: 3 } } : {},
      );
      ours.set(label, figure.value);
      if (label === "1m") {
        const packed = packDigests(digests);
        await ctx.measure(`merkle.1m.rootAndProofs.fromBytes.s`, SECONDS, async () => {
          consumeProofs(await buildMerkleTree(packed));
          return undefined;
        });
        await verifyRate(ctx, digests);
      }
    }

    for (const { label, count } of SIZES.slice(0, 2)) {
      const slow = count > 10_000;
      if (slow && ctx.quick) continue;
      const digests = seededDigests(count);
      const runs = slow ? { runs: 1, warmup: 0 } : { runs: 3 };
      ctx.log(`@openzeppelin/merkle-tree and merkletreejs, ${count} leaves`);
      const oz = await ctx.measure(
        `merkle.${label}.openzeppelin.s`,
        SECONDS,
        () => {
          openZeppelinRootAndProofs(digests);
          return undefined;
        },
        runs,
      );
      const js = await ctx.measure(
        `merkle.${label}.merkletreejs.s`,
        SECONDS,
        () => {
          merkletreejsRootAndProofs(digests);
          return undefined;
        },
        runs,
      );
      const mine = ours.get(label)!;
      ctx.record(
        `merkle.${label}.vsOpenZeppelin.ratio`,
        oz.value / mine,
        RATIO,
        label === "100k" ? { min: 20 } : undefined,
      );
      ctx.record(`merkle.${label}.vsMerkletreejs.ratio`, js.value / mine, RATIO);
    }
  },
};
export default bench;

/** Walks every proof, as the batch pipeline does when it writes one file per holder. */
function consumeProofs(tree: MerkleTree): number {
  let siblings = 0;
  for (const { proof } of tree.proofs()) siblings += proof.length;
  if (siblings === 0 && tree.leafCount > 1) throw new Error("no proofs");
  return siblings;
}

async function verifyRate(ctx: BenchContext, digests: readonly Hex[]): Promise<void> {
  const tree = await buildMerkleTree(digests);
  const step = Math.floor(digests.length / CHECKS);
  const cases = Array.from({ length: CHECKS }, (_, k) => {
    const index = k * step;
    return { index, digest: digests[index]!, proof: tree.proof(index) };
  });
  await ctx.measure(
    "merkle.verify.perSecondPerCore",
    "checks/s (one thread, 1,000,000-leaf tree)",
    () => {
      const start = performance.now();
      for (const { index, digest, proof } of cases) {
        if (!verifyMerkleProof(tree.root, index, digest, proof)) throw new Error(`proof ${index}`);
      }
      return CHECKS / ((performance.now() - start) / 1000);
    },
    { budget: { min: 40_000 } },
  );
}

function openZeppelinRootAndProofs(digests: readonly Hex[]): void {
  const tree = StandardMerkleTree.of(
    digests.map((digest, index) => [index, digest]),
    ["uint256", "bytes32"],
  );
  for (let index = 0; index < digests.length; index++) tree.getProof(index);
}

/**
 * merkletreejs's closest configuration: the same double-keccak leaves, pairs sorted before
 * hashing. Its layout promotes an odd node instead of OpenZeppelin's heap order, so its roots
 * differ; the work is the same.
 */
function merkletreejsRootAndProofs(digests: readonly Hex[]): void {
  const keccak = (data: Buffer) => Buffer.from(keccak_256(data));
  const leaves = digests.map((digest, index) => {
    const encoded = Buffer.alloc(64);
    encoded.writeUInt32BE(index, 28);
    encoded.write(digest.slice(2), 32, "hex");
    return keccak(keccak(encoded));
  });
  const tree = new MerkleTreeJs(leaves, keccak, { sortPairs: true });
  tree.getHexRoot();
  for (let index = 0; index < leaves.length; index++) tree.getHexProof(leaves[index]!, index);
}

/** `count` distinct digests from a seeded xorshift generator: fast, and the same every run. */
function seededDigests(count: number): Hex[] {
  const bytes = new Uint8Array(32 * count);
  const words = new Uint32Array(bytes.buffer);
  let state = 0x9e3779b9;
  for (let i = 0; i < words.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    words[i] = state >>> 0;
  }
  const hex = Buffer.from(bytes.buffer).toString("hex");
  const digests = Array.from({ length: count }, (_, i) => `0x${hex.slice(64 * i, 64 * i + 64)}`);
  // Through JSON, as an export would deliver them: flat strings, not slices of one big string.
  return JSON.parse(JSON.stringify(digests)) as Hex[];
}

function packDigests(digests: readonly Hex[]): Uint8Array {
  const packed = new Uint8Array(32 * digests.length);
  digests.forEach((digest, i) => {
    packed.set(Buffer.from(digest.slice(2), "hex"), 32 * i);
  });
  return packed;
}
