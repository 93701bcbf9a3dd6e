// Governance over accreditation bodies: appointing them with a scope and metadata, changing
// both, and removing them for good. The accreditation consequences of removal are pinned here too.
import { expect } from "chai";
import {
  accreditedIssuer,
  appointedBody,
  at,
  BODY_CID,
  cid,
  DAY,
  DEFAULT_ADMIN_ROLE,
  DEGREE,
  DIPLOMA,
  deployedRegistry,
  EVIDENCE,
  ethers,
  FOREVER,
  loadFixture,
  MICRO,
  time,
} from "./fixtures.ts";

describe("AccreditationRegistry: accreditation bodies", () => {
  describe("appointBody", () => {
    it("records the appointment moment and metadata of a new body", async () => {
      const { registry, body, appointedAt } = await loadFixture(appointedBody);
      expect([...(await registry.bodyOf(body))]).to.deep.equal([BigInt(appointedAt), 0n, BODY_CID]);
      expect(await registry.isActiveBody(body)).to.equal(true);
    });

    it("gives a new body exactly the scope it was appointed with", async () => {
      const { registry, body } = await loadFixture(appointedBody);
      expect(await registry.inScope(body, DEGREE)).to.equal(true);
      expect(await registry.inScope(body, DIPLOMA)).to.equal(true);
      expect(await registry.inScope(body, MICRO)).to.equal(false);
    });

    it("emits BodyAppointed with the scope and metadata CID", async () => {
      const { registry, governance, body } = await loadFixture(deployedRegistry);
      await expect(registry.connect(governance).appointBody(body, [DEGREE, MICRO], BODY_CID))
        .to.emit(registry, "BodyAppointed")
        .withArgs(body.address, [DEGREE, MICRO], BODY_CID);
    });

    it("appoints a body with an empty scope, which may accredit nothing yet", async () => {
      const { registry, governance, body } = await loadFixture(deployedRegistry);
      await registry.connect(governance).appointBody(body, [], BODY_CID);
      expect(await registry.isActiveBody(body)).to.equal(true);
      expect(await registry.inScope(body, DEGREE)).to.equal(false);
    });

    it("refuses a caller that is not governance", async () => {
      const { registry, body, stranger } = await loadFixture(deployedRegistry);
      await expect(registry.connect(stranger).appointBody(body, [DEGREE], BODY_CID))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, DEFAULT_ADMIN_ROLE);
    });

    it("refuses the zero address as a body", async () => {
      const { registry, governance } = await loadFixture(deployedRegistry);
      await expect(registry.connect(governance).appointBody(ethers.ZeroAddress, [DEGREE], BODY_CID))
        .to.be.revertedWithCustomError(registry, "AccreditationBodyInvalid")
        .withArgs(ethers.ZeroAddress);
    });

    it("refuses a zero credential type in the scope", async () => {
      const { registry, governance, body } = await loadFixture(deployedRegistry);
      const zeroType = ethers.zeroPadValue("0x", 20);
      await expect(
        registry.connect(governance).appointBody(body, [DEGREE, zeroType], BODY_CID),
      ).to.be.revertedWithCustomError(registry, "CredentialTypeInvalid");
    });

    it("refuses to appoint an active body again", async () => {
      const { registry, governance, body } = await loadFixture(appointedBody);
      await expect(registry.connect(governance).appointBody(body, [MICRO], BODY_CID))
        .to.be.revertedWithCustomError(registry, "AccreditationBodyExists")
        .withArgs(body.address);
    });

    it("never appoints a removed body's address again", async () => {
      const { registry, governance, body } = await loadFixture(appointedBody);
      await registry.connect(governance).removeBody(body);
      await expect(registry.connect(governance).appointBody(body, [DEGREE], BODY_CID))
        .to.be.revertedWithCustomError(registry, "AccreditationBodyRetired")
        .withArgs(body.address);
    });
  });

  describe("setBodyScope", () => {
    it("lets a body accredit a credential type added to its scope", async () => {
      const { registry, governance, body, issuer } = await loadFixture(appointedBody);
      await registry.connect(governance).setBodyScope(body, [MICRO], true);
      expect(await registry.inScope(body, MICRO)).to.equal(true);
      const now = await time.latest();
      await expect(registry.connect(body).accredit(issuer, MICRO, now, FOREVER, EVIDENCE)).to.emit(
        registry,
        "IssuerAccredited",
      );
    });

    it("stops a body accrediting a credential type removed from its scope", async () => {
      const { registry, governance, body, otherIssuer } = await loadFixture(accreditedIssuer);
      await registry.connect(governance).setBodyScope(body, [DEGREE], false);
      expect(await registry.inScope(body, DEGREE)).to.equal(false);
      const now = await time.latest();
      await expect(registry.connect(body).accredit(otherIssuer, DEGREE, now, FOREVER, EVIDENCE))
        .to.be.revertedWithCustomError(registry, "CredentialTypeOutOfScope")
        .withArgs(body.address, DEGREE);
    });

    it("leaves existing terms counting when their type leaves the scope", async () => {
      const { registry, governance, body, issuer, validFrom } = await loadFixture(accreditedIssuer);
      await registry.connect(governance).setBodyScope(body, [DEGREE], false);
      const later = validFrom + 30 * DAY;
      expect(await registry.accreditationByAt(body, issuer, DEGREE, later)).to.equal(true);
    });

    it("emits BodyScopeChanged once per credential type", async () => {
      const { registry, governance, body } = await loadFixture(appointedBody);
      await expect(registry.connect(governance).setBodyScope(body, [MICRO, DIPLOMA], false))
        .to.emit(registry, "BodyScopeChanged")
        .withArgs(body.address, MICRO, false)
        .and.to.emit(registry, "BodyScopeChanged")
        .withArgs(body.address, DIPLOMA, false);
    });

    it("refuses a caller that is not governance", async () => {
      const { registry, body } = await loadFixture(appointedBody);
      await expect(registry.connect(body).setBodyScope(body, [MICRO], true))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(body.address, DEFAULT_ADMIN_ROLE);
    });

    it("refuses a zero credential type", async () => {
      const { registry, governance, body } = await loadFixture(appointedBody);
      const zeroType = ethers.zeroPadValue("0x", 20);
      await expect(
        registry.connect(governance).setBodyScope(body, [zeroType], true),
      ).to.be.revertedWithCustomError(registry, "CredentialTypeInvalid");
    });

    it("refuses an address that was never appointed", async () => {
      const { registry, governance, stranger } = await loadFixture(appointedBody);
      await expect(registry.connect(governance).setBodyScope(stranger, [MICRO], true))
        .to.be.revertedWithCustomError(registry, "AccreditationBodyUnknown")
        .withArgs(stranger.address);
    });

    it("refuses a removed body", async () => {
      const { registry, governance, body } = await loadFixture(appointedBody);
      await registry.connect(governance).removeBody(body);
      await expect(registry.connect(governance).setBodyScope(body, [MICRO], true))
        .to.be.revertedWithCustomError(registry, "AccreditationBodyRetired")
        .withArgs(body.address);
    });
  });

  describe("setBodyMetadata", () => {
    it("replaces a body's metadata CID and emits BodyMetadataChanged", async () => {
      const { registry, governance, body, appointedAt } = await loadFixture(appointedBody);
      const next = cid("body metadata, second edition");
      await expect(registry.connect(governance).setBodyMetadata(body, next))
        .to.emit(registry, "BodyMetadataChanged")
        .withArgs(body.address, next);
      expect([...(await registry.bodyOf(body))]).to.deep.equal([BigInt(appointedAt), 0n, next]);
    });

    it("refuses a caller that is not governance", async () => {
      const { registry, body } = await loadFixture(appointedBody);
      await expect(registry.connect(body).setBodyMetadata(body, BODY_CID))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(body.address, DEFAULT_ADMIN_ROLE);
    });

    it("refuses an address that was never appointed", async () => {
      const { registry, governance, stranger } = await loadFixture(appointedBody);
      await expect(registry.connect(governance).setBodyMetadata(stranger, BODY_CID))
        .to.be.revertedWithCustomError(registry, "AccreditationBodyUnknown")
        .withArgs(stranger.address);
    });

    it("refuses a removed body", async () => {
      const { registry, governance, body } = await loadFixture(appointedBody);
      await registry.connect(governance).removeBody(body);
      await expect(registry.connect(governance).setBodyMetadata(body, BODY_CID))
        .to.be.revertedWithCustomError(registry, "AccreditationBodyRetired")
        .withArgs(body.address);
    });
  });

  describe("removeBody", () => {
    it("records the removal moment and emits BodyRemoved with it", async () => {
      const { registry, governance, body, appointedAt } = await loadFixture(appointedBody);
      const removedAt = appointedAt + 10 * DAY;
      await expect(at(removedAt, () => registry.connect(governance).removeBody(body)))
        .to.emit(registry, "BodyRemoved")
        .withArgs(body.address, removedAt);
      expect([...(await registry.bodyOf(body))]).to.deep.equal([
        BigInt(appointedAt),
        BigInt(removedAt),
        BODY_CID,
      ]);
    });

    it("makes a removed body inactive and out of scope for everything", async () => {
      const { registry, governance, body } = await loadFixture(appointedBody);
      await registry.connect(governance).removeBody(body);
      expect(await registry.isActiveBody(body)).to.equal(false);
      expect(await registry.inScope(body, DEGREE)).to.equal(false);
    });

    it("keeps a removed body's accreditations counting for moments before the removal", async () => {
      const { registry, governance, body, issuer, validFrom } = await loadFixture(accreditedIssuer);
      const removedAt = validFrom + 10 * DAY;
      await at(removedAt, () => registry.connect(governance).removeBody(body));
      expect(await registry.accreditationByAt(body, issuer, DEGREE, removedAt - 1)).to.equal(true);
      expect([...(await registry.accreditationAt(issuer, DEGREE, validFrom))]).to.deep.equal([
        true,
        body.address,
      ]);
    });

    it("stops a removed body's accreditations counting from the moment of removal", async () => {
      const { registry, governance, body, issuer, validFrom } = await loadFixture(accreditedIssuer);
      const removedAt = validFrom + 10 * DAY;
      await at(removedAt, () => registry.connect(governance).removeBody(body));
      expect(await registry.accreditationByAt(body, issuer, DEGREE, removedAt)).to.equal(false);
      expect([...(await registry.accreditationAt(issuer, DEGREE, removedAt))]).to.deep.equal([
        false,
        ethers.ZeroAddress,
      ]);
    });

    it("stops a removed body accrediting, suspending, reinstating and withdrawing", async () => {
      const { registry, governance, body, issuer, otherIssuer } =
        await loadFixture(accreditedIssuer);
      await registry.connect(governance).removeBody(body);
      const now = await time.latest();
      const calls = [
        () => registry.connect(body).accredit(otherIssuer, DEGREE, now, FOREVER, EVIDENCE),
        () => registry.connect(body).suspend(issuer, DEGREE, EVIDENCE),
        () => registry.connect(body).reinstate(issuer, DEGREE),
        () => registry.connect(body).withdraw(issuer, DEGREE, now, EVIDENCE),
      ];
      for (const call of calls) {
        await expect(call())
          .to.be.revertedWithCustomError(registry, "AccreditationBodyRetired")
          .withArgs(body.address);
      }
    });

    it("refuses a caller that is not governance", async () => {
      const { registry, body } = await loadFixture(appointedBody);
      await expect(registry.connect(body).removeBody(body))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(body.address, DEFAULT_ADMIN_ROLE);
    });

    it("refuses an address that was never appointed", async () => {
      const { registry, governance, stranger } = await loadFixture(appointedBody);
      await expect(registry.connect(governance).removeBody(stranger))
        .to.be.revertedWithCustomError(registry, "AccreditationBodyUnknown")
        .withArgs(stranger.address);
    });

    it("refuses to remove a body twice", async () => {
      const { registry, governance, body } = await loadFixture(appointedBody);
      await registry.connect(governance).removeBody(body);
      await expect(registry.connect(governance).removeBody(body))
        .to.be.revertedWithCustomError(registry, "AccreditationBodyRetired")
        .withArgs(body.address);
    });
  });

  describe("bodyOf, isActiveBody and inScope for an unknown address", () => {
    it("answers an empty record, inactive, and in scope for nothing", async () => {
      const { registry, stranger } = await loadFixture(appointedBody);
      expect([...(await registry.bodyOf(stranger))]).to.deep.equal([0n, 0n, "0x"]);
      expect(await registry.isActiveBody(stranger)).to.equal(false);
      expect(await registry.inScope(stranger, DEGREE)).to.equal(false);
    });
  });
});
