// Governance over accreditation bodies: appointing them with a scope, metadata, display name and
// jurisdiction, changing those, and removing them for good. The accreditation consequences of removal are pinned here too.
import { expect } from "chai";
import {
  accreditedIssuer,
  appointedBody,
  at,
  BODY_CID,
  BODY_NAME,
  cid,
  DAY,
  DEFAULT_ADMIN_ROLE,
  DEGREE,
  DIPLOMA,
  deployedRegistry,
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

describe("AccreditationRegistry: accreditation bodies", () => {
  describe("appointBody", () => {
    it("records the appointment moment, metadata, name and jurisdiction of a new body", async () => {
      const { registry, body, appointedAt } = await loadFixture(appointedBody);
      expect([...(await registry.bodyOf(body))]).to.deep.equal([
        BigInt(appointedAt),
        0n,
        BODY_CID,
        BODY_NAME,
        JURISDICTION,
      ]);
      expect(await registry.isActiveBody(body)).to.equal(true);
    });

    it("gives a new body exactly the scope it was appointed with", async () => {
      const { registry, body } = await loadFixture(appointedBody);
      expect(await registry.inScope(body, DEGREE)).to.equal(true);
      expect(await registry.inScope(body, DIPLOMA)).to.equal(true);
      expect(await registry.inScope(body, MICRO)).to.equal(false);
    });

    it("emits BodyAppointed with the scope, metadata CID, name and jurisdiction", async () => {
      const { registry, governance, body } = await loadFixture(deployedRegistry);
      await expect(
        registry
          .connect(governance)
          .appointBody(body, [DEGREE, MICRO], BODY_CID, BODY_NAME, JURISDICTION),
      )
        .to.emit(registry, "BodyAppointed")
        .withArgs(body.address, [DEGREE, MICRO], BODY_CID, BODY_NAME, JURISDICTION);
    });

    it("appoints a body with an empty scope, which may accredit nothing yet", async () => {
      const { registry, governance, body } = await loadFixture(deployedRegistry);
      await registry.connect(governance).appointBody(body, [], BODY_CID, BODY_NAME, JURISDICTION);
      expect(await registry.isActiveBody(body)).to.equal(true);
      expect(await registry.inScope(body, DEGREE)).to.equal(false);
    });

    it("refuses a caller that is not governance", async () => {
      const { registry, body, stranger } = await loadFixture(deployedRegistry);
      await expect(
        registry.connect(stranger).appointBody(body, [DEGREE], BODY_CID, BODY_NAME, JURISDICTION),
      )
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, DEFAULT_ADMIN_ROLE);
    });

    it("refuses the zero address as a body", async () => {
      const { registry, governance } = await loadFixture(deployedRegistry);
      await expect(
        registry
          .connect(governance)
          .appointBody(ethers.ZeroAddress, [DEGREE], BODY_CID, BODY_NAME, JURISDICTION),
      )
        .to.be.revertedWithCustomError(registry, "AccreditationBodyInvalid")
        .withArgs(ethers.ZeroAddress);
    });

    it("refuses a zero credential type in the scope", async () => {
      const { registry, governance, body } = await loadFixture(deployedRegistry);
      const zeroType = ethers.zeroPadValue("0x", 20);
      await expect(
        registry
          .connect(governance)
          .appointBody(body, [DEGREE, zeroType], BODY_CID, BODY_NAME, JURISDICTION),
      ).to.be.revertedWithCustomError(registry, "CredentialTypeInvalid");
    });

    it("refuses to appoint an active body again", async () => {
      const { registry, governance, body } = await loadFixture(appointedBody);
      await expect(
        registry.connect(governance).appointBody(body, [MICRO], BODY_CID, BODY_NAME, JURISDICTION),
      )
        .to.be.revertedWithCustomError(registry, "AccreditationBodyExists")
        .withArgs(body.address);
    });

    it("never appoints a removed body's address again", async () => {
      const { registry, governance, body } = await loadFixture(appointedBody);
      await registry.connect(governance).removeBody(body);
      await expect(
        registry.connect(governance).appointBody(body, [DEGREE], BODY_CID, BODY_NAME, JURISDICTION),
      )
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
      await expect(
        registry
          .connect(body)
          .accredit(issuer, MICRO, now, FOREVER, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
      ).to.emit(registry, "IssuerAccredited");
    });

    it("stops a body accrediting a credential type removed from its scope", async () => {
      const { registry, governance, body, otherIssuer } = await loadFixture(accreditedIssuer);
      await registry.connect(governance).setBodyScope(body, [DEGREE], false);
      expect(await registry.inScope(body, DEGREE)).to.equal(false);
      const now = await time.latest();
      await expect(
        registry
          .connect(body)
          .accredit(otherIssuer, DEGREE, now, FOREVER, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
      )
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
      const { registry, governance, body } = await loadFixture(appointedBody);
      const next = cid("body metadata, second edition");
      await expect(registry.connect(governance).setBodyMetadata(body, next))
        .to.emit(registry, "BodyMetadataChanged")
        .withArgs(body.address, next);
      expect((await registry.bodyOf(body)).metadataCid).to.equal(next);
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

  describe("the body's name and jurisdiction", () => {
    for (const jurisdiction of ["DE", "US-CA", "GB-ENG", "FR-75", "CN-11"]) {
      it(`accepts the ISO 3166 code ${jurisdiction}`, async () => {
        const { registry, governance, body } = await loadFixture(deployedRegistry);
        await registry.connect(governance).appointBody(body, [], "0x", BODY_NAME, jurisdiction);
        expect((await registry.bodyOf(body)).jurisdiction).to.equal(jurisdiction);
      });
    }

    for (const [label, name, jurisdiction] of [
      ["an empty name", "", JURISDICTION],
      ["a name over 128 bytes", "x".repeat(129), JURISDICTION],
      ["an empty jurisdiction", BODY_NAME, ""],
      ["a one-letter jurisdiction", BODY_NAME, "D"],
      ["a lower-case jurisdiction", BODY_NAME, "de"],
      ["a jurisdiction starting with a digit", BODY_NAME, "1E"],
      ["a jurisdiction over 6 bytes", BODY_NAME, "US-CALI"],
      ["a jurisdiction with a space", BODY_NAME, "US CA"],
      ["a jurisdiction with a dash in the first two bytes", BODY_NAME, "U-CA"],
    ] as const) {
      it(`refuses to appoint a body with ${label}`, async () => {
        const { registry, governance, body } = await loadFixture(deployedRegistry);
        await expect(registry.connect(governance).appointBody(body, [], "0x", name, jurisdiction))
          .to.be.revertedWithCustomError(registry, "BodyProfileInvalid")
          .withArgs(name, jurisdiction);
      });
    }

    it("lets governance change a body's name and jurisdiction and emits BodyProfileChanged", async () => {
      const { registry, governance, body } = await loadFixture(appointedBody);
      await expect(
        registry.connect(governance).setBodyProfile(body, "Stiftung Akkreditierungsrat", "DE-NW"),
      )
        .to.emit(registry, "BodyProfileChanged")
        .withArgs(body.address, "Stiftung Akkreditierungsrat", "DE-NW");
      const record = await registry.bodyOf(body);
      expect([record.name, record.jurisdiction]).to.deep.equal([
        "Stiftung Akkreditierungsrat",
        "DE-NW",
      ]);
    });

    it("refuses a profile change by anyone but governance, the body itself included", async () => {
      const { registry, body, stranger } = await loadFixture(appointedBody);
      for (const caller of [body, stranger]) {
        await expect(registry.connect(caller).setBodyProfile(body, "Renamed", "DE"))
          .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, DEFAULT_ADMIN_ROLE);
      }
      expect((await registry.bodyOf(body)).name).to.equal(BODY_NAME);
    });

    it("refuses an invalid profile change", async () => {
      const { registry, governance, body } = await loadFixture(appointedBody);
      await expect(registry.connect(governance).setBodyProfile(body, BODY_NAME, "Germany"))
        .to.be.revertedWithCustomError(registry, "BodyProfileInvalid")
        .withArgs(BODY_NAME, "Germany");
    });

    it("refuses a profile change for an address that was never appointed", async () => {
      const { registry, governance, stranger } = await loadFixture(appointedBody);
      await expect(registry.connect(governance).setBodyProfile(stranger, BODY_NAME, JURISDICTION))
        .to.be.revertedWithCustomError(registry, "AccreditationBodyUnknown")
        .withArgs(stranger.address);
    });

    it("refuses a profile change for a removed body", async () => {
      const { registry, governance, body } = await loadFixture(appointedBody);
      await registry.connect(governance).removeBody(body);
      await expect(registry.connect(governance).setBodyProfile(body, BODY_NAME, JURISDICTION))
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
        BODY_NAME,
        JURISDICTION,
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
        () =>
          registry
            .connect(body)
            .accredit(otherIssuer, DEGREE, now, FOREVER, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
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
      expect([...(await registry.bodyOf(stranger))]).to.deep.equal([0n, 0n, "0x", "", ""]);
      expect(await registry.isActiveBody(stranger)).to.equal(false);
      expect(await registry.inScope(stranger, DEGREE)).to.equal(false);
    });
  });
});
