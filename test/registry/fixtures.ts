// Shared fixtures and helpers for the CredentialRegistry tests: deployments on the in-process
// chain, the EIP-712 anchor type as a signer sees it, status-word masks and Merkle trees built
// with @openzeppelin/merkle-tree. Everything here is independent of src/ on purpose: these tests
// pin the contract down, not the SDK.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { Signer } from "ethers";
import { network } from "hardhat";
import type { CredentialRegistry } from "../../types/ethers-contracts/index.js";

export const { ethers, networkHelpers } = await network.getOrCreate();
export const { time } = networkHelpers;

/** A credential type is the first 20 bytes of the keccak of its name. */
export function credentialType(name: string): string {
  return ethers.dataSlice(ethers.id(name), 0, 20);
}

export const DEGREE = credentialType("BachelorDegree");
export const CERTIFICATE = credentialType("Certificate");
/** A binary CIDv1 (raw codec, sha2-256) as the manifest CID: 36 bytes, like the real ones. */
export const MANIFEST_CID = ethers.concat(["0x01551220", ethers.id("manifest")]);
export const ROOT = ethers.id("root of batch one");
export const OTHER_ROOT = ethers.id("root of batch two");
/** Four status words, the last one partly used (1000 = 3 * 256 + 232). */
export const LEAF_COUNT = 1000;
export const DAY = 24 * 60 * 60;
/** Operator rights, as the registry's RIGHT_* constants. */
export const RIGHT_ANCHOR = 1;
export const RIGHT_SUSPEND = 2;
export const RIGHT_REVOKE = 4;
export const ALL_RIGHTS = RIGHT_ANCHOR | RIGHT_SUSPEND | RIGHT_REVOKE;

export async function deployRegistries() {
  const [governance, issuer, operator, stranger, otherIssuer, body, relayer, walletOwner] =
    await ethers.getSigners();
  const accreditation = await ethers.deployContract("AccreditationRegistry", [
    DAY,
    governance!.address,
  ]);
  const registry = await ethers.deployContract("CredentialRegistry", [
    await accreditation.getAddress(),
  ]);
  return {
    accreditation,
    registry,
    governance: governance!,
    issuer: issuer!,
    operator: operator!,
    stranger: stranger!,
    otherIssuer: otherIssuer!,
    body: body!,
    relayer: relayer!,
    walletOwner: walletOwner!,
  };
}

/** The issuer has a live operator with every right until `operatorExpiry` (30 days from setup). */
export async function withOperator() {
  const f = await deployRegistries();
  const operatorExpiry = (await time.latest()) + 30 * DAY;
  await f.registry.connect(f.issuer).setOperator(f.operator.address, operatorExpiry, ALL_RIGHTS);
  return { ...f, operatorExpiry };
}

/** The issuer anchored ROOT with LEAF_COUNT credentials of type DEGREE, and has a live operator. */
export async function anchoredBatch() {
  const f = await withOperator();
  await f.registry.connect(f.issuer).anchor(ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID);
  return f;
}

export interface StatusWord {
  word: bigint;
  mask: bigint;
}

/** Groups credential indices into status words (one per 256 indices), in word order. */
export function wordsOf(indices: Iterable<number>): StatusWord[] {
  const masks = new Map<bigint, bigint>();
  for (const index of indices) {
    const word = BigInt(index >> 8);
    masks.set(word, (masks.get(word) ?? 0n) | (1n << BigInt(index & 0xff)));
  }
  return [...masks.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([word, mask]) => ({ word, mask }));
}

/** The event form of status words, as ethers decodes a StatusWord[] argument. */
export function asEventWords(words: StatusWord[]): bigint[][] {
  return words.map(({ word, mask }) => [word, mask]);
}

/** A deterministic pseudo-random generator (mulberry32), so every run sees the same "random" data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct indices below `below`, drawn with `random`. */
export function distinctIndices(random: () => number, count: number, below: number): number[] {
  const picked = new Set<number>();
  while (picked.size < count) picked.add(Math.floor(random() * below));
  return [...picked];
}

/** A batch tree of `size` credentials: leaf i is (i, digest of credential i), as the issuer builds it. */
export function batchTree(size: number, label = "credential") {
  const values: [bigint, string][] = [];
  for (let i = 0; i < size; i++) values.push([BigInt(i), ethers.id(`${label} ${i}`)]);
  return StandardMerkleTree.of(values, ["uint256", "bytes32"]);
}

/** The digest and proof of credential `index` of `tree`. */
export function credentialOf(tree: ReturnType<typeof batchTree>, index: number) {
  for (const [position, [leafIndex, digest]] of tree.entries()) {
    if (leafIndex === BigInt(index)) return { digest, proof: tree.getProof(position) };
  }
  throw new Error(`no credential ${index} in the tree`);
}

export const ANCHOR_TYPES = {
  Anchor: [
    { name: "issuer", type: "address" },
    { name: "root", type: "bytes32" },
    { name: "leafCount", type: "uint32" },
    { name: "credentialType", type: "bytes20" },
    { name: "manifestCid", type: "bytes" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

export async function anchorDomain(registry: CredentialRegistry) {
  const { chainId } = await ethers.provider.getNetwork();
  return {
    name: "credanchor CredentialRegistry",
    version: "1",
    chainId,
    verifyingContract: await registry.getAddress(),
  };
}

export interface AnchorRequest {
  issuer: string;
  root: string;
  leafCount: number;
  credentialType: string;
  manifestCid: string;
  nonce: bigint;
  deadline: number;
}

/** An anchor request for ROOT, DEGREE and LEAF_COUNT with the signer's next nonce and a day to live. */
export async function anchorRequest(
  registry: CredentialRegistry,
  issuer: string,
  signer: string,
  overrides: Partial<AnchorRequest> = {},
): Promise<AnchorRequest> {
  return {
    issuer,
    root: ROOT,
    leafCount: LEAF_COUNT,
    credentialType: DEGREE,
    manifestCid: MANIFEST_CID,
    nonce: await registry.nonces(signer),
    deadline: (await time.latest()) + DAY,
    ...overrides,
  };
}

/** The EIP-712 signature of `request` by `key` (an EOA's own signature, or a wallet owner's). */
export async function signAnchor(
  registry: CredentialRegistry,
  key: Signer,
  request: AnchorRequest,
): Promise<string> {
  return key.signTypedData(await anchorDomain(registry), ANCHOR_TYPES, request);
}

/** Submits `request` with `signature` through anchorWithSig, from `submitter`, naming `signer`. */
export function submitAnchor(
  registry: CredentialRegistry,
  submitter: Signer,
  request: AnchorRequest,
  signer: string,
  signature: string,
) {
  return registry
    .connect(submitter)
    .anchorWithSig(
      request.issuer,
      request.root,
      request.leafCount,
      request.credentialType,
      request.manifestCid,
      signer,
      request.deadline,
      signature,
    );
}
