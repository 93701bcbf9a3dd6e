// verify(): one status per situation an employer meets, on real credentials anchored on the
// in-process chain. Each test changes one thing (a claim, the chain state, the policy, the clock).
import { expect } from "chai";
import type { Address } from "viem";
import { changeCredentialStatus, revokeBatch } from "../../src/chain/index.ts";
import { disclose, issuerDid } from "../../src/credential/index.ts";
import type { CredanchorError } from "../../src/errors.ts";
import {
  CHECK_IDS,
  type CheckId,
  type VerificationReport,
  verify,
} from "../../src/verifier/index.ts";
import { deadRpcUrl } from "../helpers/rpcServer.ts";
import {
  anchorCredentials,
  BODY_JURISDICTION,
  BODY_NAME,
  copy,
  issueBatch,
  networkHelpers,
  provider,
  record,
  redigest,
  registries,
  TYPE_ID,
  withValue,
  writerFor,
} from "./fixtures.ts";

async function universityBatch() {
  const env = await registries();
  const batch = await issueBatch(env, {
    issuer: env.university,
    records: [0, 1, 2, 3].map((i) => record(i)),
  });
  return { env, batch };
}

function checkOf(report: VerificationReport, id: CheckId) {
  return report.checks.find((c) => c.id === id)!;
}

