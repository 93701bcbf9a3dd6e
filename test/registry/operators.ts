// Operator keys: an issuer authorises them with an expiry (exclusive), changes or removes them;
// canActFor answers who may act in an issuer's name right now.
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { DAY, deployRegistries, networkHelpers, time, withOperator } from "./fixtures.ts";

const { loadFixture } = networkHelpers;

describe("CredentialRegistry operators", () => {
  describe("setOperator", () => {
    it("authorises an operator until the given expiry and emits OperatorSet", async () => {
      const { registry, issuer, operator } = await loadFixture(deployRegistries);
      const expiresAt = (await time.latest()) + DAY;
      await expect(registry.connect(issuer).setOperator(operator.address, expiresAt))
        .to.emit(registry, "OperatorSet")
        .withArgs(issuer.address, operator.address, expiresAt);
      expect(await registry.operatorExpiry(issuer.address, operator.address)).to.equal(expiresAt);
    });

    it("changes the expiry of an existing operator, shorter or longer", async () => {
      const { registry, issuer, operator, operatorExpiry } = await loadFixture(withOperator);
      await registry.connect(issuer).setOperator(operator.address, operatorExpiry - DAY);
      expect(await registry.operatorExpiry(issuer.address, operator.address)).to.equal(
        operatorExpiry - DAY,
      );
      await registry.connect(issuer).setOperator(operator.address, operatorExpiry + DAY);
      expect(await registry.operatorExpiry(issuer.address, operator.address)).to.equal(
        operatorExpiry + DAY,
      );
    });

    it("renews an operator whose authority has expired", async () => {
      const { registry, issuer, operator, operatorExpiry } = await loadFixture(withOperator);
      await time.increaseTo(operatorExpiry + DAY);
      await registry.connect(issuer).setOperator(operator.address, operatorExpiry + 2 * DAY);
      expect(await registry.canActFor(issuer.address, operator.address)).to.equal(true);
    });

    it("rejects the zero address as an operator", async () => {
      const { registry, issuer } = await loadFixture(deployRegistries);
      const expiresAt = (await time.latest()) + DAY;
      await expect(registry.connect(issuer).setOperator(ZeroAddress, expiresAt))
        .to.be.revertedWithCustomError(registry, "OperatorInvalid")
        .withArgs(ZeroAddress);
    });

    it("rejects the issuer as its own operator", async () => {
      const { registry, issuer } = await loadFixture(deployRegistries);
      const expiresAt = (await time.latest()) + DAY;
      await expect(registry.connect(issuer).setOperator(issuer.address, expiresAt))
        .to.be.revertedWithCustomError(registry, "OperatorInvalid")
        .withArgs(issuer.address);
    });

    it("rejects an expiry equal to the current block time", async () => {
      const { registry, issuer, operator } = await loadFixture(deployRegistries);
      const now = (await time.latest()) + 1;
      await time.setNextBlockTimestamp(now);
      await expect(registry.connect(issuer).setOperator(operator.address, now))
        .to.be.revertedWithCustomError(registry, "OperatorExpiryInvalid")
        .withArgs(now);
    });

    it("rejects an expiry in the past", async () => {
      const { registry, issuer, operator } = await loadFixture(deployRegistries);
      const past = (await time.latest()) - DAY;
      await expect(registry.connect(issuer).setOperator(operator.address, past))
        .to.be.revertedWithCustomError(registry, "OperatorExpiryInvalid")
        .withArgs(past);
    });
  });

  describe("removeOperator", () => {
    it("ends an operator's authority at once and emits OperatorRemoved", async () => {
      const { registry, issuer, operator } = await loadFixture(withOperator);
      await expect(registry.connect(issuer).removeOperator(operator.address))
        .to.emit(registry, "OperatorRemoved")
        .withArgs(issuer.address, operator.address);
      expect(await registry.operatorExpiry(issuer.address, operator.address)).to.equal(0);
      expect(await registry.canActFor(issuer.address, operator.address)).to.equal(false);
    });

    it("removes an operator whose authority has already expired", async () => {
      const { registry, issuer, operator, operatorExpiry } = await loadFixture(withOperator);
      await time.increaseTo(operatorExpiry + DAY);
      await expect(registry.connect(issuer).removeOperator(operator.address))
        .to.emit(registry, "OperatorRemoved")
        .withArgs(issuer.address, operator.address);
    });

    it("rejects removing an address that was never an operator", async () => {
      const { registry, issuer, stranger } = await loadFixture(withOperator);
      await expect(registry.connect(issuer).removeOperator(stranger.address))
        .to.be.revertedWithCustomError(registry, "OperatorNotFound")
        .withArgs(issuer.address, stranger.address);
    });

    it("rejects removing the same operator twice", async () => {
      const { registry, issuer, operator } = await loadFixture(withOperator);
      await registry.connect(issuer).removeOperator(operator.address);
      await expect(registry.connect(issuer).removeOperator(operator.address))
        .to.be.revertedWithCustomError(registry, "OperatorNotFound")
        .withArgs(issuer.address, operator.address);
    });

    it("only removes from the caller's own operators", async () => {
      const { registry, issuer, operator, stranger } = await loadFixture(withOperator);
      await expect(registry.connect(stranger).removeOperator(operator.address))
        .to.be.revertedWithCustomError(registry, "OperatorNotFound")
        .withArgs(stranger.address, operator.address);
      expect(await registry.canActFor(issuer.address, operator.address)).to.equal(true);
    });
  });

  describe("operatorExpiry", () => {
    it("is zero for an address that was never an operator", async () => {
      const { registry, issuer, stranger } = await loadFixture(withOperator);
      expect(await registry.operatorExpiry(issuer.address, stranger.address)).to.equal(0);
    });

    it("keeps the expiry after it has passed", async () => {
      const { registry, issuer, operator, operatorExpiry } = await loadFixture(withOperator);
      await time.increaseTo(operatorExpiry + DAY);
      expect(await registry.operatorExpiry(issuer.address, operator.address)).to.equal(
        operatorExpiry,
      );
    });
  });

  describe("canActFor", () => {
    it("lets the issuer act for itself", async () => {
      const { registry, issuer } = await loadFixture(deployRegistries);
      expect(await registry.canActFor(issuer.address, issuer.address)).to.equal(true);
    });

    it("refuses an address that is neither the issuer nor an operator", async () => {
      const { registry, issuer, stranger } = await loadFixture(withOperator);
      expect(await registry.canActFor(issuer.address, stranger.address)).to.equal(false);
    });

    it("lets an operator act up to the second before its expiry", async () => {
      const { registry, issuer, operator, operatorExpiry } = await loadFixture(withOperator);
      await time.increaseTo(operatorExpiry - 1);
      expect(await registry.canActFor(issuer.address, operator.address)).to.equal(true);
    });

    it("refuses an operator from its expiry on (the expiry is exclusive)", async () => {
      const { registry, issuer, operator, operatorExpiry } = await loadFixture(withOperator);
      await time.increaseTo(operatorExpiry);
      expect(await registry.canActFor(issuer.address, operator.address)).to.equal(false);
    });

    it("scopes an operator to the issuer that authorised it", async () => {
      const { registry, operator, otherIssuer } = await loadFixture(withOperator);
      expect(await registry.canActFor(otherIssuer.address, operator.address)).to.equal(false);
    });

    it("does not let an issuer act for its operator", async () => {
      const { registry, issuer, operator } = await loadFixture(withOperator);
      expect(await registry.canActFor(operator.address, issuer.address)).to.equal(false);
    });
  });
});
