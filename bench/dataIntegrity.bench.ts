// What the eddsa-rdfc-2022 signature costs per credential on one core: canonicalise (RDFC-1.0)
// the credential and the proof configuration, hash, and sign with node:crypto's Ed25519 (the
// pipeline's signer); and the same for verifying with @noble/curves (the browser's verifier).
// The general path (jsonld in safe mode + rdf-canonize) is measured beside it for comparison.
import { createPrivateKey, createPublicKey, sign } from "node:crypto";
import { generalCanonicalNQuads } from "../src/dataIntegrity/canonicalize.ts";
import {
  createEddsaProof,
  type DataIntegrityProof,
  didKeyFromPublicKey,
  verificationMethodOf,
  verifyEddsaProof,
} from "../src/dataIntegrity/index.ts";
import type { BenchModule } from "./harness.ts";

const SEED = Buffer.alloc(32, 7);
const CREATED = "2026-12-04T11:00:00Z";

/** A typical credanchor v2 credential (without proof): a degree with identifiers and results. */
function credential(i: number): Record<string, unknown> {
  const list =
    "https://registrar.example.edu/credanchor/status/5f0c6a3e9b2d4c1a8e7f6d5c4b3a2918.json";
  return {
    "@context": [
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
      "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
      "https://w3id.org/credanchor/v2",
    ],
    id: `urn:uuid:6a1f0c52-8d3b-4e7a-9c21-${String(i).padStart(12, "0")}`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: "BSc Chemistry",
    issuer: {
      id: "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
      type: ["Profile"],
      name: "Example University",
      url: "https://registrar.example.edu",
    },
    validFrom: "2025-02-03T00:00:00Z",
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [
        {
          type: "IdentityObject",
          identityType: "name",
          hashed: false,
          identityHash: `Ana Ruiz ${i}`,
        },
        {
          type: "IdentityObject",
          identityType: "studentId",
          hashed: true,
          identityHash: `sha256$${"3f".repeat(32)}`,
          salt: "a1b2c3d4",
        },
      ],
      achievement: {
        id: "urn:uuid:2c4e6a8b-0d1f-4a3c-8e5b-7d9f1a3c5e7b",
        type: ["Achievement"],
        name: "BSc Chemistry",
        description: "Bachelor of Science in Chemistry.",
        criteria: { narrative: "Completed 180 ECTS credits." },
        achievementType: "BachelorDegree",
      },
      result: [
        {
          type: ["Result"],
          resultDescription: "urn:uuid:00000000-0000-4000-8000-000000000001",
          value: "First",
        },
        {
          type: ["Result"],
          resultDescription: "urn:uuid:00000000-0000-4000-8000-000000000002",
          value: "3.8",
        },
      ],
      creditsEarned: 180,
    },
    credentialSchema: [
      {
        id: "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
        type: "1EdTechJsonSchemaValidator2019",
      },
    ],
    credentialStatus: {
      id: `${list}#${i}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(i),
      statusListCredential: list,
      chainId: "eip155:84532",
      registryAddress: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      issuerAddress: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
      credentialType: "BachelorDegree",
      batchIndex: i,
      batchRoot: `0x${"ab".repeat(32)}`,
    },
  };
}

const bench: BenchModule = {
  name: "dataIntegrity",
  async run(ctx) {
    const count = ctx.quick ? 500 : 2_000;
    const privateKey = createPrivateKey({
      key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), SEED]),
      format: "der",
      type: "pkcs8",
    });
    const publicKey = new Uint8Array(
      createPublicKey(privateKey).export({ format: "der", type: "spki" }).subarray(12),
    );
    const signer = (message: Uint8Array) => new Uint8Array(sign(null, message, privateKey));
    const options = {
      verificationMethod: verificationMethodOf(didKeyFromPublicKey(publicKey)),
      created: CREATED,
      sign: signer,
    };
    const documents = Array.from({ length: count }, (_, i) => credential(i));
    const proofs: DataIntegrityProof[] = [];

    await ctx.measure(
      "sign.rdfc.perCredential.ms",
      "ms",
      async () => {
        proofs.length = 0;
        const start = performance.now();
        for (const document of documents) proofs.push(await createEddsaProof(document, options));
        return (performance.now() - start) / count;
      },
      { budget: { max: 0.3 } },
    );
    await ctx.measure("verify.rdfc.perCredential.ms", "ms", async () => {
      const start = performance.now();
      for (let i = 0; i < count; i++) {
        if (!(await verifyEddsaProof(documents[i]!, proofs[i]!, { publicKey })))
          throw new Error(`bench credential ${i} did not verify`);
      }
      return (performance.now() - start) / count;
    });
    const general = documents.slice(0, ctx.quick ? 50 : 200);
    await ctx.measure("canonicalize.rdfc.general.perCredential.ms", "ms", async () => {
      const start = performance.now();
      for (const document of general) await generalCanonicalNQuads(document);
      return (performance.now() - start) / general.length;
    });
  },
};

export default bench;
