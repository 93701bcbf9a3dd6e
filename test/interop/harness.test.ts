// Proves the interop harness itself on a credential built by hand in the v2 shape (issue 12's
// plan) and signed with Digital Bazaar's own eddsa-rdfc-2022 suite, so that when the pipeline
// writes v2 files, a failure in standardVerifiers.ts means the file, not the harness.
import { expect } from "chai";
import { CREDANCHOR_CONTEXT_URL } from "../../src/dataIntegrity/credanchorContext.ts";
import {
  BATCH_INDEX,
  digitalBazaarIssuer,
  STATUS_LIST_URL,
  statusListCredential,
  type TestIssuer,
  v2Credential,
} from "./handBuiltV2.ts";
import {
  expandsInSafeMode,
  type IssuerRegistry,
  type JsonObject,
  type StatusLists,
  validateWithSchemas,
  verifyWithDigitalBazaar,
  verifyWithVerifierCore,
} from "./standardVerifiers.ts";

describe("interop harness (standard verifiers, offline)", function () {
  this.timeout(30_000);
  let issuer: TestIssuer;
  let credential: JsonObject;
  let liveLists: StatusLists;
  let revokedLists: StatusLists;

  before(async () => {
    issuer = await digitalBazaarIssuer();
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
