// eddsa-rdfc-2022 sign and verify, checked against Digital Bazaar's suite both ways.
import { createPrivateKey, sign as nodeSign } from "node:crypto";
import { DataIntegrityProof as DbProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { ed25519 } from "@noble/curves/ed25519";
import { expect } from "chai";
import fc from "fast-check";
import { fastCanonicalNQuads } from "../../src/dataIntegrity/canonicalize.ts";
import {
  createEddsaProof,
  DataIntegrityError,
  didKeyFromPublicKey,
  documentLoader,
  verificationMethodOf,
  verifyEddsaProof,
} from "../../src/dataIntegrity/index.ts";
import { CONTEXT, unsignedCredential } from "./arbitraries.ts";

const SEED = new Uint8Array(32).map((_, i) => i + 1);
const PUBLIC_KEY = ed25519.getPublicKey(SEED);
const DID = didKeyFromPublicKey(PUBLIC_KEY);
const CREATED = "2026-12-04T11:00:00Z";
const nodeKey = createPrivateKey({
  key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), SEED]),
  format: "der",
  type: "pkcs8",
});
const options = {
  verificationMethod: verificationMethodOf(DID),
  created: CREATED,
  sign: (message: Uint8Array) => new Uint8Array(nodeSign(null, message, nodeKey)),
};

// Digital Bazaar's resolver for our did:key: the DID document of one Multikey.
async function dbLoader(url: string) {
  if (url.startsWith("did:key:")) {
    const key = DID.slice(8);
    const method = {
      "@context": "https://w3id.org/security/multikey/v1",
      id: `${DID}#${key}`,
      type: "Multikey",
      controller: DID,
      publicKeyMultibase: key,
    };
    const document = url.includes("#")
      ? method
      : {
          "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
          id: DID,
          verificationMethod: [method],
          assertionMethod: [method.id],
        };
    return { contextUrl: null, documentUrl: url, document };
  }
  if (url === "https://www.w3.org/ns/did/v1")
    return {
      contextUrl: null,
      documentUrl: url,
      document: {
        "@context": {
          "@protected": true,
          id: "@id",
          type: "@type",
          verificationMethod: {
            "@id": "https://w3id.org/security#verificationMethod",
            "@type": "@id",
          },
          assertionMethod: {
            "@id": "https://w3id.org/security#assertionMethod",
            "@type": "@id",
            "@container": "@set",
          },
        },
      },
    };
  return documentLoader(url);
}

