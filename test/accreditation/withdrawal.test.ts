// Withdrawal takes effect from a date that may lie in the past (fraud found later): credentials
// anchored before that date keep their accreditation, those anchored from it on lose it.
import { expect } from "chai";
import {
  accreditedIssuer,
  at,
  BODY_CID,
  BODY_NAME,
  cid,
  DAY,
  DEGREE,
  EVIDENCE,
  ISSUER_DOMAIN,
  ISSUER_NAME,
  JURISDICTION,
  loadFixture,
  time,
} from "./fixtures.ts";

const FRAUD_REPORT = cid("fraud report");
const YEAR = 365 * DAY;

/** A hundred days into the open-ended term, fraud is found dating back to day fifty. */
async function withdrawnRetroactively() {
  const f = await accreditedIssuer();
  const effectiveFrom = f.validFrom + 50 * DAY;
  await at(f.validFrom + 100 * DAY, () =>
    f.registry.connect(f.body).withdraw(f.issuer, DEGREE, effectiveFrom, FRAUD_REPORT),
  );
  return { ...f, effectiveFrom };
}

/**
 * A one-year term (0) ran out and was renewed for another year (1); during the renewal, fraud is
 * found dating back into the first term.
 */
async function renewedThenFraudFound() {
  const f = await accreditedIssuer();
  const firstFrom = f.validFrom + DAY;
  const firstUntil = firstFrom + YEAR;
  await f.registry
    .connect(f.body)
    .accredit(f.otherIssuer, DEGREE, firstFrom, firstUntil, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN);
  await at(firstUntil, () =>
    f.registry
      .connect(f.body)
      .accredit(
        f.otherIssuer,
        DEGREE,
        firstUntil,
        firstUntil + YEAR,
        EVIDENCE,
        ISSUER_NAME,
        ISSUER_DOMAIN,
      ),
  );
  const fraudFrom = firstUntil - 100 * DAY;
  await time.increase(30 * DAY);
  return { ...f, firstFrom, firstUntil, fraudFrom };
}

