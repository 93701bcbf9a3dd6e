// Shared fixtures of the credential tests: an issuance context, input records, and a seeded
// random source so a built credential can be reproduced byte for byte.
import { ed25519 } from "@noble/curves/ed25519";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { base58btc } from "multiformats/bases/base58";
import type {
  AnchorDetails,
  CredentialRecord,
  DataIntegrityProof,
  IssuanceContext,
  IssuanceContextV2,
  RandomSource,
} from "../../src/credential/index.ts";

export const context: IssuanceContext = {
  chainId: 84532,
  registryAddress: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  issuerAddress: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  credentialType: "BachelorDegree",
  issuerProfile: {
    name: "Northwind Polytechnic",
    url: "https://northwind-poly.example",
    email: "registrar@northwind-poly.example",
  },
};

/** The smallest record the builder accepts. */
export const minimalRecord: CredentialRecord = {
  holderName: "Ingrid Halvorsen",
  achievement: {
    name: "Workshop Safety Induction",
    description: "Completed the mandatory induction for the mechanical workshop.",
    criteria: "Attend the two-hour induction and pass the practical check.",
  },
  validFrom: "2025-02-03",
};

/** A record using every field the builder knows. */
export const fullRecord: CredentialRecord = {
  holderName: "Tomás Okonkwo-Ribeiro",
  subjectId: "did:example:holder-7f3a",
  identifiers: [
    { identityType: "emailAddress", value: "tomas.or@mail.example", hashed: true },
    { identityType: "sisSourcedId", value: "NP-2021-0457" },
  ],
  achievement: {
    id: "https://northwind-poly.example/programmes/beng-mechatronics",
    name: "BEng Mechatronics",
    description: "Bachelor of Engineering in Mechatronics, three years full time.",
    criteria: "Earn 180 ECTS including the final design project.",
    criteriaUrl: "https://northwind-poly.example/programmes/beng-mechatronics/rules",
    achievementType: "BachelorDegree",
    fieldOfStudy: "Mechatronics",
    humanCode: "BENG-MX",
    creditsAvailable: 180,
    tags: ["engineering", "robotics"],
    image: "https://northwind-poly.example/badges/beng-mx.png",
  },
  validFrom: "2025-07-14T10:30:00+02:00",
  validUntil: "2035-07-14",
  results: [
    { name: "Classification", value: "Upper second class" },
    { name: "Final design project", value: "74", resultType: "Percent" },
    { name: "Placement year", status: "Completed" },
  ],
  evidence: [
    {
      id: "https://northwind-poly.example/projects/2025/okonkwo-ribeiro",
      name: "Autonomous sorting arm",
      description: "Final design project report and demo video.",
      genre: "Engineering project",
    },
  ],
  creditsEarned: 180,
  term: "2024/25",
  activityStartDate: "2022-09-19",
  activityEndDate: "2025-06-27",
};

/**
 * A deterministic RandomSource: the stream keccak256(seed || counter) for counter = 0, 1, ...
 * Test-only; credentials for real holders take crypto.getRandomValues.
 */
export function seededRandom(seed: string): RandomSource {
  const seedBytes = new TextEncoder().encode(seed);
  let counter = 0;
  let pool = new Uint8Array(0);
  return (byteLength) => {
    while (pool.length < byteLength) {
      const block = new Uint8Array(seedBytes.length + 4);
      block.set(seedBytes);
      new DataView(block.buffer).setUint32(seedBytes.length, counter++);
      const next = new Uint8Array(pool.length + 32);
      next.set(pool);
      next.set(keccak_256(block), pool.length);
      pool = next;
    }
    const out = pool.slice(0, byteLength);
    pool = pool.slice(byteLength);
    return out;
  };
}

/** A deep copy through JSON, as a credential read back from its file. */
export function viaJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The test issuer's Ed25519 seed (test-only, public). */
export const signingSeed = keccak_256(new TextEncoder().encode("credanchor test signing key"));
/** The test issuer's did:key: multibase base58btc of 0xed01 || public key. */
export const issuerDidKey = `did:key:${base58btc.encode(
  Uint8Array.from([0xed, 0x01, ...ed25519.getPublicKey(signingSeed)]),
)}`;

/** A v2 batch: the v1 context plus the issuer's did:key and the batch's status list. */
export const contextV2: IssuanceContextV2 = {
  ...context,
  issuerDid: issuerDidKey,
  statusListCredential:
    "https://northwind-poly.example/credanchor/status/0f1e2d3c4b5a69788796a5b4c3d2e1f0.json",
};

/** Anchor details of a v2 test batch (a made-up root and transaction; a real block time form). */
export const anchorV2: AnchorDetails = {
  merkleRoot: `0x${"11".repeat(32)}`,
  merkleProof: [`0x${"33".repeat(32)}`],
  transactionHash: `0x${"22".repeat(32)}`,
  blockNumber: 1234567,
  blockTime: "2026-12-04T11:00:00Z",
};

/**
 * A DataIntegrityProof as the issuer attaches it: the shape of the real thing, with an Ed25519
 * signature over `message` (not over the canonical document, which src/dataIntegrity signs; the
 * credential module checks the proof's form, the verifier its signature).
 */
export function signatureProof(
  created: string,
  message = "credanchor test document",
): DataIntegrityProof {
  const signature = ed25519.sign(new TextEncoder().encode(message), signingSeed);
  return {
    type: "DataIntegrityProof",
    cryptosuite: "eddsa-rdfc-2022",
    created,
    verificationMethod: `${issuerDidKey}#${issuerDidKey.slice("did:key:".length)}`,
    proofPurpose: "assertionMethod",
    proofValue: base58btc.encode(signature),
  };
}
