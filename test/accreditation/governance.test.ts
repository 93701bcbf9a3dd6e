// Governance is one admin whose power moves only by a two-step transfer that waits out a delay
// (OpenZeppelin AccessControlDefaultAdminRules); these tests pin that the registry keeps those rules.
import { expect } from "chai";
import {
  ADMIN_DELAY,
  BODY_CID,
  BODY_NAME,
  DEFAULT_ADMIN_ROLE,
  DEGREE,
  deployedRegistry,
  ethers,
  JURISDICTION,
  loadFixture,
  time,
} from "./fixtures.ts";

/** Governance has started handing over to `stranger`; returns the moment it may be accepted after. */
async function transferStarted() {
  const f = await loadFixture(deployedRegistry);
  await f.registry.connect(f.governance).beginDefaultAdminTransfer(f.stranger);
  const schedule = (await time.latest()) + ADMIN_DELAY;
  return { ...f, newGovernance: f.stranger, schedule };
}

describe("AccreditationRegistry: governance", () => {
  it("starts with the deploying governance as the only admin, with the configured delay", async () => {
    const { registry, governance } = await loadFixture(deployedRegistry);
    expect(await registry.defaultAdmin()).to.equal(governance.address);
    expect(await registry.owner()).to.equal(governance.address);
    expect(await registry.hasRole(DEFAULT_ADMIN_ROLE, governance)).to.equal(true);
    expect(await registry.defaultAdminDelay()).to.equal(ADMIN_DELAY);
  });

  it("refuses to deploy without a governance account", async () => {
    const factory = await ethers.getContractFactory("AccreditationRegistry");
    await expect(factory.deploy(ADMIN_DELAY, ethers.ZeroAddress))
      .to.be.revertedWithCustomError(factory, "AccessControlInvalidDefaultAdmin")
      .withArgs(ethers.ZeroAddress);
  });

  it("exposes FOREVER as the largest uint48, the validUntil of open-ended terms", async () => {
    const { registry } = await loadFixture(deployedRegistry);
    expect(await registry.FOREVER()).to.equal(2n ** 48n - 1n);
  });

  describe("two-step delayed transfer", () => {
    it("schedules a transfer for the end of the delay and emits DefaultAdminTransferScheduled", async () => {
      const { registry, governance, stranger } = await loadFixture(deployedRegistry);
      const startedAt = (await time.latest()) + 1;
      await time.setNextBlockTimestamp(startedAt);
      await expect(registry.connect(governance).beginDefaultAdminTransfer(stranger))
        .to.emit(registry, "DefaultAdminTransferScheduled")
        .withArgs(stranger.address, startedAt + ADMIN_DELAY);
      expect([...(await registry.pendingDefaultAdmin())]).to.deep.equal([
        stranger.address,
        BigInt(startedAt + ADMIN_DELAY),
      ]);
    });

    it("refuses to complete a transfer until the delay has passed", async () => {
      const { registry, newGovernance, schedule } = await transferStarted();
      await time.setNextBlockTimestamp(schedule);
      await expect(registry.connect(newGovernance).acceptDefaultAdminTransfer())
        .to.be.revertedWithCustomError(registry, "AccessControlEnforcedDefaultAdminDelay")
        .withArgs(schedule);
    });

    it("hands every governance power to the new account once the delay has passed", async () => {
      const { registry, governance, newGovernance, body, schedule } = await transferStarted();
      await time.setNextBlockTimestamp(schedule + 1);
      await expect(registry.connect(newGovernance).acceptDefaultAdminTransfer())
        .to.emit(registry, "RoleRevoked")
        .withArgs(DEFAULT_ADMIN_ROLE, governance.address, newGovernance.address)
        .and.to.emit(registry, "RoleGranted")
        .withArgs(DEFAULT_ADMIN_ROLE, newGovernance.address, newGovernance.address);
      expect(await registry.defaultAdmin()).to.equal(newGovernance.address);
      await expect(
        registry
          .connect(newGovernance)
          .appointBody(body, [DEGREE], BODY_CID, BODY_NAME, JURISDICTION),
      ).to.emit(registry, "BodyAppointed");
    });

    it("takes every governance power from the old account once the transfer completes", async () => {
      const { registry, governance, newGovernance, body, schedule } = await transferStarted();
      await time.increaseTo(schedule + 1);
      await registry.connect(newGovernance).acceptDefaultAdminTransfer();
      expect(await registry.hasRole(DEFAULT_ADMIN_ROLE, governance)).to.equal(false);
      await expect(
        registry.connect(governance).appointBody(body, [DEGREE], BODY_CID, BODY_NAME, JURISDICTION),
      )
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(governance.address, DEFAULT_ADMIN_ROLE);
    });

    it("lets only the pending account accept a transfer", async () => {
      const { registry, body, schedule } = await transferStarted();
      await time.increaseTo(schedule + 1);
      await expect(registry.connect(body).acceptDefaultAdminTransfer())
        .to.be.revertedWithCustomError(registry, "AccessControlInvalidDefaultAdmin")
        .withArgs(body.address);
    });

    it("lets only governance start a transfer", async () => {
      const { registry, stranger } = await loadFixture(deployedRegistry);
      await expect(registry.connect(stranger).beginDefaultAdminTransfer(stranger))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, DEFAULT_ADMIN_ROLE);
    });

    it("lets governance cancel a pending transfer, which can then not be accepted", async () => {
      const { registry, governance, newGovernance, schedule } = await transferStarted();
      await expect(registry.connect(governance).cancelDefaultAdminTransfer()).to.emit(
        registry,
        "DefaultAdminTransferCanceled",
      );
      await time.increaseTo(schedule + 1);
      await expect(registry.connect(newGovernance).acceptDefaultAdminTransfer())
        .to.be.revertedWithCustomError(registry, "AccessControlInvalidDefaultAdmin")
        .withArgs(newGovernance.address);
    });

    it("refuses renouncing governance without a scheduled transfer to nobody", async () => {
      const { registry, governance } = await loadFixture(deployedRegistry);
      await expect(registry.connect(governance).renounceRole(DEFAULT_ADMIN_ROLE, governance))
        .to.be.revertedWithCustomError(registry, "AccessControlEnforcedDefaultAdminDelay")
        .withArgs(0);
    });
  });

  describe("delay changes", () => {
    it("schedules a longer delay instead of applying it at once", async () => {
      const { registry, governance } = await loadFixture(deployedRegistry);
      const longer = 2 * ADMIN_DELAY;
      const changedAt = (await time.latest()) + 1;
      const increaseWait = Number(await registry.defaultAdminDelayIncreaseWait());
      await time.setNextBlockTimestamp(changedAt);
      await expect(registry.connect(governance).changeDefaultAdminDelay(longer))
        .to.emit(registry, "DefaultAdminDelayChangeScheduled")
        .withArgs(longer, changedAt + Math.min(longer, increaseWait));
      expect(await registry.defaultAdminDelay()).to.equal(ADMIN_DELAY);
      expect((await registry.pendingDefaultAdminDelay())[0]).to.equal(longer);
    });

    it("lets only governance change the delay", async () => {
      const { registry, stranger } = await loadFixture(deployedRegistry);
      await expect(registry.connect(stranger).changeDefaultAdminDelay(0))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, DEFAULT_ADMIN_ROLE);
    });
  });

  describe("direct role changes", () => {
    it("refuses to grant the admin role directly", async () => {
      const { registry, governance, stranger } = await loadFixture(deployedRegistry);
      await expect(
        registry.connect(governance).grantRole(DEFAULT_ADMIN_ROLE, stranger),
      ).to.be.revertedWithCustomError(registry, "AccessControlEnforcedDefaultAdminRules");
    });

    it("refuses to revoke the admin role directly", async () => {
      const { registry, governance } = await loadFixture(deployedRegistry);
      await expect(
        registry.connect(governance).revokeRole(DEFAULT_ADMIN_ROLE, governance),
      ).to.be.revertedWithCustomError(registry, "AccessControlEnforcedDefaultAdminRules");
    });
  });
});