describe("AccreditationRegistry: withdrawal", () => {
  describe("withdraw with an effective date in the past", () => {
    it("emits AccreditationWithdrawn with the term, the effective date and the evidence", async () => {
      const { registry, body, issuer, validFrom } = await loadFixture(accreditedIssuer);
      await expect(registry.connect(body).withdraw(issuer, DEGREE, validFrom, FRAUD_REPORT))
        .to.emit(registry, "AccreditationWithdrawn")
        .withArgs(body.address, issuer.address, DEGREE, 0, validFrom, FRAUD_REPORT);
    });

    it("keeps credentials anchored before the effective date accredited", async () => {
      const { registry, body, issuer, effectiveFrom } = await loadFixture(withdrawnRetroactively);
      expect([
        ...(await registry.accreditationAt(issuer, DEGREE, effectiveFrom - 1)),
      ]).to.deep.equal([true, body.address]);
    });

    it("takes accreditation from credentials anchored at or after the effective date", async () => {
      const { registry, issuer, effectiveFrom } = await loadFixture(withdrawnRetroactively);
      expect((await registry.accreditationAt(issuer, DEGREE, effectiveFrom))[0]).to.equal(false);
      expect(
        (await registry.accreditationAt(issuer, DEGREE, effectiveFrom + 30 * DAY))[0],
      ).to.equal(false);
    });

    it("records the effective date in the term", async () => {
      const { registry, body, issuer, effectiveFrom } = await loadFixture(withdrawnRetroactively);
      const [term] = await registry.termsOf(body, issuer, DEGREE);
      expect(term!.withdrawnFrom).to.equal(effectiveFrom);
    });

    it("treats an effective date of 0 as the earliest moment, 1, so nothing counts", async () => {
      const { registry, body, issuer, validFrom } = await loadFixture(accreditedIssuer);
      await expect(registry.connect(body).withdraw(issuer, DEGREE, 0, FRAUD_REPORT))
        .to.emit(registry, "AccreditationWithdrawn")
        .withArgs(body.address, issuer.address, DEGREE, 0, 1, FRAUD_REPORT);
      expect(await registry.accreditationByAt(body, issuer, DEGREE, validFrom)).to.equal(false);
    });

    it("withdraws a term that has already ended, for the part of it after the effective date", async () => {
      const { registry, body, otherIssuer, validFrom } = await loadFixture(accreditedIssuer);
      const until = validFrom + 30 * DAY;
      await registry
        .connect(body)
        .accredit(otherIssuer, DEGREE, validFrom, until, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN);
      await time.increaseTo(until + YEAR);
      await registry
        .connect(body)
        .withdraw(otherIssuer, DEGREE, validFrom + 10 * DAY, FRAUD_REPORT);
      expect(
        await registry.accreditationByAt(body, otherIssuer, DEGREE, validFrom + 10 * DAY - 1),
      ).to.equal(true);
      expect(
        await registry.accreditationByAt(body, otherIssuer, DEGREE, validFrom + 10 * DAY),
      ).to.equal(false);
    });

    it("keeps a suspended term's suspension uncounted when withdrawn later", async () => {
      const { registry, body, issuer, validFrom } = await loadFixture(accreditedIssuer);
      const suspendedAt = validFrom + 10 * DAY;
      await at(suspendedAt, () => registry.connect(body).suspend(issuer, DEGREE, EVIDENCE));
      await registry.connect(body).withdraw(issuer, DEGREE, suspendedAt + 20 * DAY, FRAUD_REPORT);
      expect(await registry.accreditationByAt(body, issuer, DEGREE, suspendedAt - 1)).to.equal(
        true,
      );
      expect(await registry.accreditationByAt(body, issuer, DEGREE, suspendedAt + DAY)).to.equal(
        false,
      );
    });
  });

  describe("withdraw with an effective date in the future", () => {
    it("keeps the term counting until the effective date", async () => {
      const { registry, body, issuer, validFrom } = await loadFixture(accreditedIssuer);
      const effectiveFrom = validFrom + YEAR;
      await registry.connect(body).withdraw(issuer, DEGREE, effectiveFrom, FRAUD_REPORT);
      expect(await registry.accreditationByAt(body, issuer, DEGREE, effectiveFrom - 1)).to.equal(
        true,
      );
      expect(await registry.accreditationByAt(body, issuer, DEGREE, effectiveFrom)).to.equal(false);
    });

    it("keeps the term live, so it can still be suspended", async () => {
      const { registry, body, issuer, validFrom } = await loadFixture(accreditedIssuer);
      await registry.connect(body).withdraw(issuer, DEGREE, validFrom + YEAR, FRAUD_REPORT);
      await expect(registry.connect(body).suspend(issuer, DEGREE, EVIDENCE)).to.emit(
        registry,
        "AccreditationSuspended",
      );
    });
  });

  describe("withdrawing again", () => {
    it("moves the effective date earlier", async () => {
      const { registry, body, issuer, effectiveFrom } = await loadFixture(withdrawnRetroactively);
      const earlier = effectiveFrom - 20 * DAY;
      await expect(registry.connect(body).withdraw(issuer, DEGREE, earlier, FRAUD_REPORT))
        .to.emit(registry, "AccreditationWithdrawn")
        .withArgs(body.address, issuer.address, DEGREE, 0, earlier, FRAUD_REPORT);
      expect(await registry.accreditationByAt(body, issuer, DEGREE, earlier)).to.equal(false);
    });

    it("refuses the same effective date", async () => {
      const { registry, body, issuer, effectiveFrom } = await loadFixture(withdrawnRetroactively);
      await expect(registry.connect(body).withdraw(issuer, DEGREE, effectiveFrom, FRAUD_REPORT))
        .to.be.revertedWithCustomError(registry, "WithdrawalNotEarlier")
        .withArgs(effectiveFrom, effectiveFrom);
    });

    it("refuses a later effective date, which would give back accreditation", async () => {
      const { registry, body, issuer, effectiveFrom } = await loadFixture(withdrawnRetroactively);
      await expect(registry.connect(body).withdraw(issuer, DEGREE, effectiveFrom + 1, FRAUD_REPORT))
        .to.be.revertedWithCustomError(registry, "WithdrawalNotEarlier")
        .withArgs(effectiveFrom, effectiveFrom + 1);
    });
  });

  describe("withdrawing after a renewal", () => {
    it("takes accreditation from the earlier term's moments after the effective date", async () => {
      const { registry, body, otherIssuer, fraudFrom } = await loadFixture(renewedThenFraudFound);
      await registry.connect(body).withdraw(otherIssuer, DEGREE, fraudFrom, FRAUD_REPORT);
      expect(await registry.accreditationByAt(body, otherIssuer, DEGREE, fraudFrom)).to.equal(
        false,
      );
    });

    it("keeps the earlier term's moments before the effective date", async () => {
      const { registry, body, otherIssuer, fraudFrom } = await loadFixture(renewedThenFraudFound);
      await registry.connect(body).withdraw(otherIssuer, DEGREE, fraudFrom, FRAUD_REPORT);
      expect(await registry.accreditationByAt(body, otherIssuer, DEGREE, fraudFrom - 1)).to.equal(
        true,
      );
    });

    it("takes accreditation from the renewed term as well", async () => {
      const { registry, body, otherIssuer, fraudFrom, firstUntil } =
        await loadFixture(renewedThenFraudFound);
      await registry.connect(body).withdraw(otherIssuer, DEGREE, fraudFrom, FRAUD_REPORT);
      expect(await registry.accreditationByAt(body, otherIssuer, DEGREE, firstUntil)).to.equal(
        false,
      );
    });

    it("emits AccreditationWithdrawn for every term it reaches, latest first", async () => {
      const { registry, body, otherIssuer, fraudFrom } = await loadFixture(renewedThenFraudFound);
      const tx = registry.connect(body).withdraw(otherIssuer, DEGREE, fraudFrom, FRAUD_REPORT);
      await expect(tx)
        .to.emit(registry, "AccreditationWithdrawn")
        .withArgs(body.address, otherIssuer.address, DEGREE, 1, fraudFrom, FRAUD_REPORT)
        .and.to.emit(registry, "AccreditationWithdrawn")
        .withArgs(body.address, otherIssuer.address, DEGREE, 0, fraudFrom, FRAUD_REPORT);
    });

    it("leaves a term that ended before the effective date untouched", async () => {
      const { registry, body, otherIssuer, firstUntil } = await loadFixture(renewedThenFraudFound);
      const tx = await registry
        .connect(body)
        .withdraw(otherIssuer, DEGREE, firstUntil + DAY, FRAUD_REPORT);
      const withdrawn = await registry.queryFilter(
        registry.filters.AccreditationWithdrawn(),
        tx.blockNumber!,
        tx.blockNumber!,
      );
      expect(withdrawn.map((e) => e.args.term)).to.deep.equal([1n]);
      const [first] = await registry.termsOf(body, otherIssuer, DEGREE);
      expect(first!.withdrawnFrom).to.equal(0n);
    });

    it("leaves a renewal made after a withdrawal counting from its own start", async () => {
      const { registry, body, issuer, effectiveFrom } = await loadFixture(withdrawnRetroactively);
      const renewedFrom = (await time.latest()) + DAY;
      await at(renewedFrom, () =>
        registry
          .connect(body)
          .accredit(
            issuer,
            DEGREE,
            renewedFrom,
            renewedFrom + YEAR,
            EVIDENCE,
            ISSUER_NAME,
            ISSUER_DOMAIN,
          ),
      );
      expect(await registry.accreditationByAt(body, issuer, DEGREE, effectiveFrom)).to.equal(false);
      expect(await registry.accreditationByAt(body, issuer, DEGREE, renewedFrom)).to.equal(true);
    });
  });

  describe("who may withdraw", () => {
    it("refuses a caller that is not an appointed body", async () => {
      const { registry, issuer, stranger, validFrom } = await loadFixture(accreditedIssuer);
      await expect(registry.connect(stranger).withdraw(issuer, DEGREE, validFrom, FRAUD_REPORT))
        .to.be.revertedWithCustomError(registry, "AccreditationBodyUnknown")
        .withArgs(stranger.address);
    });

    it("refuses a body that did not accredit the issuer", async () => {
      const { registry, governance, otherBody, issuer, validFrom } =
        await loadFixture(accreditedIssuer);
      await registry
        .connect(governance)
        .appointBody(otherBody, [DEGREE], BODY_CID, BODY_NAME, JURISDICTION);
      await expect(registry.connect(otherBody).withdraw(issuer, DEGREE, validFrom, FRAUD_REPORT))
        .to.be.revertedWithCustomError(registry, "AccreditationNotFound")
        .withArgs(otherBody.address, issuer.address, DEGREE);
    });

    it("lets a body withdraw a term whose type has since left its scope", async () => {
      const { registry, governance, body, issuer, validFrom } = await loadFixture(accreditedIssuer);
      await registry.connect(governance).setBodyScope(body, [DEGREE], false);
      await expect(
        registry.connect(body).withdraw(issuer, DEGREE, validFrom, FRAUD_REPORT),
      ).to.emit(registry, "AccreditationWithdrawn");
    });
  });
});