describe("verifier/verify", () => {
  it("reports a freshly issued credential valid, with its issuer, accreditor and anchoring time", async () => {
    const { env, batch } = await networkHelpers.loadFixture(universityBatch);
    const report = await verify(copy(batch.credentials[2]), {
      provider,
      trust: [env.trust],
      source: "c2.json",
    });
    expect(report.status).to.equal("valid");
    expect(report.cause).to.equal(null);
    expect(report.checks.map((c) => c.id)).to.deep.equal([...CHECK_IDS]);
    // A v1 file is unsigned: the two v2 checks are skipped, everything else passes.
    expect(
      report.checks.filter((c) => c.result !== "pass").map((c) => `${c.id}:${c.code}`),
    ).to.deep.equal(["signature:UNSIGNED_V1", "signing-key:UNSIGNED_V1"]);
    expect(report).to.deep.include({
      source: "c2.json",
      credentialId: batch.credentials[2]!.id,
      credentialType: "BachelorDegree",
      accreditor: { address: env.body.address, name: BODY_NAME, jurisdiction: BODY_JURISDICTION },
      accreditorNow: {
        address: env.body.address,
        name: BODY_NAME,
        jurisdiction: BODY_JURISDICTION,
      },
      trust: { label: "test registries", chain: `eip155:${env.chainId}`, registry: env.registry },
      warnings: [],
      anchoredAt: new Date(batch.anchoredAt * 1000).toISOString(),
      chain: `eip155:${env.chainId}`,
      registry: env.registry,
      root: batch.root,
      index: 2,
    });
    expect(report.issuer).to.deep.equal({
      id: issuerDid(env.chainId, env.university),
      address: env.university,
      name: "Northwind Polytechnic",
      registeredName: "Northwind Polytechnic",
      registeredDomain: "northwind-poly.example",
    });
    expect(report.disclosed["/credentialSubject/identifier/0/identityHash"]).to.equal("Holder 2");
    expect(report.hidden).to.deep.equal([]);
  });

  it("reports a disclosed copy valid and shows only the claims it discloses", async () => {
    const { env, batch } = await networkHelpers.loadFixture(universityBatch);
    const shared = disclose(batch.credentials[1]!, ["/credentialSubject/result"]);
    const report = await verify(copy(shared), { provider, trust: [env.trust] });
    expect(report.status).to.equal("valid");
    expect(report.disclosed["/credentialSubject/result/0/value"]).to.equal("Upper second class");
    expect(report.disclosed).to.not.have.property("/credentialSubject/identifier/0/identityHash");
    expect(report.hidden).to.include("/credentialSubject/identifier/0/identityHash");
    expect(checkOf(report, "integrity").message).to.match(/hidden claim digests/);
  });

  it("reports a changed claim value invalid by integrity, without needing the network", async () => {
    const { batch } = await networkHelpers.loadFixture(universityBatch);
    const tampered = withValue(
      batch.credentials[0]!,
      "/credentialSubject/result/0/value",
      "First class",
    );
    const report = await verify(tampered, { rpcUrls: [await deadRpcUrl()], retryCount: 0 });
    expect(report.status).to.equal("invalid");
    expect(report.cause).to.deep.include({ check: "integrity", code: "INTEGRITY_DIGEST_MISMATCH" });
    expect(checkOf(report, "chain")).to.include({ result: "skipped", code: "NOT_CHECKED" });
    expect(report.disclosed).to.deep.equal({});
  });

  it("reports a changed hidden claim digest invalid by integrity", async () => {
    const { env, batch } = await networkHelpers.loadFixture(universityBatch);
    const shared = copy(disclose(batch.credentials[1]!, []));
    const pointer = "/credentialSubject/identifier/0/identityHash";
    expect(shared.proof.claims[pointer]).to.have.property("digest");
    shared.proof.claims[pointer] = { digest: `0x${"00".repeat(32)}` };
    const report = await verify(shared, { provider, trust: [env.trust] });
    expect(report.status).to.equal("invalid");
    expect(report.cause).to.deep.include({ check: "integrity", code: "INTEGRITY_DIGEST_MISMATCH" });
  });

  it("reports a claim changed and re-committed by a forger holding the salts invalid by inclusion", async () => {
    const { env, batch } = await networkHelpers.loadFixture(universityBatch);
    const forged = redigest(
      withValue(batch.credentials[0]!, "/credentialSubject/result/0/value", "First class"),
    );
    const report = await verify(forged, { provider, trust: [env.trust] });
    expect(checkOf(report, "integrity").result).to.equal("pass");
    expect(report.status).to.equal("invalid");
    expect(report.cause).to.deep.include({ check: "inclusion", code: "NOT_INCLUDED" });
  });

  it("reports a credential claiming another index invalid, so a revoked one cannot pass as a clean one", async () => {
    const { env, batch } = await networkHelpers.loadFixture(universityBatch);
    await changeCredentialStatus(writerFor(env.university), {
      registry: env.registry,
      issuer: env.university,
      root: batch.root,
      leafCount: batch.leafCount,
      action: "revoke",
      indices: [1],
      reason: 1,
    });
    let swapped = withValue(batch.credentials[1]!, "/credentialStatus/batchIndex", 3);
    swapped = redigest(withValue(swapped, "/proof/anchor/leafIndex", 3));
    const report = await verify(swapped, { provider, trust: [env.trust] });
    expect(report.status).to.equal("invalid");
    expect(report.cause).to.deep.include({ check: "inclusion", code: "NOT_INCLUDED" });
    expect(checkOf(report, "revocation").result).to.equal("skipped");
  });

  it("reports a credential naming an issuer that did not anchor its root invalid", async () => {
    const env = await networkHelpers.loadFixture(registries);
    const batch = await issueBatch(env, {
      issuer: env.university,
      records: [record(0), record(1)],
      anchoredBy: env.impostor,
    });
    const report = await verify(batch.credentials[0], { provider, trust: [env.trust] });
    expect(report.status).to.equal("invalid");
    expect(report.cause).to.deep.include({ check: "anchor", code: "NOT_ANCHORED_BY_ISSUER" });
    expect(report.cause!.message).to.contain(env.university);
  });

  it("reports a credential whose issuer id names another account than its status slot invalid", async () => {
    const env = await networkHelpers.loadFixture(registries);
    const genuine = await issueBatch(env, { issuer: env.impostor, records: [record(0)] });
    const { proof, ...rest } = genuine.credentials[0]!;
    const { anchor: _, ...unanchored } = proof;
    const universityId = issuerDid(env.chainId, env.university);
    let forged = withValue(
      { ...rest, proof: unanchored, credentialStatus: { ...rest.credentialStatus } },
      "/issuer/id",
      universityId,
    );
    delete forged.credentialStatus.batchRoot;
    forged = redigest(
      withValue(forged, "/proof/verificationMethod", `${universityId}#blockchainAccountId`),
    );
    const anchored = await anchorCredentials(env, [forged], env.impostor);
    const report = await verify(anchored.credentials[0], { provider, trust: [env.trust] });
    expect(report.status).to.equal("invalid");
    expect(report.cause).to.deep.include({ check: "integrity", code: "INTEGRITY_ISSUER_MISMATCH" });
  });

  it("reports a credential of a type its batch is not anchored under invalid", async () => {
    const env = await networkHelpers.loadFixture(registries);
    const batch = await issueBatch(env, {
      issuer: env.university,
      records: [record(0)],
      credentialType: "MasterDegree",
    });
    const report = await verify(batch.credentials[0], { provider, trust: [env.trust] });
    expect(report.status).to.equal("invalid");
    expect(report.cause).to.deep.include({ check: "anchor", code: "CREDENTIAL_TYPE_MISMATCH" });
    expect(report.cause!.message).to.contain(TYPE_ID);
  });

  it("reports a credential past the leaf count its batch was anchored with invalid", async () => {
    const env = await networkHelpers.loadFixture(registries);
    const batch = await issueBatch(env, {
      issuer: env.university,
      records: [record(0), record(1)],
      leafCount: 1,
    });
    const report = await verify(batch.credentials[1], { provider, trust: [env.trust] });
    expect(report.status).to.equal("invalid");
    expect(report.cause).to.deep.include({ check: "anchor", code: "INDEX_OUT_OF_RANGE" });
  });

  it("reports every credential of a revoked batch revoked", async () => {
    const { env, batch } = await networkHelpers.loadFixture(universityBatch);
    await revokeBatch(writerFor(env.university), {
      registry: env.registry,
      issuer: env.university,
      root: batch.root,
      reason: 9,
    });
    for (const credential of batch.credentials) {
      const report = await verify(credential, { provider, trust: [env.trust] });
      expect(report.status).to.equal("revoked");
      expect(report.cause).to.deep.include({ check: "batch-revocation", code: "BATCH_REVOKED" });
    }
  });

  it("reports a revoked credential revoked and leaves its batch-mates valid", async () => {
    const { env, batch } = await networkHelpers.loadFixture(universityBatch);
    await changeCredentialStatus(writerFor(env.university), {
      registry: env.registry,
      issuer: env.university,
      root: batch.root,
      leafCount: batch.leafCount,
      action: "revoke",
      indices: [3],
      reason: 1,
    });
    const revoked = await verify(batch.credentials[3], { provider, trust: [env.trust] });
    expect(revoked.status).to.equal("revoked");
    expect(revoked.cause).to.deep.include({ check: "revocation", code: "REVOKED" });
    expect((await verify(batch.credentials[2], { provider, trust: [env.trust] })).status).to.equal(
      "valid",
    );
  });

  it("reports a suspended credential suspended, and valid again once unsuspended", async () => {
    const { env, batch } = await networkHelpers.loadFixture(universityBatch);
    const change = (action: "suspend" | "unsuspend") =>
      changeCredentialStatus(writerFor(env.university), {
        registry: env.registry,
        issuer: env.university,
        root: batch.root,
        leafCount: batch.leafCount,
        action,
        indices: [0],
        reason: 2,
      });
    await change("suspend");
    const suspended = await verify(batch.credentials[0], { provider, trust: [env.trust] });
    expect(suspended.status).to.equal("suspended");
    expect(suspended.cause).to.deep.include({ check: "suspension", code: "SUSPENDED" });
    await change("unsuspend");
    expect((await verify(batch.credentials[0], { provider, trust: [env.trust] })).status).to.equal(
      "valid",
    );
  });

  it("reports a credential expired from its validUntil on", async () => {
    const env = await networkHelpers.loadFixture(registries);
    const batch = await issueBatch(env, {
      issuer: env.university,
      records: [record(0, { validUntil: "2030-01-01" })],
    });
    const before = await verify(batch.credentials[0], {
      provider,
      trust: [env.trust],
      now: new Date("2029-12-31T23:59:59Z"),
    });
    expect(before.status).to.equal("valid");
    const after = await verify(batch.credentials[0], {
      provider,
      trust: [env.trust],
      now: new Date("2030-01-01T00:00:00Z"),
    });
    expect(after.status).to.equal("expired");
    expect(after.cause).to.deep.include({ check: "validity-period", code: "EXPIRED" });
  });

  it("reports a credential before its validFrom invalid", async () => {
    const { env, batch } = await networkHelpers.loadFixture(universityBatch);
    const report = await verify(batch.credentials[0], {
      provider,
      trust: [env.trust],
      now: new Date("2025-07-13T12:00:00Z"),
    });
    expect(report.status).to.equal("invalid");
    expect(report.cause).to.deep.include({ check: "validity-period", code: "NOT_YET_VALID" });
  });

  it("reports an anchored credential from an issuer nobody accredited not-accredited", async () => {
    const env = await networkHelpers.loadFixture(registries);
    const batch = await issueBatch(env, { issuer: env.smallProvider, records: [record(0)] });
    const report = await verify(batch.credentials[0], { provider, trust: [env.trust] });
    expect(report.status).to.equal("not-accredited");
    expect(checkOf(report, "anchor").result).to.equal("pass");
    expect(report.cause).to.deep.include({
      check: "accreditation-at-anchoring",
      code: "NOT_ACCREDITED",
    });
    expect(report.accreditor).to.equal(null);
  });

  it("reports not-accredited when the accreditation is withdrawn from a date before the anchoring", async () => {
    const { env, batch } = await networkHelpers.loadFixture(universityBatch);
    await (
      await env.accreditation
        .connect(env.body)
        .withdraw(env.university, TYPE_ID, batch.anchoredAt - 60, "0x")
    ).wait();
    const report = await verify(batch.credentials[0], { provider, trust: [env.trust] });
    expect(report.status).to.equal("not-accredited");
    expect(report.cause).to.deep.include({
      check: "accreditation-at-anchoring",
      code: "NOT_ACCREDITED",
    });
  });

  it("keeps a credential valid when the accreditation is withdrawn from a date after the anchoring", async () => {
    const { env, batch } = await networkHelpers.loadFixture(universityBatch);
    await networkHelpers.time.increase(3_600);
    await (
      await env.accreditation
        .connect(env.body)
        .withdraw(env.university, TYPE_ID, batch.anchoredAt + 60, "0x")
    ).wait();
    const report = await verify(batch.credentials[0], { provider, trust: [env.trust] });
    expect(report.status).to.equal("valid");
    expect(report.accreditor?.address).to.equal(env.body.address);
    expect(checkOf(report, "accreditation-now")).to.include({
      result: "fail",
      code: "NOT_ACCREDITED_NOW",
    });
    expect(report.accreditorNow).to.equal(null);
  });

  it("reports not-accredited when the accreditor is not among the verifier's trusted bodies", async () => {
    const { env, batch } = await networkHelpers.loadFixture(universityBatch);
    const report = await verify(batch.credentials[0], {
      provider,
      trust: [env.trust],
      trustedBodies: [env.otherBody.address as Address],
    });
    expect(report.status).to.equal("not-accredited");
    expect(report.cause).to.deep.include({
      check: "accreditation-at-anchoring",
      code: "ACCREDITOR_NOT_TRUSTED",
    });
    // The registry is asked only about trusted bodies: an untrusted accreditor is never shown.
    expect(report.accreditor).to.equal(null);
    const trusting = await verify(batch.credentials[0], {
      provider,
      trust: [env.trust],
      trustedBodies: [env.body.address.toLowerCase() as Address],
    });
    expect(trusting.status).to.equal("valid");
  });

  it("finds a trusted body accrediting the issuer when the registry names an untrusted one", async () => {
    const env = await networkHelpers.loadFixture(registries);
    const now = await networkHelpers.time.latest();
    // Both bodies accredit the university; the status view names the one that accredited last.
    await (
      await env.accreditation
        .connect(env.otherBody)
        .accredit(
          env.smallProvider,
          TYPE_ID,
          now,
          now + 86_400 * 365,
          "0x",
          "Small Provider Ltd",
          "",
        )
    ).wait();
    await (
      await env.accreditation
        .connect(env.body)
        .accredit(
          env.smallProvider,
          TYPE_ID,
          now,
          now + 86_400 * 365,
          "0x",
          "Small Provider Ltd",
          "",
        )
    ).wait();
    const batch = await issueBatch(env, { issuer: env.smallProvider, records: [record(0)] });
    const untrusting = await verify(batch.credentials[0], { provider, trust: [env.trust] });
    expect(untrusting.accreditor?.address).to.equal(env.body.address);
    const report = await verify(batch.credentials[0], {
      provider,
      trust: [env.trust],
      trustedBodies: [env.otherBody.address.toLowerCase() as Address],
    });
    expect(report.status).to.equal("valid");
    expect(report.accreditor?.address).to.equal(env.otherBody.address);
  });

  it("reports text that is not JSON invalid by structure", async () => {
    const report = await verify("{ not json", { provider });
    expect(report.status).to.equal("invalid");
    expect(report.cause).to.deep.include({ check: "structure", code: "NOT_JSON" });
    expect(report.checks.filter((c) => c.id !== "structure").map((c) => c.result)).to.satisfy(
      (results: string[]) => results.every((r) => r === "skipped"),
    );
  });

  it("reports JSON that is not a credential invalid by structure, naming what is missing", async () => {
    const report = await verify({ hello: "world" }, { provider });
    expect(report.status).to.equal("invalid");
    expect(report.cause).to.deep.include({ check: "structure", code: "STRUCTURE_INVALID" });
    expect(report.cause!.message).to.match(/^"\/@context" is required/);
  });

  it("reports an unanchored credential invalid by inclusion", async () => {
    const { env, batch } = await networkHelpers.loadFixture(universityBatch);
    const { anchor: _, ...proof } = batch.credentials[0]!.proof;
    const status = { ...batch.credentials[0]!.credentialStatus };
    delete status.batchRoot;
    const report = await verify(
      { ...batch.credentials[0]!, credentialStatus: status, proof },
      { provider, trust: [env.trust] },
    );
    expect(report.status).to.equal("invalid");
    expect(report.cause).to.deep.include({ check: "inclusion", code: "NOT_ANCHORED" });
  });

  it("throws, naming the option, when it is given no way to reach a chain or a bad one", async () => {
    const { batch } = await networkHelpers.loadFixture(universityBatch);
    const rejection = async (options: Parameters<typeof verify>[1]) => {
      try {
        await verify(batch.credentials[0], options);
      } catch (error) {
        return error as CredanchorError;
      }
      expect.fail("verify accepted bad options");
    };
    expect((await rejection({}))!.code).to.equal("VERIFY_OPTIONS_INVALID");
    expect((await rejection({ rpcUrls: ["ftp://example.org"] }))!.code).to.equal("RPC_URL_INVALID");
    const bad = await rejection({ provider, trustedBodies: ["acme" as Address] });
    expect(bad!.message).to.contain("trustedBodies[0]");
  });
});
