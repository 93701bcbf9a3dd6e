// Fixtures of the verifier tests: registries on the in-process chain with an accreditation body
// and an accredited university, and real batches of credentials (built by src/credential, hashed
// into a tree by src/merkle, anchored by src/chain) as a holder would keep them.
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
import { deployRegistries } from "../../scripts/lib/deployRegistries.ts";
import type { RegistryWriter } from "../../src/chain/index.ts";
import {
  type CredanchorCredential,
  type CredentialRecord,
  claimDigest,
  credentialDigest,
  credentialTypeId,
  type JsonPointer,
  parsePointer,
} from "../../src/credential/index.ts";
import type { TrustedRegistry } from "../../src/verifier/index.ts";
import {
  anchorCredentials as anchorBuilt,
  buildBatch,
  holderRecord,
} from "../helpers/issuedBatch.ts";

export const connection = await network.getOrCreate();
export const { ethers, networkHelpers } = connection;
export const provider = connection.provider as unknown as EIP1193Provider;

export const TYPE_NAME = "BachelorDegree";
/** What the body recorded on chain for the university, and what its credentials call it. */
export const ISSUER_NAME = "Northwind Polytechnic";
export const BODY_NAME = "Accreditation Council of Testland";
export const BODY_JURISDICTION = "DE";
export const TYPE_ID = credentialTypeId(TYPE_NAME);
/** AccreditationRegistry's "no end" validUntil. */
export const FOREVER = 2 ** 48 - 1;
const MANIFEST_CID = `0x01551220${"cd".repeat(32)}` as Hex;

export function writerFor(account: Address): RegistryWriter {
  return {
    wallet: createWalletClient({ account, chain: hardhat, transport: custom(provider) }),
    reader: createPublicClient({ transport: custom(provider) }) as PublicClient,
  };
}

/** test/helpers' graduate `i`, with a subject DID. */
export function record(i: number, overrides: Partial<CredentialRecord> = {}): CredentialRecord {
  return holderRecord(i, { subjectId: `did:example:holder-${i}`, ...overrides });
}

/**
 * Registries with one body accredited for BachelorDegree, accrediting `university` since well
 * before any batch; `otherBody` is appointed but accredits nobody; `smallProvider` is accredited
 * by nobody.
 */
export async function registries() {
  const [governance, body, university, otherBody, smallProvider, impostor] =
    await ethers.getSigners();
  const deployed = await deployRegistries(ethers, { deployer: governance!, adminDelay: 0n });
  const accreditation = deployed.accreditationRegistry;
  await (
    await accreditation.appointBody(body!.address, [TYPE_ID], "0x", BODY_NAME, BODY_JURISDICTION)
  ).wait();
  await (
    await accreditation.appointBody(otherBody!.address, [TYPE_ID], "0x", "Other Council", "FR")
  ).wait();
  const now = await networkHelpers.time.latest();
  await (
    await accreditation
      .connect(body!)
      .accredit(
        university!.address,
        TYPE_ID,
        now,
        FOREVER,
        "0x",
        ISSUER_NAME,
        "northwind-poly.example",
      )
  ).wait();
  const registry = deployed.contracts.CredentialRegistry.address as Address;
  /** The trust entry a verifier of this chain would choose on purpose. */
  const trust: TrustedRegistry = {
    chainId: deployed.chainId,
    credentialRegistry: registry,
    accreditationRegistry: deployed.contracts.AccreditationRegistry.address as Address,
    label: "test registries",
  };
  return {
    chainId: deployed.chainId,
    registry,
    trust,
    governance: governance!,
    accreditation,
    body: body!,
    otherBody: otherBody!,
    university: university!.address as Address,
    smallProvider: smallProvider!.address as Address,
    impostor: impostor!.address as Address,
  };
}

export type Registries = Awaited<ReturnType<typeof registries>>;

export type IssuedBatch = {
  credentials: CredanchorCredential[];
  root: Hex;
  anchoredAt: number;
  leafCount: number;
};

/**
 * Builds `records` into credentials naming `issuer`, and anchors their tree in the name of
 * `anchoredBy` (the issuer itself by default).
 */
export async function issueBatch(
  env: Registries,
  params: {
    issuer: Address;
    records: readonly CredentialRecord[];
    anchoredBy?: Address;
    /** The type name the credentials claim (the batch is always anchored under TYPE_ID). */
    credentialType?: string;
    /** The leaf count anchored (the number of credentials by default). */
    leafCount?: number;
    /** issuer.name in the credentials (the registered legal name by default). */
    issuerName?: string;
  },
): Promise<IssuedBatch> {
  const built = buildBatch(params.records, {
    chainId: env.chainId,
    registry: env.registry,
    issuer: params.issuer,
    credentialType: params.credentialType ?? TYPE_NAME,
    issuerName: params.issuerName ?? ISSUER_NAME,
    issuerUrl: "https://northwind-poly.example",
  });
  return anchorCredentials(env, built, params.anchoredBy ?? params.issuer, params.leafCount);
}

/** Anchors already built credentials (maybe crafted) as one batch under `anchoredBy`. */
export async function anchorCredentials(
  env: Registries,
  built: readonly CredanchorCredential[],
  anchoredBy: Address,
  leafCount = built.length,
): Promise<IssuedBatch> {
  const anchored = await anchorBuilt(writerFor(anchoredBy), built, {
    registry: env.registry,
    credentialType: TYPE_NAME,
    manifestCid: MANIFEST_CID,
    leafCount,
  });
  return {
    credentials: anchored.credentials,
    root: anchored.root,
    anchoredAt: anchored.anchoredAt,
    leafCount,
  };
}

/** A deep copy, as a credential read back from its file. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Sets the value at `pointer` (which must exist) in a copy of `credential`. */
export function withValue(
  credential: CredanchorCredential,
  pointer: JsonPointer,
  value: unknown,
): CredanchorCredential {
  const out = copy(credential) as unknown as Record<string, unknown>;
  const tokens = parsePointer(pointer);
  let node = out as Record<string, unknown>;
  for (const token of tokens.slice(0, -1)) node = node[token] as Record<string, unknown>;
  node[tokens.at(-1)!] = value;
  return out as unknown as CredanchorCredential;
}

/**
 * What a forger with the salts can do: recompute every disclosed claim's digest from the values
 * the document now shows and commit to them in a new credential digest, so integrity passes and
 * only inclusion (or the chain) can tell.
 */
export function redigest(credential: CredanchorCredential): CredanchorCredential {
  const out = copy(credential);
  const commitments = Object.entries(out.proof.claims).map(([pointer, entry]) => ({
    pointer,
    digest:
      "salt" in entry ? claimDigest(entry.salt, pointer, valueAt(out, pointer)) : entry.digest,
  }));
  out.proof.credentialDigest = credentialDigest(commitments);
  return out;
}

function valueAt(document: unknown, pointer: JsonPointer): unknown {
  let node = document as Record<string, unknown>;
  for (const token of parsePointer(pointer)) node = node[token] as Record<string, unknown>;
  return node;
}
