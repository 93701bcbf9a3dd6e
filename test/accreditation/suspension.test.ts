// Suspension is reversible: a suspended term does not count from the suspension on; once
// reinstated, only the closed suspension's moments stay unaccredited, and it stays in history.
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

const SUSPENSION_EVIDENCE = cid("complaint under review");

/** The open-ended term 0 was suspended ten days after it started. */
async function suspendedTerm() {
  const f = await accreditedIssuer();
  const suspendedAt = f.validFrom + 10 * DAY;
  await at(suspendedAt, () =>
    f.registry.connect(f.body).suspend(f.issuer, DEGREE, SUSPENSION_EVIDENCE),
  );
  return { ...f, suspendedAt };
}

/** ... and reinstated five days later. */
async function reinstatedTerm() {
  const f = await suspendedTerm();
  const reinstatedAt = f.suspendedAt + 5 * DAY;
  await at(reinstatedAt, () => f.registry.connect(f.body).reinstate(f.issuer, DEGREE));
  return { ...f, reinstatedAt };
}

/** A term that ran for thirty days and has ended; the chain stands after its end. */
async function expiredTerm() {
  const f = await accreditedIssuer();
  const from = f.validFrom + DAY;
  const until = from + 30 * DAY;
  await f.registry
    .connect(f.body)
    .accredit(f.otherIssuer, DEGREE, from, until, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN);
  await time.increaseTo(until);
  return { ...f, until };
}

