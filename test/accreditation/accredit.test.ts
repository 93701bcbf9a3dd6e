// Accrediting an issuer: the term's window, the body's scope and appointment, renewal after a
// term ends, and several bodies accrediting the same issuer. Read through accreditationAt,
// accreditationByAt, termsOf and accreditorsOf.
import { expect } from "chai";
import {
  accreditedIssuer,
  appointedBody,
  at,
  BODY_CID,
  BODY_NAME,
  cid,
  DAY,
  DEGREE,
  DIPLOMA,
  EVIDENCE,
  ethers,
  FOREVER,
  ISSUER_DOMAIN,
  ISSUER_NAME,
  JURISDICTION,
  loadFixture,
  MICRO,
  time,
} from "./fixtures.ts";

const YEAR = 365 * DAY;

/** `body` accredited `issuer` for degrees for one year from `validFrom` (term 0). */
async function oneYearTerm() {
  const f = await appointedBody();
  const validFrom = f.appointedAt + DAY;
  const validUntil = validFrom + YEAR;
  await at(validFrom, () =>
    f.registry
      .connect(f.body)
      .accredit(f.issuer, DEGREE, validFrom, validUntil, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
  );
  return { ...f, validFrom, validUntil };
}

/** The one-year term ran out; the body renewed it a month later for another year (term 1). */
async function renewedTerm() {
  const f = await oneYearTerm();
  const renewedFrom = f.validUntil + 30 * DAY;
  const renewedUntil = renewedFrom + YEAR;
  await at(renewedFrom, () =>
    f.registry
      .connect(f.body)
      .accredit(
        f.issuer,
        DEGREE,
        renewedFrom,
        renewedUntil,
        cid("renewal"),
        ISSUER_NAME,
        ISSUER_DOMAIN,
      ),
  );
  return { ...f, renewedFrom, renewedUntil };
}

/** `otherBody`, appointed later, also accredits `issuer` for degrees, from `otherFrom` on. */
async function twoBodies() {
  const f = await accreditedIssuer();
  await f.registry
    .connect(f.governance)
    .appointBody(f.otherBody, [DEGREE], BODY_CID, BODY_NAME, JURISDICTION);
  const otherFrom = f.validFrom + 10 * DAY;
  const otherUntil = otherFrom + YEAR;
  await f.registry
    .connect(f.otherBody)
    .accredit(
      f.issuer,
      DEGREE,
      otherFrom,
      otherUntil,
      cid("second opinion"),
      ISSUER_NAME,
      ISSUER_DOMAIN,
    );
  return { ...f, otherFrom, otherUntil };
}

describe("AccreditationRegistry: accrediting issuers", () => {
  describe("an issuer nobody accredited", () => {
    it("is not accredited at any moment, by no body", async () => {
      const { registry, issuer, appointedAt } = await loadFixture(appointedBody);
      expect([...(await registry.accreditationAt(issuer, DEGREE, appointedAt))]).to.deep.equal([
        false,
        ethers.ZeroAddress,
      ]);
    });

    it("has no accreditors and no terms", async () => {
      const { registry, body, issuer } = await loadFixture(appointedBody);
      expect(await registry.accreditorsOf(issuer, DEGREE)).to.deep.equal([]);
      expect(await registry.termsOf(body, issuer, DEGREE)).to.deep.equal([]);
    });
  });

  describe("accredit", () => {
    it("records the term with its window and evidence", async () => {
      const { registry, body, issuer, validFrom, validUntil } = await loadFixture(oneYearTerm);
      const terms = await registry.termsOf(body, issuer, DEGREE);
      expect(terms.map((t) => [...t])).to.deep.equal([
        [
          BigInt(validFrom),
          BigInt(validUntil),
          0n,
          0n,
          BigInt(validFrom),
          EVIDENCE,
          ISSUER_NAME,
          ISSUER_DOMAIN,
        ],
      ]);
    });

    it("emits IssuerAccredited with the term index, window and evidence", async () => {
      const { registry, body, issuer, appointedAt } = await loadFixture(appointedBody);
      const validFrom = appointedAt + DAY;
      await expect(
        registry
          .connect(body)
          .accredit(issuer, DEGREE, validFrom, FOREVER, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
      )
        .to.emit(registry, "IssuerAccredited")
        .withArgs(
          body.address,
          issuer.address,
          DEGREE,
          0,
          validFrom,
          FOREVER,
          EVIDENCE,
          ISSUER_NAME,
          ISSUER_DOMAIN,
        );
    });

    it("returns the index of the new term", async () => {
      const { registry, body, issuer, appointedAt } = await loadFixture(appointedBody);
      const term = await registry
        .connect(body)
        .accredit.staticCall(
          issuer,
          DEGREE,
          appointedAt,
          FOREVER,
          EVIDENCE,
          ISSUER_NAME,
          ISSUER_DOMAIN,
        );
      expect(term).to.equal(0n);
    });

    it("lists the body among the issuer's accreditors for that type", async () => {
      const { registry, body, issuer } = await loadFixture(accreditedIssuer);
      expect(await registry.accreditorsOf(issuer, DEGREE)).to.deep.equal([body.address]);
    });

    it("refuses a caller that is not an appointed body", async () => {
      const { registry, issuer, stranger, appointedAt } = await loadFixture(appointedBody);
      await expect(
        registry
          .connect(stranger)
          .accredit(issuer, DEGREE, appointedAt, FOREVER, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
      )
        .to.be.revertedWithCustomError(registry, "AccreditationBodyUnknown")
        .withArgs(stranger.address);
    });

    it("refuses governance, which is not a body", async () => {
      const { registry, governance, issuer, appointedAt } = await loadFixture(appointedBody);
      await expect(
        registry
          .connect(governance)
          .accredit(issuer, DEGREE, appointedAt, FOREVER, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
      )
        .to.be.revertedWithCustomError(registry, "AccreditationBodyUnknown")
        .withArgs(governance.address);
    });

    it("refuses a credential type outside the body's scope", async () => {
      const { registry, body, issuer, appointedAt } = await loadFixture(appointedBody);
      await expect(
        registry
          .connect(body)
          .accredit(issuer, MICRO, appointedAt, FOREVER, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
      )
        .to.be.revertedWithCustomError(registry, "CredentialTypeOutOfScope")
        .withArgs(body.address, MICRO);
    });

    it("refuses the zero credential type, which no scope can hold", async () => {
      const { registry, body, issuer, appointedAt } = await loadFixture(appointedBody);
      const zeroType = ethers.zeroPadValue("0x", 20);
      await expect(
        registry
          .connect(body)
          .accredit(issuer, zeroType, appointedAt, FOREVER, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
      )
        .to.be.revertedWithCustomError(registry, "CredentialTypeOutOfScope")
        .withArgs(body.address, zeroType);
    });

    it("refuses the zero address as an issuer", async () => {
      const { registry, body, appointedAt } = await loadFixture(appointedBody);
      await expect(
        registry
          .connect(body)
          .accredit(
            ethers.ZeroAddress,
            DEGREE,
            appointedAt,
            FOREVER,
            EVIDENCE,
            ISSUER_NAME,
            ISSUER_DOMAIN,
          ),
      )
        .to.be.revertedWithCustomError(registry, "IssuerInvalid")
        .withArgs(ethers.ZeroAddress);
    });

    it("refuses an empty window (validUntil equal to validFrom)", async () => {
      const { registry, body, issuer, appointedAt } = await loadFixture(appointedBody);
      const from = appointedAt + DAY;
      await expect(
        registry
          .connect(body)
          .accredit(issuer, DEGREE, from, from, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
      )
        .to.be.revertedWithCustomError(registry, "ValidityWindowInvalid")
        .withArgs(from, from);
    });

    it("refuses a window that ends before it starts", async () => {
      const { registry, body, issuer, appointedAt } = await loadFixture(appointedBody);
      const from = appointedAt + 2 * DAY;
      await expect(
        registry
          .connect(body)
          .accredit(issuer, DEGREE, from, from - DAY, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
      )
        .to.be.revertedWithCustomError(registry, "ValidityWindowInvalid")
        .withArgs(from, from - DAY);
    });

    it("refuses a window that has already ended", async () => {
      const { registry, body, issuer, appointedAt } = await loadFixture(appointedBody);
      const now = appointedAt + 10 * DAY;
      await time.setNextBlockTimestamp(now);
      await expect(
        registry
          .connect(body)
          .accredit(issuer, DEGREE, appointedAt, now, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
      )
        .to.be.revertedWithCustomError(registry, "ValidityWindowInvalid")
        .withArgs(appointedAt, now);
    });

    it("refuses a second term while the current one is live", async () => {
      const { registry, body, issuer } = await loadFixture(oneYearTerm);
      const now = await time.latest();
      await expect(
        registry
          .connect(body)
          .accredit(issuer, DEGREE, now, FOREVER, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
      )
        .to.be.revertedWithCustomError(registry, "AccreditationActive")
        .withArgs(body.address, issuer.address, DEGREE, 0);
    });

    it("refuses a second term while the current one is suspended", async () => {
      const { registry, body, issuer } = await loadFixture(oneYearTerm);
      await registry.connect(body).suspend(issuer, DEGREE, EVIDENCE);
      const now = await time.latest();
      await expect(
        registry
          .connect(body)
          .accredit(issuer, DEGREE, now, FOREVER, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
      )
        .to.be.revertedWithCustomError(registry, "AccreditationActive")
        .withArgs(body.address, issuer.address, DEGREE, 0);
    });

    it("refuses a second term while a withdrawal is still to take effect", async () => {
      const { registry, body, issuer, validFrom } = await loadFixture(oneYearTerm);
      await registry.connect(body).withdraw(issuer, DEGREE, validFrom + 100 * DAY, EVIDENCE);
      const now = await time.latest();
      await expect(
        registry
          .connect(body)
          .accredit(issuer, DEGREE, now, FOREVER, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
      )
        .to.be.revertedWithCustomError(registry, "AccreditationActive")
        .withArgs(body.address, issuer.address, DEGREE, 0);
    });
  });

  describe("the accreditation window", () => {
    it("does not count the moment before validFrom", async () => {
      const { registry, body, issuer, validFrom } = await loadFixture(oneYearTerm);
      expect(await registry.accreditationByAt(body, issuer, DEGREE, validFrom - 1)).to.equal(false);
    });

    it("counts validFrom itself (inclusive)", async () => {
      const { registry, body, issuer, validFrom } = await loadFixture(oneYearTerm);
      expect(await registry.accreditationByAt(body, issuer, DEGREE, validFrom)).to.equal(true);
    });

    it("counts the last moment before validUntil", async () => {
      const { registry, body, issuer, validUntil } = await loadFixture(oneYearTerm);
      expect(await registry.accreditationByAt(body, issuer, DEGREE, validUntil - 1)).to.equal(true);
    });

    it("does not count validUntil itself (exclusive)", async () => {
      const { registry, body, issuer, validUntil } = await loadFixture(oneYearTerm);
      expect(await registry.accreditationByAt(body, issuer, DEGREE, validUntil)).to.equal(false);
    });

    it("keeps answering for the window after the term has ended", async () => {
      const { registry, body, issuer, validFrom, validUntil } = await loadFixture(oneYearTerm);
      await time.increaseTo(validUntil + 10 * YEAR);
      expect([...(await registry.accreditationAt(issuer, DEGREE, validFrom))]).to.deep.equal([
        true,
        body.address,
      ]);
    });

    it("counts an open-ended term far into the future", async () => {
      const { registry, body, issuer, validFrom } = await loadFixture(accreditedIssuer);
      const century = validFrom + 100 * YEAR;
      expect(await registry.accreditationByAt(body, issuer, DEGREE, century)).to.equal(true);
    });

    it("accepts a window that starts in the future and counts only from its start", async () => {
      const { registry, body, issuer, appointedAt } = await loadFixture(appointedBody);
      const start = appointedAt + 60 * DAY;
      await registry
        .connect(body)
        .accredit(issuer, DEGREE, start, FOREVER, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN);
      expect(await registry.accreditationByAt(body, issuer, DEGREE, start - 1)).to.equal(false);
      expect(await registry.accreditationByAt(body, issuer, DEGREE, start)).to.equal(true);
    });

    it("counts a backdated grant only from when it was recorded", async () => {
      const { registry, body, issuer, appointedAt } = await loadFixture(appointedBody);
      const recordedAt = appointedAt + 30 * DAY;
      const backdatedFrom = appointedAt - YEAR;
      await at(recordedAt, () =>
        registry
          .connect(body)
          .accredit(issuer, DEGREE, backdatedFrom, FOREVER, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
      );
      expect(await registry.accreditationByAt(body, issuer, DEGREE, appointedAt)).to.equal(false);
      expect(await registry.accreditationByAt(body, issuer, DEGREE, recordedAt - 1)).to.equal(
        false,
      );
      expect(await registry.accreditationByAt(body, issuer, DEGREE, recordedAt)).to.equal(true);
    });

    it("keeps a backdated validFrom as given, beside the moment the term was recorded", async () => {
      const { registry, body, issuer, appointedAt } = await loadFixture(appointedBody);
      const recordedAt = appointedAt + 30 * DAY;
      await at(recordedAt, () =>
        registry
          .connect(body)
          .accredit(issuer, DEGREE, appointedAt - YEAR, FOREVER, EVIDENCE, ISSUER_NAME, ""),
      );
      const [term] = await registry.termsOf(body, issuer, DEGREE);
      expect([term!.validFrom, term!.recordedAt]).to.deep.equal([
        BigInt(appointedAt - YEAR),
        BigInt(recordedAt),
      ]);
    });
  });

  describe("the issuer's name and domain in a term", () => {
    it("records the issuer's legal name and web domain in the term", async () => {
      const { registry, body, issuer } = await loadFixture(accreditedIssuer);
      const [term] = await registry.termsOf(body, issuer, DEGREE);
      expect([term!.issuerName, term!.issuerDomain]).to.deep.equal([ISSUER_NAME, ISSUER_DOMAIN]);
    });

    it("accepts a term without a domain", async () => {
      const { registry, body, issuer } = await loadFixture(appointedBody);
      const now = (await time.latest()) + 1;
      await at(now, () =>
        registry.connect(body).accredit(issuer, DEGREE, now, FOREVER, EVIDENCE, ISSUER_NAME, ""),
      );
      expect((await registry.termsOf(body, issuer, DEGREE))[0]!.issuerDomain).to.equal("");
    });

    it("records each term's own names, so a renamed issuer keeps its old name in old terms", async () => {
      const { registry, body, issuer, validUntil } = await loadFixture(oneYearTerm);
      const renewedFrom = validUntil + DAY;
      await at(renewedFrom, () =>
        registry
          .connect(body)
          .accredit(issuer, DEGREE, renewedFrom, FOREVER, EVIDENCE, "Example Tech", "example.tech"),
      );
      const terms = await registry.termsOf(body, issuer, DEGREE);
      expect(terms.map((t) => t.issuerName)).to.deep.equal([ISSUER_NAME, "Example Tech"]);
    });

    for (const [label, name, domain] of [
      ["an empty name", "", ISSUER_DOMAIN],
      ["a name over 200 bytes", "x".repeat(201), ISSUER_DOMAIN],
      ["a domain over 253 bytes", ISSUER_NAME, `${"a".repeat(250)}.edu`],
    ] as const) {
      it(`refuses ${label}`, async () => {
        const { registry, body, issuer } = await loadFixture(appointedBody);
        const now = await time.latest();
        await expect(
          registry.connect(body).accredit(issuer, DEGREE, now, FOREVER, EVIDENCE, name, domain),
        )
          .to.be.revertedWithCustomError(registry, "IssuerProfileInvalid")
          .withArgs(name, domain);
      });
    }

    it("accepts a name of exactly 200 bytes", async () => {
      const { registry, body, issuer } = await loadFixture(appointedBody);
      const now = await time.latest();
      const name = "é".repeat(100); // two UTF-8 bytes each
      await registry.connect(body).accredit(issuer, DEGREE, now, FOREVER, EVIDENCE, name, "");
      expect((await registry.termsOf(body, issuer, DEGREE))[0]!.issuerName).to.equal(name);
    });
  });

  describe("scope of an accreditation", () => {
    it("accredits only the credential type named", async () => {
      const { registry, issuer, validFrom } = await loadFixture(accreditedIssuer);
      expect((await registry.accreditationAt(issuer, DIPLOMA, validFrom))[0]).to.equal(false);
    });

    it("accredits only the issuer named", async () => {
      const { registry, otherIssuer, validFrom } = await loadFixture(accreditedIssuer);
      expect((await registry.accreditationAt(otherIssuer, DEGREE, validFrom))[0]).to.equal(false);
    });

    it("answers false for an address that is not a body", async () => {
      const { registry, issuer, stranger, validFrom } = await loadFixture(accreditedIssuer);
      expect(await registry.accreditationByAt(stranger, issuer, DEGREE, validFrom)).to.equal(false);
    });
  });

  describe("renewal", () => {
    it("opens a new term, numbered 1, after the previous one expired", async () => {
      const { registry, body, issuer, validUntil } = await loadFixture(oneYearTerm);
      await time.increaseTo(validUntil);
      const now = validUntil + 1;
      await time.setNextBlockTimestamp(now);
      await expect(
        registry
          .connect(body)
          .accredit(issuer, DEGREE, now, FOREVER, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
      )
        .to.emit(registry, "IssuerAccredited")
        .withArgs(
          body.address,
          issuer.address,
          DEGREE,
          1,
          now,
          FOREVER,
          EVIDENCE,
          ISSUER_NAME,
          ISSUER_DOMAIN,
        );
    });

    it("answers for the expired term's moments after renewal", async () => {
      const { registry, body, issuer, validFrom, validUntil } = await loadFixture(renewedTerm);
      expect([...(await registry.accreditationAt(issuer, DEGREE, validFrom))]).to.deep.equal([
        true,
        body.address,
      ]);
      expect((await registry.accreditationAt(issuer, DEGREE, validUntil - 1))[0]).to.equal(true);
    });

    it("answers for the renewed term's moments", async () => {
      const { registry, body, issuer, renewedFrom, renewedUntil } = await loadFixture(renewedTerm);
      expect([...(await registry.accreditationAt(issuer, DEGREE, renewedFrom))]).to.deep.equal([
        true,
        body.address,
      ]);
      expect((await registry.accreditationAt(issuer, DEGREE, renewedUntil))[0]).to.equal(false);
    });

    it("does not count the gap between two terms", async () => {
      const { registry, issuer, validUntil, renewedFrom } = await loadFixture(renewedTerm);
      expect((await registry.accreditationAt(issuer, DEGREE, validUntil))[0]).to.equal(false);
      expect((await registry.accreditationAt(issuer, DEGREE, renewedFrom - 1))[0]).to.equal(false);
    });

    it("keeps both terms in history, oldest first", async () => {
      const { registry, body, issuer, validFrom, renewedFrom } = await loadFixture(renewedTerm);
      const terms = await registry.termsOf(body, issuer, DEGREE);
      expect(terms.map((t) => t.validFrom)).to.deep.equal([BigInt(validFrom), BigInt(renewedFrom)]);
      expect(terms.map((t) => t.evidenceCid)).to.deep.equal([EVIDENCE, cid("renewal")]);
    });

    it("lists a body once among the accreditors however many terms it made", async () => {
      const { registry, body, issuer } = await loadFixture(renewedTerm);
      expect(await registry.accreditorsOf(issuer, DEGREE)).to.deep.equal([body.address]);
    });

    it("opens a new term after the previous one was withdrawn", async () => {
      const { registry, body, issuer } = await loadFixture(accreditedIssuer);
      const withdrawnAt = (await time.latest()) + 1;
      await at(withdrawnAt, () =>
        registry.connect(body).withdraw(issuer, DEGREE, withdrawnAt, EVIDENCE),
      );
      const renewedFrom = withdrawnAt + 1;
      await at(renewedFrom, () =>
        registry
          .connect(body)
          .accredit(
            issuer,
            DEGREE,
            renewedFrom,
            FOREVER,
            cid("remedied"),
            ISSUER_NAME,
            ISSUER_DOMAIN,
          ),
      );
      expect(await registry.accreditationByAt(body, issuer, DEGREE, withdrawnAt)).to.equal(false);
      expect(await registry.accreditationByAt(body, issuer, DEGREE, renewedFrom)).to.equal(true);
    });
  });

  describe("renewal at a withdrawal's effective date", () => {
    it("opens a new term at the very moment a future-dated withdrawal takes effect", async () => {
      const { registry, body, issuer, validFrom } = await loadFixture(accreditedIssuer);
      const effectiveFrom = validFrom + 10 * DAY;
      await registry.connect(body).withdraw(issuer, DEGREE, effectiveFrom, EVIDENCE);
      await expect(
        at(effectiveFrom, () =>
          registry
            .connect(body)
            .accredit(
              issuer,
              DEGREE,
              effectiveFrom,
              FOREVER,
              cid("renewal"),
              ISSUER_NAME,
              ISSUER_DOMAIN,
            ),
        ),
      )
        .to.emit(registry, "IssuerAccredited")
        .withArgs(
          body.address,
          issuer.address,
          DEGREE,
          1,
          effectiveFrom,
          FOREVER,
          cid("renewal"),
          ISSUER_NAME,
          ISSUER_DOMAIN,
        );
    });
  });

  describe("two bodies accrediting the same issuer and type", () => {
    it("lists both bodies as accreditors in order of first accreditation", async () => {
      const { registry, body, otherBody, issuer } = await loadFixture(twoBodies);
      expect(await registry.accreditorsOf(issuer, DEGREE)).to.deep.equal([
        body.address,
        otherBody.address,
      ]);
    });

    it("answers with the later accreditor when both count", async () => {
      const { registry, otherBody, issuer, otherFrom } = await loadFixture(twoBodies);
      expect([...(await registry.accreditationAt(issuer, DEGREE, otherFrom))]).to.deep.equal([
        true,
        otherBody.address,
      ]);
    });

    it("answers with the body that counts when only the earlier one does", async () => {
      const { registry, body, issuer, otherFrom } = await loadFixture(twoBodies);
      expect([...(await registry.accreditationAt(issuer, DEGREE, otherFrom - 1))]).to.deep.equal([
        true,
        body.address,
      ]);
    });

    it("falls back to the other body when one stops counting", async () => {
      const { registry, body, otherBody, issuer, otherFrom } = await loadFixture(twoBodies);
      const withdrawnFrom = otherFrom + DAY;
      await registry.connect(otherBody).withdraw(issuer, DEGREE, withdrawnFrom, EVIDENCE);
      expect([...(await registry.accreditationAt(issuer, DEGREE, withdrawnFrom))]).to.deep.equal([
        true,
        body.address,
      ]);
    });

    it("answers accreditationByAt for each body on its own terms", async () => {
      const { registry, body, otherBody, issuer, otherFrom, otherUntil } =
        await loadFixture(twoBodies);
      expect(await registry.accreditationByAt(otherBody, issuer, DEGREE, otherFrom - 1)).to.equal(
        false,
      );
      expect(await registry.accreditationByAt(body, issuer, DEGREE, otherFrom - 1)).to.equal(true);
      expect(await registry.accreditationByAt(otherBody, issuer, DEGREE, otherUntil)).to.equal(
        false,
      );
      expect(await registry.accreditationByAt(body, issuer, DEGREE, otherUntil)).to.equal(true);
    });

    it("keeps each body's terms apart", async () => {
      const { registry, otherBody, issuer, otherFrom } = await loadFixture(twoBodies);
      const terms = await registry.termsOf(otherBody, issuer, DEGREE);
      expect(terms.map((t) => t.validFrom)).to.deep.equal([BigInt(otherFrom)]);
    });
  });
});
