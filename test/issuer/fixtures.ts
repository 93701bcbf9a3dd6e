// Shared pieces of the issuer tests: graduate rows written as CSV (header = record field paths),
// temporary folders, the issuer's test signing key, and the check every holder file must pass:
// integrity, the issuer's signature by its did:key, Merkle proof, and an anchor by the issuer it
// names on the chain it names.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { network } from "hardhat";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  custom,
  type EIP1193Provider,
  type Hex,
  type PublicClient,
} from "viem";
import { hardhat } from "viem/chains";
import { credentialRegistryAbi } from "../../src/chain/abi.ts";
import { declareSigningKey } from "../../src/chain/declareSigningKey.ts";
import type { RegistryWriter } from "../../src/chain/index.ts";
import { type CredanchorCredentialV2, verifyIntegrity } from "../../src/credential/index.ts";
import { publicKeyFromDidKey, verifyEddsaProof } from "../../src/dataIntegrity/index.ts";
import { issuerKeyOf } from "../../src/issuer/issuerKey.ts";
import { verifyMerkleProof } from "../../src/merkle/index.ts";

/** Hardhat's in-process chain with helpers to deploy the registries and sign as an account. */
export async function inProcessChain() {
  const connection = await network.getOrCreate();
  const { ethers } = connection;
  const provider = connection.provider as unknown as EIP1193Provider;
  const reader = createPublicClient({
    chain: hardhat,
    transport: custom(provider),
  }) as PublicClient;
  return {
    reader,
    async deployRegistry(): Promise<{ registry: Address; issuer: Address }> {
      const [governance, issuer] = await ethers.getSigners();
      const accreditation = await ethers.deployContract("AccreditationRegistry", [
        0,
        governance!.address,
      ]);
      const registry = await ethers.deployContract("CredentialRegistry", [
        await accreditation.getAddress(),
      ]);
      return {
        registry: (await registry.getAddress()) as Address,
        issuer: issuer!.address as Address,
      };
    },
    writerFor(account: Address): RegistryWriter {
      return {
        wallet: createWalletClient({ account, chain: hardhat, transport: custom(provider) }),
        reader,
      };
    },
  };
}

/** The Ed25519 seed the issuer tests sign with (a test key: public by being here). */
export const TEST_SIGNING_SEED = new Uint8Array(32).fill(7);
export const TEST_SIGNING_KEY = issuerKeyOf(TEST_SIGNING_SEED);

/** Declares TEST_SIGNING_KEY for `writer`'s own account (as `credanchor signing-key declare`). */
export async function declareTestKey(writer: RegistryWriter, registry: Address): Promise<void> {
  await declareSigningKey(writer, { registry, publicKey: TEST_SIGNING_KEY.publicKey });
}

/** Every BatchAnchored event of `issuer` in `registry`. */
export async function anchorEvents(reader: PublicClient, registry: Address, issuer: Address) {
  return reader.getContractEvents({
    address: registry,
    abi: credentialRegistryAbi,
    eventName: "BatchAnchored",
    args: { issuer },
    fromBlock: 0n,
  });
}

export const GRADUATE_COLUMNS = [
  "id",
  "holderName",
  "identifiers[0].identityType",
  "identifiers[0].value",
  "achievement.name",
  "achievement.description",
  "achievement.criteria",
  "achievement.achievementType",
  "validFrom",
  "results[0].name",
  "results[0].value",
  "creditsEarned",
];

const PROGRAMMES = ["BSc Computer Science", "BA History", "BEng Civil Engineering", "BSc Biology"];
const GRADES = ["First class", "Upper second class", "Lower second class", "Third class"];