describe("AccreditationRegistry: suspension", () => {
  describe("suspend", () => {
    it("emits AccreditationSuspended with the term, the moment and the evidence", async () => {
      const { registry, body, issuer, validFrom } = await loadFixture(accreditedIssuer);
      const suspendedAt = validFrom + DAY;
      await expect(
        at(suspendedAt, () => registry.connect(body).suspend(issuer, DEGREE, SUSPENSION_EVIDENCE)),
      )
        .to.emit(registry, "AccreditationSuspended")
        .withArgs(body.address, issuer.address, DEGREE, 0, suspendedAt, SUSPENSION_EVIDENCE);
    });

    it("records the open suspension in the term", async () => {
      const { registry, body, issuer, suspendedAt } = await loadFixture(suspendedTerm);
      const [term] = await registry.termsOf(body, issuer, DEGREE);
      expect(term!.suspendedSince).to.equal(suspendedAt);
    });

    it("keeps counting the moments before the suspension", async () => {
      const { registry, body, issuer, suspendedAt } = await loadFixture(suspendedTerm);
      expect(await registry.accreditationByAt(body, issuer, DEGREE, suspendedAt - 1)).to.equal(
        true,
      );
    });

    it("stops counting from the moment of suspension on while it lasts", async () => {
      const { registry, body, issuer, suspendedAt } = await loadFixture(suspendedTerm);
      expect(await registry.accreditationByAt(body, issuer, DEGREE, suspendedAt)).to.equal(false);
      expect(
        await registry.accreditationByAt(body, issuer, DEGREE, suspendedAt + 1000 * DAY),
      ).to.equal(false);
    });

    it("refuses a caller that is not an appointed body", async () => {
      const { registry, issuer, stranger } = await loadFixture(accreditedIssuer);
      await expect(registry.connect(stranger).suspend(issuer, DEGREE, EVIDENCE))
        .to.be.revertedWithCustomError(registry, "AccreditationBodyUnknown")
        .withArgs(stranger.address);
    });

    it("refuses a body that did not accredit the issuer", async () => {
      const { registry, governance, otherBody, issuer } = await loadFixture(accreditedIssuer);
      await registry
        .connect(governance)
        .appointBody(otherBody, [DEGREE], BODY_CID, BODY_NAME, JURISDICTION);
      await expect(registry.connect(otherBody).suspend(issuer, DEGREE, EVIDENCE))
        .to.be.revertedWithCustomError(registry, "AccreditationNotFound")
        .withArgs(otherBody.address, issuer.address, DEGREE);
    });

    it("refuses to suspend a suspended term again", async () => {
      const { registry, body, issuer } = await loadFixture(suspendedTerm);
      await expect(registry.connect(body).suspend(issuer, DEGREE, EVIDENCE))
        .to.be.revertedWithCustomError(registry, "AccreditationNotLive")
        .withArgs(body.address, issuer.address, DEGREE, 0);
    });

    it("refuses to suspend a term that has ended", async () => {
      const { registry, body, otherIssuer } = await loadFixture(expiredTerm);
      await expect(registry.connect(body).suspend(otherIssuer, DEGREE, EVIDENCE))
        .to.be.revertedWithCustomError(registry, "AccreditationNotLive")
        .withArgs(body.address, otherIssuer.address, DEGREE, 0);
    });

    it("refuses to suspend a withdrawn term", async () => {
      const { registry, body, issuer, validFrom } = await loadFixture(accreditedIssuer);
      await registry.connect(body).withdraw(issuer, DEGREE, validFrom, EVIDENCE);
      await expect(registry.connect(body).suspend(issuer, DEGREE, EVIDENCE))
        .to.be.revertedWithCustomError(registry, "AccreditationNotLive")
        .withArgs(body.address, issuer.address, DEGREE, 0);
    });

    it("refuses to suspend at the very moment a future-dated withdrawal takes effect", async () => {
      const { registry, body, issuer, validFrom } = await loadFixture(accreditedIssuer);
      const effectiveFrom = validFrom + 10 * DAY;
      await registry.connect(body).withdraw(issuer, DEGREE, effectiveFrom, EVIDENCE);
      await time.setNextBlockTimestamp(effectiveFrom);
      await expect(registry.connect(body).suspend(issuer, DEGREE, EVIDENCE))
        .to.be.revertedWithCustomError(registry, "AccreditationNotLive")
        .withArgs(body.address, issuer.address, DEGREE, 0);
    });

    it("lets a body suspend a term whose type has since left its scope", async () => {
      const { registry, governance, body, issuer } = await loadFixture(accreditedIssuer);
      await registry.connect(governance).setBodyScope(body, [DEGREE], false);
      await expect(registry.connect(body).suspend(issuer, DEGREE, EVIDENCE)).to.emit(
        registry,
        "AccreditationSuspended",
      );
    });
  });

  describe("reinstate", () => {
    it("emits AccreditationReinstated with the suspension's start and end", async () => {
      const { registry, body, issuer, suspendedAt } = await loadFixture(suspendedTerm);
      const reinstatedAt = suspendedAt + DAY;
      await expect(at(reinstatedAt, () => registry.connect(body).reinstate(issuer, DEGREE)))
        .to.emit(registry, "AccreditationReinstated")
        .withArgs(body.address, issuer.address, DEGREE, 0, suspendedAt, reinstatedAt);
    });

    it("counts the moments before the closed suspension", async () => {
      const { registry, body, issuer, suspendedAt } = await loadFixture(reinstatedTerm);
      expect(await registry.accreditationByAt(body, issuer, DEGREE, suspendedAt - 1)).to.equal(
        true,
      );
    });

    it("does not count the moments during the closed suspension", async () => {
      const { registry, body, issuer, suspendedAt, reinstatedAt } =
        await loadFixture(reinstatedTerm);
      expect(await registry.accreditationByAt(body, issuer, DEGREE, suspendedAt)).to.equal(false);
      expect(await registry.accreditationByAt(body, issuer, DEGREE, reinstatedAt - 1)).to.equal(
        false,
      );
    });

    it("counts again from the moment of reinstatement", async () => {
      const { registry, body, issuer, reinstatedAt } = await loadFixture(reinstatedTerm);
      expect(await registry.accreditationByAt(body, issuer, DEGREE, reinstatedAt)).to.equal(true);
      expect([
        ...(await registry.accreditationAt(issuer, DEGREE, reinstatedAt + DAY)),
      ]).to.deep.equal([true, body.address]);
    });

    it("clears the open suspension from the term", async () => {
      const { registry, body, issuer } = await loadFixture(reinstatedTerm);
      const [term] = await registry.termsOf(body, issuer, DEGREE);
      expect(term!.suspendedSince).to.equal(0n);
    });

    it("refuses to reinstate a term that is not suspended", async () => {
      const { registry, body, issuer } = await loadFixture(reinstatedTerm);
      await expect(registry.connect(body).reinstate(issuer, DEGREE))
        .to.be.revertedWithCustomError(registry, "AccreditationNotSuspended")
        .withArgs(body.address, issuer.address, DEGREE, 0);
    });

    it("refuses a caller that is not an appointed body", async () => {
      const { registry, issuer, stranger } = await loadFixture(suspendedTerm);
      await expect(registry.connect(stranger).reinstate(issuer, DEGREE))
        .to.be.revertedWithCustomError(registry, "AccreditationBodyUnknown")
        .withArgs(stranger.address);
    });

    it("refuses a body that did not accredit the issuer", async () => {
      const { registry, governance, otherBody, issuer } = await loadFixture(suspendedTerm);
      await registry
        .connect(governance)
        .appointBody(otherBody, [DEGREE], BODY_CID, BODY_NAME, JURISDICTION);
      await expect(registry.connect(otherBody).reinstate(issuer, DEGREE))
        .to.be.revertedWithCustomError(registry, "AccreditationNotFound")
        .withArgs(otherBody.address, issuer.address, DEGREE);
    });

    it("refuses to reinstate a suspended term that has since ended", async () => {
      const { registry, body, otherIssuer, validFrom } = await loadFixture(accreditedIssuer);
      const until = validFrom + 30 * DAY;
      await registry
        .connect(body)
        .accredit(otherIssuer, DEGREE, validFrom, until, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN);
      await registry.connect(body).suspend(otherIssuer, DEGREE, EVIDENCE);
      await time.increaseTo(until);
      await expect(registry.connect(body).reinstate(otherIssuer, DEGREE))
        .to.be.revertedWithCustomError(registry, "AccreditationNotLive")
        .withArgs(body.address, otherIssuer.address, DEGREE, 0);
    });

    it("refuses to reinstate a withdrawn term", async () => {
      const { registry, body, issuer, suspendedAt } = await loadFixture(suspendedTerm);
      await registry.connect(body).withdraw(issuer, DEGREE, suspendedAt, EVIDENCE);
      await expect(registry.connect(body).reinstate(issuer, DEGREE))
        .to.be.revertedWithCustomError(registry, "AccreditationNotLive")
        .withArgs(body.address, issuer.address, DEGREE, 0);
    });
  });

  describe("suspensionsOf", () => {
    it("keeps every closed suspension of a term, oldest first", async () => {
      const { registry, body, issuer, suspendedAt, reinstatedAt } =
        await loadFixture(reinstatedTerm);
      const again = reinstatedAt + 20 * DAY;
      await at(again, () => registry.connect(body).suspend(issuer, DEGREE, EVIDENCE));
      await at(again + DAY, () => registry.connect(body).reinstate(issuer, DEGREE));
      const closed = await registry.suspensionsOf(body, issuer, DEGREE, 0);
      expect(closed.map((s) => [...s])).to.deep.equal([
        [BigInt(suspendedAt), BigInt(reinstatedAt)],
        [BigInt(again), BigInt(again + DAY)],
      ]);
    });

    it("does not list a suspension that is still open", async () => {
      const { registry, body, issuer } = await loadFixture(suspendedTerm);
      expect(await registry.suspensionsOf(body, issuer, DEGREE, 0)).to.deep.equal([]);
    });

    it("answers an empty list for a term that does not exist", async () => {
      const { registry, body, issuer } = await loadFixture(reinstatedTerm);
      expect(await registry.suspensionsOf(body, issuer, DEGREE, 7)).to.deep.equal([]);
    });
  });
});
