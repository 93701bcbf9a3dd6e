// verify() on copies whose holder hid the award date (/validFrom): the degree but not the year.
// Validity is judged from what can be proven (validUntil, when there is one); the hidden date's
// digest is still bound by integrity; the anchoring time stays public, from the chain.
import { expect } from "chai";
import { AWARD_DATE_POINTER, disclose } from "../../src/credential/index.ts";
import { type CheckId, type VerificationReport, verify } from "../../src/verifier/index.ts";
import { copy, issueBatch, networkHelpers, provider, record, registries } from "./fixtures.ts";

const HIDE_DATE = { hide: [AWARD_DATE_POINTER] };

async function batchWithExpiry() {
  const env = await registries();
  const batch = await issueBatch(env, {
    issuer: env.university,
    records: [record(0), record(1, { validUntil: "2030-01-01" })],
  });
  return { env, batch };
}

function checkOf(report: VerificationReport, id: CheckId) {
  return report.checks.find((c) => c.id === id)!;
}

describe("verifier/verify: award date hidden by the holder", () => {
  it("reports a copy hiding the award date valid, saying so, with validFrom null", async () => {
    const { env, batch } = await networkHelpers.loadFixture(batchWithExpiry);
    const shared = disclose(batch.credentials[0]!, ["/credentialSubject/result"], HIDE_DATE);
    const report = await verify(copy(shared), { provider, trust: [env.trust] });
    expect(report.status).to.equal("valid");
    expect(checkOf(report, "validity-period")).to.deep.include({
      result: "pass",
      code: "AWARD_DATE_HIDDEN",
    });
    expect(checkOf(report, "validity-period").message).to.include(
      "award date hidden by the holder",
    );
    expect(report).to.deep.include({ validFrom: null, validFromHidden: true, validUntil: null });
    expect(report.hidden).to.include("/validFrom");
    expect(report.disclosed).to.not.have.property("/validFrom");
    // What stays public: the batch's anchoring time, read from the chain.
    expect(report.anchoredAt).to.equal(new Date(batch.anchoredAt * 1000).toISOString());
  });

  it("reports a copy that shows the award date with it, as before", async () => {
    const { env, batch } = await networkHelpers.loadFixture(batchWithExpiry);
    const shared = disclose(batch.credentials[0]!, []);
    const report = await verify(copy(shared), { provider, trust: [env.trust] });
    expect(report.status).to.equal("valid");
    expect(report).to.deep.include({ validFrom: "2025-07-14T00:00:00Z", validFromHidden: false });
    expect(checkOf(report, "validity-period").code).to.equal("WITHIN_VALIDITY");
  });

  it("judges a copy hiding the award date by its validUntil: valid before, expired from it on", async () => {
    const { env, batch } = await networkHelpers.loadFixture(batchWithExpiry);
    const shared = copy(disclose(batch.credentials[1]!, [], HIDE_DATE));
    const before = await verify(shared, {
      provider,
      trust: [env.trust],
      now: new Date("2029-12-31T23:59:59Z"),
    });
    expect(before.status).to.equal("valid");
    expect(checkOf(before, "validity-period").message).to.equal(
      "award date hidden by the holder; valid until 2030-01-01T00:00:00.000Z",
    );
    const after = await verify(shared, {
      provider,
      trust: [env.trust],
      now: new Date("2030-01-01T00:00:00Z"),
    });
    expect(after.status).to.equal("expired");
    expect(after.cause).to.deep.include({ check: "validity-period", code: "EXPIRED" });
  });

  it("reports a changed digest of the hidden award date invalid by integrity", async () => {
    const { env, batch } = await networkHelpers.loadFixture(batchWithExpiry);
    const shared = copy(disclose(batch.credentials[0]!, [], HIDE_DATE));
    const digest = (shared.proof.claims[AWARD_DATE_POINTER] as { digest: string }).digest;
    const flipped = `${digest.slice(0, -1)}${digest.endsWith("0") ? "1" : "0"}` as `0x${string}`;
    shared.proof.claims[AWARD_DATE_POINTER] = { digest: flipped };
    const report = await verify(shared, { provider, trust: [env.trust] });
    expect(report.status).to.equal("invalid");
    expect(report.cause).to.deep.include({ check: "integrity", code: "INTEGRITY_DIGEST_MISMATCH" });
  });

  it("reports a copy that drops the award date without keeping its digest invalid", async () => {
    const { env, batch } = await networkHelpers.loadFixture(batchWithExpiry);
    const dropped = copy(batch.credentials[0]!) as unknown as Record<string, unknown>;
    delete dropped.validFrom;
    const report = await verify(dropped, { provider, trust: [env.trust] });
    expect(report.status).to.equal("invalid");
    expect(report.validFromHidden).to.equal(false);
  });

  it("cannot tell a hidden award date that is still in the future (the limit docs/privacy.md states)", async () => {
    const { env, batch } = await networkHelpers.loadFixture(batchWithExpiry);
    const early = { provider, trust: [env.trust], now: new Date("2025-07-13T12:00:00Z") };
    const shown = await verify(copy(batch.credentials[0]!), early);
    expect(shown.cause).to.deep.include({ check: "validity-period", code: "NOT_YET_VALID" });
    const hidden = await verify(copy(disclose(batch.credentials[0]!, [], HIDE_DATE)), early);
    expect(checkOf(hidden, "validity-period").code).to.equal("AWARD_DATE_HIDDEN");
  });
});