/** The cells of graduate `i` (deterministic), in GRADUATE_COLUMNS order. */
export function graduateCells(i: number): string[] {
  return [
    `S${String(100000 + i)}`,
    `Graduate ${i} Example-Name`,
    "sisSourcedId",
    `S${String(100000 + i)}`,
    PROGRAMMES[i % PROGRAMMES.length]!,
    "Awarded on completion of a three-year undergraduate programme.",
    "Earn 180 ECTS credits, including a final-year dissertation.",
    "BachelorDegree",
    `2025-07-${String(1 + (i % 28)).padStart(2, "0")}`,
    "Classification",
    GRADES[i % GRADES.length]!,
    "180",
  ];
}

export function csvLine(cells: readonly string[]): string {
  return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",");
}

/** A CSV of `count` graduates, plus any extra raw lines after them. */
export function graduatesCsv(count: number, extraLines: string[] = []): string {
  const lines = [csvLine(GRADUATE_COLUMNS)];
  for (let i = 0; i < count; i++) lines.push(csvLine(graduateCells(i)));
  return `${[...lines, ...extraLines].join("\n")}\n`;
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `credanchor-${prefix}-`));
}

export async function writeTemp(dir: string, name: string, content: string | Uint8Array) {
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Every entry under `dir`, recursively, as paths relative to it (sorted). */
export async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

export interface HolderFile {
  id: string;
  credential: CredanchorCredentialV2;
}

/** Reads every holder file in a credentials folder; fails on any other file there. */
export async function readHolderFiles(dir: string): Promise<HolderFile[]> {
  const names = await readdir(dir);
  const ids = names
    .filter((n) => n.endsWith(".credential.json"))
    .map((n) => n.slice(0, -".credential.json".length));
  if (names.length !== ids.length) {
    throw new Error(`stray files in ${dir}: ${names.length} names, ${ids.length} credentials`);
  }
  return Promise.all(
    ids.map(async (id) => ({
      id,
      credential: JSON.parse(await readFile(join(dir, `${id}.credential.json`), "utf8")),
    })),
  );
}

/**
 * Why a holder's credential does not verify, or undefined when it does: integrity, the issuer's
 * eddsa-rdfc-2022 signature by the did:key it names, its Merkle proof against its root, and the
 * root anchored on chain by the issuer the credential names.
 */
export async function holderProblem(
  credential: CredanchorCredentialV2,
  reader: PublicClient,
): Promise<string | undefined> {
  const integrity = verifyIntegrity(credential);
  if (!integrity.ok) return `integrity: ${integrity.failures[0]?.message}`;
  const [anchorProof, signature] = credential.proof;
  if (signature === undefined) return "no signature";
  const { proof: _, ...unsigned } = credential;
  const publicKey = publicKeyFromDidKey(credential.issuer.id);
  if (!(await verifyEddsaProof(unsigned, signature, { publicKey }))) return "bad signature";
  if (signature.created !== anchorProof.created) return "signature not dated by the anchor";
  const anchor = anchorProof.anchor;
  if (anchor === undefined) return "no anchor";
  if (
    !verifyMerkleProof(
      anchor.merkleRoot,
      anchor.leafIndex,
      integrity.credentialDigest,
      anchor.merkleProof,
    )
  ) {
    return "Merkle proof does not lead to the root";
  }
  const status = credential.credentialStatus;
  const [valid] = await reader.readContract({
    address: status.registryAddress as Address,
    abi: credentialRegistryAbi,
    functionName: "verify",
    args: [
      status.issuerAddress as Address,
      anchor.merkleRoot as Hex,
      BigInt(anchor.leafIndex),
      integrity.credentialDigest,
      anchor.merkleProof as Hex[],
    ],
  });
  return valid ? undefined : "the registry's verify view says not valid";
}

/**
 * Spearman's rank correlation of row number and index, for `indexes` (row i's index) that are a
 * permutation of 0..n-1: 1 for input order, -1 for reversed, near 0 when unrelated.
 */
export function spearmanRho(indexes: readonly number[]): number {
  const n = indexes.length;
  const squares = indexes.reduce((sum, index, row) => sum + (index - row) ** 2, 0);
  return 1 - (6 * squares) / (n * (n * n - 1));
}
