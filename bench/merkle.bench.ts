// Batch trees: root and every proof for 10,000 / 100,000 / 1,000,000 credentials, proof checks
// per second on one core, and the same work done by @openzeppelin/merkle-tree and merkletreejs.
// Every contestant starts from the same 0x-hex digests and ends with every proof as 0x-hex
// strings; ratios are theirs / ours. The 100,000-leaf peer runs take a minute or more, so they
// run once, and --quick skips them. Then hash-wasm against our own keccak on one thread: 64-byte
// messages per second, and a 1,000,000-leaf root from packed digests.
import { keccak_256 } from "@noble/hashes/sha3.js";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { MerkleTree as MerkleTreeJs } from "merkletreejs";
import type { Hex } from "viem";
import { KeccakMessages } from "../src/hash/keccakMessages.ts";
import { buildMerkleTree, type MerkleTree, verifyMerkleProof } from "../src/merkle/index.ts";
import type { BenchContext, BenchModule } from "./harness.ts";
import {
  hashWasm64,
  hashWasmKeccak,
  hashWasmTreeRoot,
  messageKernel64,
  plainJs64,
  treeKernel64,
} from "./lib/keccakContestants.ts";

const SECONDS = "s";
const RATIO = "x (theirs/ours)";
const SIZES = [
  { label: "10k", count: 10_000 },
  { label: "100k", count: 100_000 },
  { label: "1m", count: 1_000_000 },
];
/** Proofs checked per verify run. */
const CHECKS = 10_000;
/** 64-byte messages hashed per run in the keccak comparison. */
const MESSAGES = 262_144;