describe("dataIntegrity: eddsa-rdfc-2022", function () {
  this.timeout(60_000);

  it("signs credentials that Digital Bazaar's verifier accepts, and verifies its signatures", async () => {
    const keyPair = await Ed25519Multikey.generate({
      seed: SEED,
      id: verificationMethodOf(DID),
      controller: DID,
    });
    await fc.assert(
      fc.asyncProperty(unsignedCredential, async (generated) => {
        // Full credentials only: a disclosed copy (nulls for hidden items) carries no signature.
        fc.pre(!JSON.stringify(generated).includes("null"));
        const issuer = generated.issuer as Record<string, unknown>;
        // Digital Bazaar's verifier also checks the validity period: keep it open.
        const { validUntil: _, ...rest } = generated;
        const document = {
          ...rest,
          validFrom: "2020-01-01T00:00:00Z",
          issuer: { ...issuer, id: DID },
        };
        const proof = await createEddsaProof(document, options);
        expect(await verifyEddsaProof(document, proof, { publicKey: PUBLIC_KEY })).to.equal(true);
        const ours = await vc.verifyCredential({
          credential: { ...document, proof },
          suite: new DbProof({ cryptosuite: eddsaRdfc2022 }),
          documentLoader: dbLoader,
          checkStatus: async () => ({ verified: true }),
        });
        expect(ours.verified, String(ours.error?.errors?.[0]?.message)).to.equal(true);
        const theirs = await vc.issue({
          credential: structuredClone(document),
          suite: new DbProof({
            signer: keyPair.signer(),
            cryptosuite: eddsaRdfc2022,
            date: CREATED,
          }),
          documentLoader: dbLoader,
        });
        expect(theirs.proof.proofValue).to.equal(proof.proofValue);
        expect(await verifyEddsaProof(document, theirs.proof, { publicKey: PUBLIC_KEY })).to.equal(
          true,
        );
      }),
      { numRuns: 25 },
    );
  });

  it("returns false for an edited document, another key, or a damaged proofValue", async () => {
    const [document] = fc.sample(unsignedCredential, { numRuns: 1, seed: 7 }) as Record<
      string,
      unknown
    >[];
    const proof = await createEddsaProof(document!, options);
    const verify = (d: Record<string, unknown>, p = proof, publicKey = PUBLIC_KEY) =>
      verifyEddsaProof(d, p, { publicKey });
    expect(await verify({ ...document!, validFrom: "2000-01-01T00:00:00Z" })).to.equal(false);
    expect(await verify(document!, proof, ed25519.getPublicKey(new Uint8Array(32)))).to.equal(
      false,
    );
    expect(
      await verify(document!, { ...proof, proofValue: `${proof.proofValue.slice(0, -2)}11` }),
    ).to.equal(false);
    expect(await verify(document!, { ...proof, proofValue: "not base58" })).to.equal(false);
    expect(await verify(document!, { ...proof, created: "2026-12-04T11:00:01Z" })).to.equal(false);
  });

  it("ignores a proof already on the document (the signature covers the document without it)", async () => {
    const [document] = fc.sample(unsignedCredential, { numRuns: 1, seed: 8 }) as Record<
      string,
      unknown
    >[];
    const proof = await createEddsaProof(document!, options);
    const withProofs = { ...document!, proof: [{ type: "CredanchorMerkleProof" }, proof] };
    expect(await createEddsaProof(withProofs, options)).to.deep.equal(proof);
    expect(await verifyEddsaProof(withProofs, proof, { publicKey: PUBLIC_KEY })).to.equal(true);
  });

  it("signs a document outside credanchor's vocabulary through the general path", async () => {
    const document = {
      "@context": CONTEXT.slice(0, 1),
      id: "urn:uuid:1",
      type: ["VerifiableCredential"],
      "https://schema.org/alternateName": "Ana",
    };
    expect(fastCanonicalNQuads(document)).to.deep.equal({});
    const proof = await createEddsaProof(document, options);
    expect(await verifyEddsaProof(document, proof, { publicKey: PUBLIC_KEY })).to.equal(true);
  });

  it("refuses, with a named error, a document JSON-LD safe mode would drop terms of", async () => {
    const document = { "@context": CONTEXT.slice(0, 1), id: "urn:uuid:1", nickname: "Ana" };
    const error = await createEddsaProof(document, options).catch((e) => e);
    expect(error).to.be.instanceOf(DataIntegrityError);
    expect(error.code).to.equal("DATA_INTEGRITY_DOCUMENT_UNSUPPORTED");
  });

  it("throws a named error for a document naming an unknown context, or a proof of another suite", async () => {
    const document = { "@context": ["https://example.com/v1"], id: "urn:uuid:1" };
    const error = await createEddsaProof(document, options).catch((e) => e);
    expect(error).to.be.instanceOf(DataIntegrityError);
    expect(error.code).to.equal("DATA_INTEGRITY_CONTEXT_UNKNOWN");
    const proof = await createEddsaProof({ "@context": CONTEXT, id: "urn:uuid:1" }, options);
    const wrong = await verifyEddsaProof(
      { "@context": CONTEXT },
      { ...proof, cryptosuite: "ecdsa-rdfc-2019" as "eddsa-rdfc-2022" },
      { publicKey: PUBLIC_KEY },
    ).catch((e) => e);
    expect(wrong.code).to.equal("DATA_INTEGRITY_PROOF_INVALID");
  });
});
