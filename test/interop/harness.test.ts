// Proves the interop harness itself on a credential built by hand in the v2 shape (issue 12's
// plan) and signed with Digital Bazaar's own eddsa-rdfc-2022 suite, so that when the pipeline
// writes v2 files, a failure in standardVerifiers.ts means the file, not the harness.
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { createCredential, createList } from "@digitalbazaar/vc-bitstring-status-list";
import { expect } from "chai";
import { CREDANCHOR_CONTEXT_URL } from "../../src/dataIntegrity/credanchorContext.ts";
import {
  expandsInSafeMode,
  type IssuerRegistry,
  type JsonObject,
  offlineDocumentLoader,
  type StatusLists,
  validateWithSchemas,
  verifyWithDigitalBazaar,
  verifyWithVerifierCore,
} from "./standardVerifiers.ts";

// A fixed, public test key: never a real issuer's.
const TEST_SEED = new Uint8Array(32).map((_, i) => i + 1);
const STATUS_LIST_URL =
  "https://registrar.example.edu/credanchor/status/5f0c6a3e9b2d4c1a8e7f6d5c4b3a2918.json";
const BATCH_INDEX = 17;
const CREATED = "2025-02-03T10:00:00Z";

interface TestIssuer {
  did: string;
  sign: (document: JsonObject) => Promise<JsonObject>;
}

async function testIssuer(): Promise<TestIssuer> {
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

async function statusListCredential(issuer: TestIssuer, revoked: number[]): Promise<JsonObject> {
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
async function v2Credential(issuer: TestIssuer): Promise<JsonObject> {
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

describe("interop harness (standard verifiers, offline)", function () {
  this.timeout(30_000);
  let issuer: TestIssuer;
  let credential: JsonObject;
  let liveLists: StatusLists;
  let revokedLists: StatusLists;

  before(async () => {
    issuer = await testIssuer();
    credential = await v2Credential(issuer);
    liveLists = new Map([[STATUS_LIST_URL, await statusListCredential(issuer, [])]]);
    revokedLists = new Map([[STATUS_LIST_URL, await statusListCredential(issuer, [BATCH_INDEX])]]);
  });

  it("Digital Bazaar's vc verifies the signed v2 credential and reads its bit as not revoked", async () => {
    const verdict = await verifyWithDigitalBazaar(credential, { statusLists: liveLists });
    expect(verdict.errors).to.deep.equal([]);
    expect(verdict).to.include({ verified: true, revoked: false });
  });

  it("Digital Bazaar's vc reads the set bit as revoked", async () => {
    const verdict = await verifyWithDigitalBazaar(credential, { statusLists: revokedLists });
    expect(verdict.revoked).to.equal(true);
  });

  it("Digital Bazaar's vc rejects a credential edited after signing", async () => {
    const tampered = structuredClone(credential);
    (tampered.credentialSubject as { achievement: { name: string } }).achievement.name = "PhD";
    const verdict = await verifyWithDigitalBazaar(tampered, { statusLists: liveLists });
    expect(verdict.verified).to.equal(false);
  });

  it("verifier-core verifies the v2 credential offline, status and schema included", async () => {
    const summary = await verifyWithVerifierCore(credential, { statusLists: liveLists });
    expect(summary.errors).to.deep.equal([]);
    expect(summary).to.include({ verified: true, revoked: false });
    expect(summary.checks).to.include({
      valid_signature: true,
      expiration: true,
      revocation_status: true,
    });
    expect(summary.schemaChecks).to.deep.equal([
      {
        schema:
          "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
        valid: true,
      },
    ]);
    expect(summary.refused).to.deep.equal([]);
  });

  it("verifier-core finds the issuer only in a registry that lists its did:key", async () => {
    const registry: IssuerRegistry = {
      name: "credanchor interop test registry",
      url: "https://registry.credanchor.test/issuers.json",
      issuers: { [issuer.did]: { name: "Example University" } },
    };
    const listed = await verifyWithVerifierCore(credential, {
      statusLists: liveLists,
      registries: [registry],
    });
    expect(listed.registeredIn).to.deep.equal([registry.name]);
    expect(listed.checks.registered_issuer).to.equal(true);
    const unlisted = await verifyWithVerifierCore(credential, { statusLists: liveLists });
    expect(unlisted.checks.registered_issuer).to.equal(false);
  });

  it("verifier-core reads the set bit as revoked", async () => {
    const summary = await verifyWithVerifierCore(credential, { statusLists: revokedLists });
    expect(summary).to.include({ verified: false, revoked: true });
  });

  it("verifier-core rejects a credential edited after signing", async () => {
    const tampered = structuredClone(credential);
    (tampered.credentialSubject as { achievement: { name: string } }).achievement.name = "PhD";
    const summary = await verifyWithVerifierCore(tampered, { statusLists: liveLists });
    expect(summary.verified).to.equal(false);
    expect(summary.errors.join("\n")).to.match(/signature/i);
  });

  it("verifier-core cannot verify while the credanchor context URL does not answer", async () => {
    const summary = await verifyWithVerifierCore(credential, {
      statusLists: liveLists,
      credanchorContextOnline: false,
    });
    expect(summary.verified).to.equal(false);
    expect(summary.refused).to.include(CREDANCHOR_CONTEXT_URL);
  });

  it("neither verifier believes a status list edited after signing", async () => {
    const forged = structuredClone(revokedLists.get(STATUS_LIST_URL)!);
    const live = liveLists.get(STATUS_LIST_URL) as { credentialSubject: { encodedList: string } };
    (forged.credentialSubject as { encodedList: string }).encodedList =
      live.credentialSubject.encodedList;
    const statusLists = new Map([[STATUS_LIST_URL, forged]]);
    const dbVerdict = await verifyWithDigitalBazaar(credential, { statusLists });
    expect(dbVerdict).to.include({ verified: false, revoked: undefined });
    const coreSummary = await verifyWithVerifierCore(credential, { statusLists });
    expect(coreSummary).to.include({ verified: false, revoked: undefined });
    expect(coreSummary.errors.join("\n")).to.match(/signature/i);
  });

  it("the v2 credential, proofs included, expands in JSON-LD safe mode with nothing dropped", async () => {
    expect(await expandsInSafeMode(credential)).to.deep.equal({ dropped: [] });
  });

  it("safe mode stops on 1EdTechJsonSchemaValidator2019 without the extensions context", async () => {
    const contexts = (credential["@context"] as string[]).filter(
      (url) => !url.endsWith("/extensions.json"),
    );
    const result = await expandsInSafeMode({ ...credential, "@context": contexts });
    expect(result.dropped).to.deep.equal([
      "relative @type reference: 1EdTechJsonSchemaValidator2019",
    ]);
    expect(result.safeModeError).to.include("1EdTechJsonSchemaValidator2019");
  });

  it("both OB 3.0 schemas and the VC 2.0 schema accept the v2 credential", () => {
    const verdicts = validateWithSchemas(credential);
    expect(verdicts.obStrict).to.deep.equal({ valid: true, errors: [] });
    expect(verdicts.obJsonLd).to.deep.equal({ valid: true, errors: [] });
    expect(verdicts.vc2).to.deep.equal({ valid: true, errors: [] });
  });

  it("the strict OB 3.0 schema rejects a proof given as an object", () => {
    const single = { ...credential, proof: (credential.proof as unknown[])[1] };
    const verdicts = validateWithSchemas(single);
    expect(verdicts.obStrict.valid).to.equal(false);
    expect(verdicts.obStrict.errors.join("\n")).to.include("/proof");
    expect(verdicts.obJsonLd.valid).to.equal(true);
  });
});
