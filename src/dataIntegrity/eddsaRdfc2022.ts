// eddsa-rdfc-2022 (W3C Data Integrity EdDSA Cryptosuites v1.0): the proof configuration (the
// proof without proofValue, under the document's @context) and the document without `proof` are
// each canonicalised with RDFC-1.0 and hashed with SHA-256; the Ed25519 signature covers
// hash(proof config) || hash(document), and proofValue is its multibase base58btc ("z…").
import { decodeBase58btc, encodeBase58btc } from "./base58.ts";
import { type Canonicalizer, canonicalNQuads } from "./canonicalize.ts";
import { DataIntegrityError } from "./errors.ts";
import { sha256Text, verifyEd25519 } from "./nativeCrypto.ts";

/** Signs a message with an Ed25519 key (e.g. node:crypto's sign(null, message, key)). */
export type Ed25519Signer = (message: Uint8Array) => Uint8Array | Promise<Uint8Array>;

export type DataIntegrityProof = {
  type: "DataIntegrityProof";
  cryptosuite: "eddsa-rdfc-2022";
  created?: string;
  verificationMethod: string;
  proofPurpose: string;
  proofValue: string;
  "@context"?: unknown;
};

export type CreateEddsaProofOptions = {
  verificationMethod: string;
  /** The proof's time, `YYYY-MM-DDThh:mm:ssZ`. */
  created: string;
  sign: Ed25519Signer;
  proofPurpose?: "assertionMethod";
};

type JsonObject = Record<string, unknown>;

/** The bytes an eddsa-rdfc-2022 signature covers: SHA-256(proof config) || SHA-256(document). */
export async function eddsaRdfc2022HashData(
  document: JsonObject,
  proofConfig: JsonObject,
  general?: Canonicalizer,
): Promise<Uint8Array> {
  const unsecured = withoutProof(document);
  const { proofValue: _, ...rest } = proofConfig;
  const config = { ...rest, "@context": unsecured["@context"] };
  const [configNQuads, documentNQuads] = await Promise.all([
    proofConfigNQuads(config, general),
    canonicalNQuads(unsecured, general),
  ]);
  const data = new Uint8Array(64);
  data.set(sha256Text(configNQuads), 0);
  data.set(sha256Text(documentNQuads), 32);
  return data;
}

// A batch signs thousands of credentials with one proof configuration (same key, context and
// time): its canonical form is computed once and kept, in a small bounded cache.
const configCache = new Map<string, string>();

async function proofConfigNQuads(config: JsonObject, general?: Canonicalizer): Promise<string> {
  const key = JSON.stringify(config);
  let nquads = configCache.get(key);
  if (nquads === undefined) {
    nquads = await canonicalNQuads(config, general);
    if (configCache.size >= 64) configCache.clear();
    configCache.set(key, nquads);
  }
  return nquads;
}

/** Signs `document` (its `proof`, if any, is left out) with eddsa-rdfc-2022. */
export async function createEddsaProof(
  document: JsonObject,
  options: CreateEddsaProofOptions,
): Promise<DataIntegrityProof> {
  const config = {
    type: "DataIntegrityProof" as const,
    cryptosuite: "eddsa-rdfc-2022" as const,
    created: options.created,
    verificationMethod: options.verificationMethod,
    proofPurpose: options.proofPurpose ?? "assertionMethod",
  };
  const data = await eddsaRdfc2022HashData(document, config);
  const signature = await options.sign(data);
  if (!(signature instanceof Uint8Array) || signature.length !== 64)
    throw new DataIntegrityError(
      "DATA_INTEGRITY_PROOF_INVALID",
      `The Ed25519 signer returned ${signature instanceof Uint8Array ? `${signature.length} bytes` : typeof signature}, not a 64-byte signature.`,
      { verificationMethod: options.verificationMethod },
    );
  return { ...config, proofValue: encodeBase58btc(signature) };
}

export type EddsaVerifyOptions = {
  publicKey: Uint8Array;
  /** The general path for a document outside the fast path (@credanchor/sdk/jsonld). */
  canonicalizer?: Canonicalizer;
};

/**
 * True when `proof` is a valid eddsa-rdfc-2022 signature of `document` by `publicKey`; false for
 * a wrong signature. Throws DATA_INTEGRITY_PROOF_INVALID for a proof that is not eddsa-rdfc-2022
 * and a named error for a document it cannot canonicalise (e.g. an unknown context). A document
 * outside the fast path goes to `canonicalizer` when given (see canonicalNQuads).
 */
export async function verifyEddsaProof(
  document: JsonObject,
  proof: DataIntegrityProof,
  options: EddsaVerifyOptions,
): Promise<boolean> {
  if (proof?.type !== "DataIntegrityProof" || proof.cryptosuite !== "eddsa-rdfc-2022")
    throw new DataIntegrityError(
      "DATA_INTEGRITY_PROOF_INVALID",
      `The proof is not a DataIntegrityProof with cryptosuite eddsa-rdfc-2022 (type ${JSON.stringify(proof?.type)}, cryptosuite ${JSON.stringify(proof?.cryptosuite)}).`,
      { type: proof?.type, cryptosuite: proof?.cryptosuite },
    );
  const signature = signatureBytes(proof.proofValue);
  if (signature === undefined) return false;
  const { proofValue: _, ...config } = proof;
  const data = await eddsaRdfc2022HashData(document, config, options.canonicalizer);
  return verifyEd25519(signature, data, options.publicKey);
}

function signatureBytes(proofValue: unknown): Uint8Array | undefined {
  const bytes = typeof proofValue === "string" ? decodeBase58btc(proofValue) : undefined;
  return bytes?.length === 64 ? bytes : undefined;
}

function withoutProof(document: JsonObject): JsonObject {
  if (!("proof" in document)) return document;
  const { proof: _, ...rest } = document;
  return rest;
}
