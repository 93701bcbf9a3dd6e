// A batch of real credentials as the issuer leaves them: records built by src/credential, hashed
// into a tree by src/merkle, anchored by src/chain and carrying their anchor. The one recipe the
// CLI tests and the benchmarks share; a fixture adds only what its scenario needs (IPFS manifest,
// holder files, signatures) around it.
import type { Address, Hex } from "viem";
import { anchorBatch, type RegistryWriter } from "../../src/chain/index.ts";
import {
  attachAnchor,
  buildCredential,
  type CredanchorCredential,
  type CredentialRecord,
  credentialTypeId,
} from "../../src/credential/index.ts";
import { buildMerkleTree } from "../../src/merkle/index.ts";

/** A manifest CID (raw codec, sha2-256) for batches whose manifest no test ever fetches. */
export const UNUSED_MANIFEST_CID = `0x01551220${"cd".repeat(32)}` as Hex;

/** Graduate `i` of a BEng Mechatronics cohort: deterministic, and distinct per index. */
export function holderRecord(
  i: number,
  overrides: Partial<CredentialRecord> = {},
): CredentialRecord {
  return {
    holderName: `Holder ${i}`,
    identifiers: [{ identityType: "emailAddress", value: `holder${i}@mail.example` }],
    achievement: {
      name: "BEng Mechatronics",
      description: "Bachelor of Engineering in Mechatronics, three years full time.",
      criteria: "Earn 180 ECTS including the final design project.",
      achievementType: "BachelorDegree",
    },
    validFrom: "2025-07-14",
    results: [{ name: "Classification", value: "Upper second class" }],
    ...overrides,
  };
}

export interface BatchOf {
  chainId: number;
  registry: Address;
  /** The account the credentials name as issuer (and that anchors them). */
  issuer: Address;
  credentialType: string;
  issuerName: string;
  issuerUrl?: string;
}

/** One credential per record, indexed in order, naming `batch.issuer` (format v1). */
export function buildBatch(
  records: readonly CredentialRecord[],
  batch: BatchOf,
): CredanchorCredential[] {
  const context = {
    chainId: batch.chainId,
    registryAddress: batch.registry,
    issuerAddress: batch.issuer,
    credentialType: batch.credentialType,
    issuerProfile: {
      name: batch.issuerName,
      ...(batch.issuerUrl === undefined ? {} : { url: batch.issuerUrl }),
    },
  };
  return records.map((record, index) => buildCredential({ record, index, context }));
}

export interface AnchoredCredentials {
  credentials: CredanchorCredential[];
  root: Hex;
  leafCount: number;
  transactionHash: Hex;
  blockNumber: number;
  anchoredAt: number;
}

/**
 * Anchors `built` as one batch from `writer`'s account and returns them carrying the anchor.
 * `leafCount` is written into each anchor only when asked: `issue` writes it, older files lack it.
 */
export async function anchorCredentials(
  writer: RegistryWriter,
  built: readonly CredanchorCredential[],
  batch: {
    registry: Address;
    credentialType: string;
    /** The manifest's CID as bytes, or a function storing the manifest of this root first. */
    manifestCid?: Hex | ((root: Hex, digests: Hex[]) => Promise<Hex>);
    /** The leaf count anchored (the number of credentials by default). */
    leafCount?: number;
    writeLeafCount?: boolean;
  },
): Promise<AnchoredCredentials> {
  const leafCount = batch.leafCount ?? built.length;
  const digests = built.map((c) => c.proof.credentialDigest);
  const tree = await buildMerkleTree(digests);
  const manifestCid =
    typeof batch.manifestCid === "function"
      ? await batch.manifestCid(tree.root, digests)
      : (batch.manifestCid ?? UNUSED_MANIFEST_CID);
  const anchored = await anchorBatch(writer, {
    registry: batch.registry,
    issuer: writer.wallet.account.address,
    root: tree.root,
    leafCount,
    credentialType: credentialTypeId(batch.credentialType),
    manifestCid,
  });
  if (anchored.status !== "anchored") throw new Error("the test batch was anchored before");
  const credentials = built.map((credential, index) =>
    attachAnchor(credential, {
      merkleRoot: tree.root,
      merkleProof: tree.proof(index),
      transactionHash: anchored.txHash,
      blockNumber: Number(anchored.blockNumber),
      ...(batch.writeLeafCount === true ? { leafCount } : {}),
    }),
  );
  return {
    credentials,
    root: tree.root,
    leafCount,
    transactionHash: anchored.txHash,
    blockNumber: Number(anchored.blockNumber),
    anchoredAt: anchored.anchoredAt,
  };
}
