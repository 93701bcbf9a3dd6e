// A credanchor v2 credential built by hand in the shape of issue 12's plan, and an issuer signing
// with Digital Bazaar's own eddsa-rdfc-2022 suite: the known-good input that proves the interop
// harness before the pipeline writes v2 files.
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { createCredential, createList } from "@digitalbazaar/vc-bitstring-status-list";
import { CREDANCHOR_CONTEXT_URL } from "../../src/dataIntegrity/credanchorContext.ts";
import { type JsonObject, offlineDocumentLoader } from "./standardVerifiers.ts";

// A fixed, public test key: never a real issuer's.
export const TEST_SEED = new Uint8Array(32).map((_, i) => i + 1);
export const STATUS_LIST_URL =
  "https://registrar.example.edu/credanchor/status/5f0c6a3e9b2d4c1a8e7f6d5c4b3a2918.json";
export const BATCH_INDEX = 17;
export const CREATED = "2025-02-03T10:00:00Z";

export interface TestIssuer {
  did: string;
  sign: (document: JsonObject) => Promise<JsonObject>;
}

export async function digitalBazaarIssuer(): Promise<TestIssuer> {
  const { publicKeyMultibase } = await Ed25519Multikey.generate({ seed: TEST_SEED });
  const did = `did:key:${publicKeyMultibase}`;
  const keyPair = await Ed25519Multikey.generate({
    seed: TEST_SEED,
    id: `${did}#${publicKeyMultibase}`,
    controller: did,
  });
  const documentLoader = offlineDocumentLoader();
  return {
    did,
    sign: (document) =>
      vc.issue({
        credential: structuredClone(document),
        suite: new DataIntegrityProof({
          signer: keyPair.signer(),
          cryptosuite: eddsaRdfc2022,
          date: CREATED,
        }),
        documentLoader,
      }),
  };
}

export async function statusListCredential(
  issuer: TestIssuer,
  revoked: number[],
): Promise<JsonObject> {
  const list = await createList({ length: 131_072 });
  for (const index of revoked) list.setStatus(index, true);
  const credential = await createCredential({
    id: STATUS_LIST_URL,
    list,
    statusPurpose: "revocation",
  });
  return issuer.sign({ ...credential, issuer: issuer.did, validFrom: "2025-02-03T00:00:00Z" });
}

// The v2 shape by hand: OB 3.0 credential, did:key issuer, BitstringStatusListEntry with the
// credanchor members, proof set [anchor proof, eddsa-rdfc-2022]. The anchor proof is a TEST DOUBLE
// (made-up digests and anchor): standard verifiers do not read it, and it is outside the signature.
export async function v2Credential(issuer: TestIssuer): Promise<JsonObject> {
  const unsigned: JsonObject = {
    "@context": [
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
      "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
      CREDANCHOR_CONTEXT_URL,
    ],
    id: "urn:uuid:6a1f0c52-8d3b-4e7a-9c21-5b4d3e2f1a09",
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: "BSc Chemistry",
    issuer: {
      id: issuer.did,
      type: ["Profile"],
      name: "Example University",
      url: "https://registrar.example.edu",
    },
    validFrom: "2025-02-03T00:00:00Z",
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [
        { type: "IdentityObject", identityType: "name", hashed: false, identityHash: "Ana Ruiz" },
      ],
      achievement: {
        id: "urn:uuid:2c4e6a8b-0d1f-4a3c-8e5b-7d9f1a3c5e7b",
        type: ["Achievement"],
        name: "BSc Chemistry",
        description: "Bachelor of Science in Chemistry.",
        criteria: { narrative: "Completed 180 ECTS credits." },
        achievementType: "BachelorDegree",
      },
    },
    credentialSchema: [
      {
        id: "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
        type: "1EdTechJsonSchemaValidator2019",
      },
    ],
    credentialStatus: {
      id: `${STATUS_LIST_URL}#${BATCH_INDEX}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(BATCH_INDEX),
      statusListCredential: STATUS_LIST_URL,
      chainId: "eip155:84532",
      registryAddress: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      issuerAddress: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
      credentialType: "BachelorDegree",
      batchIndex: BATCH_INDEX,
      batchRoot: `0x${"ab".repeat(32)}`,
    },
  };
  const signed = await issuer.sign(unsigned);
  const anchorProof = {
    type: "CredanchorMerkleProof",
    cryptosuite: "credanchor-keccak-jcs-v2",
    created: CREATED,
    proofPurpose: "assertionMethod",
    verificationMethod:
      "did:pkh:eip155:84532:0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266#blockchainAccountId",
    credentialDigest: `0x${"cd".repeat(32)}`,
    claims: { "/name": { salt: "00".repeat(16) } },
    anchor: { leafIndex: 3, siblings: [`0x${"ef".repeat(32)}`] },
  };
  return { ...signed, proof: [anchorProof, signed.proof] };
}