const bench: BenchModule = {
  name: "merkle",
  async run(ctx) {
    const digestsBySize = new Map(SIZES.map(({ label, count }) => [label, seededDigests(count)]));
    const ours = new Map<string, number>();
    for (const { label } of SIZES) {
      const digests = digestsBySize.get(label)!;
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
    }
    if (!ctx.quick) {
      const packed = packDigests(digestsBySize.get("1m")!);
      await ctx.measure("merkle.1m.rootAndProofs.fromBytes.s", SECONDS, async () => {
        consumeProofs(await buildMerkleTree(packed));
        return undefined;
      });
    }

    // One thread checking proofs one at a time, as a verifier does: budget on a batch of 10,000
    // (16 keccak permutations a check), and the deepest case, 1,000,000 (22 permutations).
    const tenThousand = await proofCases(digestsBySize.get("10k")!);
    await ctx.measure(
      "merkle.verify.perSecondPerCore",
      "checks/s (one thread, 10,000-leaf batch)",
      () => checkRate(tenThousand, verifyMerkleProof),
      { budget: { min: 40_000 } },
    );
    if (!ctx.quick) {
      const million = await proofCases(digestsBySize.get("1m")!);
      await ctx.measure(
        "merkle.verify.1m.perSecondPerCore",
        "checks/s (one thread, 1,000,000-leaf batch)",
        () => checkRate(million, verifyMerkleProof),
      );
      await ctx.measure(
        "merkle.verify.nobleHashes.perSecondPerCore",
        "checks/s (same check written with @noble/hashes, 10,000-leaf batch)",
        () => checkRate(tenThousand, nobleVerify),
      );
    }

    await compareKeccak(ctx, digestsBySize.get("1m")!);

    for (const { label, count } of SIZES.slice(0, 2)) {
      const slow = count > 10_000;
      if (slow && ctx.quick) continue;
      const digests = digestsBySize.get(label)!;
      // The 100,000-leaf peer runs take a minute or more each: one run, no warm-up.
      const runs = slow || ctx.quick ? { runs: 1, warmup: 0 } : { runs: 3 };
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

/**
 * hash-wasm against our keccak, all on this thread: MESSAGES 64-byte messages (the tree's node
 * and our message kernel's job), then the root of a 1,000,000-leaf tree from packed digests.
 */
async function compareKeccak(ctx: BenchContext, digests: readonly Hex[]): Promise<void> {
  ctx.log("hash-wasm against our keccak, one thread");
  const unit = "hashes/s (64-byte messages, one thread)";
  const messages = seededBytes(64 * MESSAGES);
  const h = await hashWasmKeccak();
  const kernel = new KeccakMessages();
  const expected = hashWasm64(h, messages, 1024);
  for (const ours of [plainJs64(messages, 1024), messageKernel64(kernel, messages, 1024)]) {
    if (!Buffer.from(ours).equals(expected)) throw new Error("keccak contestants disagree");
  }
  const rate = (run: () => unknown) => () => {
    const start = performance.now();
    run();
    return MESSAGES / ((performance.now() - start) / 1000);
  };
  await ctx.measure(
    "merkle.keccak64.treeKernel.perSecond",
    unit,
    rate(treeKernel64(messages, MESSAGES)),
  );
  await ctx.measure(
    "merkle.keccak64.messageKernel.perSecond",
    unit,
    rate(() => messageKernel64(kernel, messages, MESSAGES)),
  );
  await ctx.measure(
    "merkle.keccak64.hashWasm.perSecond",
    unit,
    rate(() => hashWasm64(h, messages, MESSAGES)),
  );
  await ctx.measure(
    "merkle.keccak64.plainJs.perSecond",
    unit,
    rate(() => plainJs64(messages, MESSAGES)),
  );

  const packed = packDigests(digests);
  const ourRoot = (await buildMerkleTree(packed, { threads: 1 })).root;
  if (`0x${Buffer.from(hashWasmTreeRoot(h, packed)).toString("hex")}` !== ourRoot) {
    throw new Error("the hash-wasm tree's root differs from ours");
  }
  const runs = ctx.quick ? { runs: 1, warmup: 0 } : { runs: 3 };
  const ours = await ctx.measure(
    "merkle.1m.root.oneThread.s",
    SECONDS,
    async () => {
      await buildMerkleTree(packed, { threads: 1 });
      return undefined;
    },
    runs,
  );
  const theirs = await ctx.measure(
    "merkle.1m.root.oneThread.hashWasm.s",
    SECONDS,
    () => {
      hashWasmTreeRoot(h, packed);
      return undefined;
    },
    runs,
  );
  ctx.record("merkle.1m.root.oneThread.vsHashWasm.ratio", theirs.value / ours.value, RATIO);
}

/** Walks every proof, as the batch pipeline does when it writes one file per holder. */
function consumeProofs(tree: MerkleTree): number {
  let siblings = 0;
  for (const { proof } of tree.proofs()) siblings += proof.length;
  if (siblings === 0 && tree.leafCount > 1) throw new Error("no proofs");
  return siblings;
}

interface ProofCase {
  root: Hex;
  index: number;
  digest: Hex;
  proof: Hex[];
}

/** CHECKS proofs spread over the batch, with what a verifier is handed for each. */
async function proofCases(digests: readonly Hex[]): Promise<ProofCase[]> {
  const tree = await buildMerkleTree(digests);
  const step = digests.length / CHECKS;
  return Array.from({ length: CHECKS }, (_, k) => {
    const index = Math.floor(k * step);
    return { root: tree.root, index, digest: digests[index]!, proof: tree.proof(index) };
  });
}

function checkRate(cases: readonly ProofCase[], verify: typeof verifyMerkleProof): number {
  const start = performance.now();
  for (const { root, index, digest, proof } of cases) {
    if (!verify(root, index, digest, proof)) throw new Error(`proof ${index} failed`);
  }
  return cases.length / ((performance.now() - start) / 1000);
}

/** The same check as it is usually written, with @noble/hashes: what verifyMerkleProof replaces. */
function nobleVerify(root: Hex, index: number | bigint, digest: Hex, proof: readonly Hex[]) {
  const encoded = new Uint8Array(64);
  new DataView(encoded.buffer).setBigUint64(24, BigInt(index));
  encoded.set(Buffer.from(digest.slice(2), "hex"), 32);
  let node = keccak_256(keccak_256(encoded));
  for (const hex of proof) {
    const sibling = Buffer.from(hex.slice(2), "hex");
    const pair = new Uint8Array(64);
    const nodeFirst = Buffer.compare(node, sibling) <= 0;
    pair.set(nodeFirst ? node : sibling, 0);
    pair.set(nodeFirst ? sibling : node, 32);
    node = keccak_256(pair);
  }
  return `0x${Buffer.from(node).toString("hex")}` === root;
}

/** Through the public API; its getProof also re-checks each proof, which is part of its cost. */
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

/** `length` bytes from a seeded xorshift generator: fast, and the same every run. */
function seededBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  const words = new Uint32Array(bytes.buffer);
  let state = 0x9e3779b9;
  for (let i = 0; i < words.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    words[i] = state >>> 0;
  }
  return bytes;
}

/** `count` distinct digests (seededBytes), as 0x-hex. */
function seededDigests(count: number): Hex[] {
  const bytes = seededBytes(32 * count);
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
