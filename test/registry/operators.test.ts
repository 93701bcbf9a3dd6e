// Operator keys: an issuer authorises them with an expiry (exclusive) and a set of rights (anchor,
// suspend, revoke), changes or removes them; canActFor answers who may use a right in an issuer's
// name right now. An anchor-only key (a batch server's) can never revoke or suspend.
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import {
  ALL_RIGHTS,
  anchorRequest,
  DAY,
  DEGREE,
  deployRegistries,
  LEAF_COUNT,
  MANIFEST_CID,
  networkHelpers,
  OTHER_ROOT,
  RIGHT_ANCHOR,
  RIGHT_REVOKE,
  RIGHT_SUSPEND,
  ROOT,
  signAnchor,
  submitAnchor,
  time,
  withOperator,
} from "./fixtures.ts";

const { loadFixture } = networkHelpers;

describe("CredentialRegistry operators", () => {
  describe("setOperator", () => {
    it("authorises an operator with rights until the given expiry and emits OperatorSet", async () => {
      const { registry, issuer, operator } = await loadFixture(deployRegistries);
      const expiresAt = (await time.latest()) + DAY;
      const rights = RIGHT_ANCHOR | RIGHT_SUSPEND;
      await expect(registry.connect(issuer).setOperator(operator.address, expiresAt, rights))
        .to.emit(registry, "OperatorSet")
        .withArgs(issuer.address, operator.address, expiresAt, rights);
      expect([...(await registry.operatorOf(issuer.address, operator.address))]).to.deep.equal([
        BigInt(expiresAt),
        BigInt(rights),
      ]);
    });

    it("exposes the rights as RIGHT_ANCHOR = 1, RIGHT_SUSPEND = 2 and RIGHT_REVOKE = 4", async () => {
      const { registry } = await loadFixture(deployRegistries);
      expect(await registry.RIGHT_ANCHOR()).to.equal(1n);
      expect(await registry.RIGHT_SUSPEND()).to.equal(2n);
      expect(await registry.RIGHT_REVOKE()).to.equal(4n);
    });

    for (const rights of [0, 8, 255]) {
      it(`rejects rights ${rights}, outside the three rights`, async () => {
        const { registry, issuer, operator } = await loadFixture(deployRegistries);
        const expiresAt = (await time.latest()) + DAY;
        await expect(registry.connect(issuer).setOperator(operator.address, expiresAt, rights))
          .to.be.revertedWithCustomError(registry, "OperatorRightsInvalid")
          .withArgs(rights);
      });
    }

    it("changes an operator's rights when called again", async () => {
      const { registry, issuer, operator, operatorExpiry } = await loadFixture(withOperator);
      await registry.connect(issuer).anchor(ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID);
      await registry.connect(issuer).setOperator(operator.address, operatorExpiry, RIGHT_ANCHOR);
      await expect(registry.connect(operator).revokeBatch(issuer.address, ROOT, 1))
        .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
        .withArgs(issuer.address, operator.address, RIGHT_REVOKE);
      await registry.connect(issuer).setOperator(operator.address, operatorExpiry, RIGHT_REVOKE);
      await expect(registry.connect(operator).revokeBatch(issuer.address, ROOT, 1)).to.emit(
        registry,
        "BatchRevoked",
      );
      await expect(
        registry
          .connect(operator)
          .anchorFor(issuer.address, OTHER_ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID),
      )
        .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
        .withArgs(issuer.address, operator.address, RIGHT_ANCHOR);
    });

    it("changes the expiry of an existing operator, shorter or longer", async () => {
      const { registry, issuer, operator, operatorExpiry } = await loadFixture(withOperator);
      await registry.connect(issuer).setOperator(operator.address, operatorExpiry - DAY, 7);
      expect((await registry.operatorOf(issuer.address, operator.address)).expiresAt).to.equal(
        operatorExpiry - DAY,
      );
      await registry.connect(issuer).setOperator(operator.address, operatorExpiry + DAY, 7);
      expect((await registry.operatorOf(issuer.address, operator.address)).expiresAt).to.equal(
        operatorExpiry + DAY,
      );
    });

    it("renews an operator whose authority has expired", async () => {
      const { registry, issuer, operator, operatorExpiry } = await loadFixture(withOperator);
      await time.increaseTo(operatorExpiry + DAY);
      await registry.connect(issuer).setOperator(operator.address, operatorExpiry + 2 * DAY, 7);
      expect(await registry.canActFor(issuer.address, operator.address, RIGHT_ANCHOR)).to.equal(
        true,
      );
    });

    it("rejects the zero address as an operator", async () => {
      const { registry, issuer } = await loadFixture(deployRegistries);
      const expiresAt = (await time.latest()) + DAY;
      await expect(registry.connect(issuer).setOperator(ZeroAddress, expiresAt, 7))
        .to.be.revertedWithCustomError(registry, "OperatorInvalid")
        .withArgs(ZeroAddress);
    });

    it("rejects the issuer as its own operator", async () => {
      const { registry, issuer } = await loadFixture(deployRegistries);
      const expiresAt = (await time.latest()) + DAY;
      await expect(registry.connect(issuer).setOperator(issuer.address, expiresAt, 7))
        .to.be.revertedWithCustomError(registry, "OperatorInvalid")
        .withArgs(issuer.address);
    });

    it("rejects an expiry equal to the current block time", async () => {
      const { registry, issuer, operator } = await loadFixture(deployRegistries);
      const now = (await time.latest()) + 1;
      await time.setNextBlockTimestamp(now);
      await expect(registry.connect(issuer).setOperator(operator.address, now, 7))
        .to.be.revertedWithCustomError(registry, "OperatorExpiryInvalid")
        .withArgs(now);
    });

    it("rejects an expiry in the past", async () => {
      const { registry, issuer, operator } = await loadFixture(deployRegistries);
      const past = (await time.latest()) - DAY;
      await expect(registry.connect(issuer).setOperator(operator.address, past, 7))
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
      expect([...(await registry.operatorOf(issuer.address, operator.address))]).to.deep.equal([
        0n,
        0n,
      ]);
      expect(await registry.canActFor(issuer.address, operator.address, RIGHT_ANCHOR)).to.equal(
        false,
      );
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
      expect(await registry.canActFor(issuer.address, operator.address, RIGHT_ANCHOR)).to.equal(
        true,
      );
    });
  });

  describe("operatorOf", () => {
    it("is zero for an address that was never an operator", async () => {
      const { registry, issuer, stranger } = await loadFixture(withOperator);
      expect([...(await registry.operatorOf(issuer.address, stranger.address))]).to.deep.equal([
        0n,
        0n,
      ]);
    });

    it("keeps the expiry and rights after the expiry has passed", async () => {
      const { registry, issuer, operator, operatorExpiry } = await loadFixture(withOperator);
      await time.increaseTo(operatorExpiry + DAY);
      expect([...(await registry.operatorOf(issuer.address, operator.address))]).to.deep.equal([
        BigInt(operatorExpiry),
        BigInt(ALL_RIGHTS),
      ]);
    });
  });

  describe("an anchor-only operator (a batch server's key)", () => {
    /** The issuer anchored ROOT itself, then gave the operator RIGHT_ANCHOR only. */
    async function anchorOnlyOperator() {
      const f = await deployRegistries();
      await f.registry.connect(f.issuer).anchor(ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID);
      const expiresAt = (await time.latest()) + 30 * DAY;
      await f.registry.connect(f.issuer).setOperator(f.operator.address, expiresAt, RIGHT_ANCHOR);
      return f;
    }

    it("anchors in the issuer's name", async () => {
      const { registry, issuer, operator } = await loadFixture(anchorOnlyOperator);
      await expect(
        registry
          .connect(operator)
          .anchorFor(issuer.address, OTHER_ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID),
      )
        .to.emit(registry, "OperatorAnchored")
        .withArgs(issuer.address, OTHER_ROOT, operator.address);
    });

    it("cannot revoke a batch anchored before it existed", async () => {
      const { registry, issuer, operator } = await loadFixture(anchorOnlyOperator);
      await expect(registry.connect(operator).revokeBatch(issuer.address, ROOT, 1))
        .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
        .withArgs(issuer.address, operator.address, RIGHT_REVOKE);
      expect((await registry.batchOf(issuer.address, ROOT)).revoked).to.equal(false);
    });

    it("cannot revoke even the batches it anchored itself", async () => {
      const { registry, issuer, operator } = await loadFixture(anchorOnlyOperator);
      await registry
        .connect(operator)
        .anchorFor(issuer.address, OTHER_ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID);
      await expect(registry.connect(operator).revokeBatch(issuer.address, OTHER_ROOT, 1))
        .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
        .withArgs(issuer.address, operator.address, RIGHT_REVOKE);
      await expect(registry.connect(operator).revokeCredential(issuer.address, OTHER_ROOT, 0, 1))
        .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
        .withArgs(issuer.address, operator.address, RIGHT_REVOKE);
    });

    it("cannot suspend or unsuspend credentials", async () => {
      const { registry, issuer, operator } = await loadFixture(anchorOnlyOperator);
      await expect(registry.connect(operator).suspendCredential(issuer.address, ROOT, 0, 1))
        .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
        .withArgs(issuer.address, operator.address, RIGHT_SUSPEND);
      await registry.connect(issuer).suspendCredential(issuer.address, ROOT, 0, 1);
      await expect(registry.connect(operator).unsuspendCredential(issuer.address, ROOT, 0, 1))
        .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
        .withArgs(issuer.address, operator.address, RIGHT_SUSPEND);
    });
  });

  describe("anchorWithSig and rights", () => {
    it("rejects the signature of a live operator without RIGHT_ANCHOR", async () => {
      const { registry, issuer, operator, operatorExpiry, relayer } =
        await loadFixture(withOperator);
      await registry
        .connect(issuer)
        .setOperator(operator.address, operatorExpiry, RIGHT_SUSPEND | RIGHT_REVOKE);
      const request = await anchorRequest(registry, issuer.address, operator.address);
      const signature = await signAnchor(registry, operator, request);
      await expect(submitAnchor(registry, relayer, request, operator.address, signature))
        .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
        .withArgs(issuer.address, operator.address, RIGHT_ANCHOR);
    });
  });

  describe("canActFor", () => {
    it("answers per right: an operator may use only the rights it holds", async () => {
      const { registry, issuer, operator, operatorExpiry } = await loadFixture(withOperator);
      await registry
        .connect(issuer)
        .setOperator(operator.address, operatorExpiry, RIGHT_ANCHOR | RIGHT_REVOKE);
      const can = (right: number) => registry.canActFor(issuer.address, operator.address, right);
      expect(await can(RIGHT_ANCHOR)).to.equal(true);
      expect(await can(RIGHT_REVOKE)).to.equal(true);
      expect(await can(RIGHT_SUSPEND)).to.equal(false);
      expect(await can(RIGHT_ANCHOR | RIGHT_SUSPEND)).to.equal(false);
      expect(await registry.canActFor(issuer.address, issuer.address, ALL_RIGHTS)).to.equal(true);
    });

    it("lets the issuer act for itself", async () => {
      const { registry, issuer } = await loadFixture(deployRegistries);
      expect(await registry.canActFor(issuer.address, issuer.address, RIGHT_ANCHOR)).to.equal(true);
    });

    it("refuses an address that is neither the issuer nor an operator", async () => {
      const { registry, issuer, stranger } = await loadFixture(withOperator);
      expect(await registry.canActFor(issuer.address, stranger.address, RIGHT_ANCHOR)).to.equal(
        false,
      );
    });

    it("lets an operator act up to the second before its expiry", async () => {
      const { registry, issuer, operator, operatorExpiry } = await loadFixture(withOperator);
      await time.increaseTo(operatorExpiry - 1);
      expect(await registry.canActFor(issuer.address, operator.address, RIGHT_ANCHOR)).to.equal(
        true,
      );
    });

    it("refuses an operator from its expiry on (the expiry is exclusive)", async () => {
      const { registry, issuer, operator, operatorExpiry } = await loadFixture(withOperator);
      await time.increaseTo(operatorExpiry);
      expect(await registry.canActFor(issuer.address, operator.address, RIGHT_ANCHOR)).to.equal(
        false,
      );
    });

    it("scopes an operator to the issuer that authorised it", async () => {
      const { registry, operator, otherIssuer } = await loadFixture(withOperator);
      expect(
        await registry.canActFor(otherIssuer.address, operator.address, RIGHT_ANCHOR),
      ).to.equal(false);
    });

    it("does not let an issuer act for its operator", async () => {
      const { registry, issuer, operator } = await loadFixture(withOperator);
      expect(await registry.canActFor(operator.address, issuer.address, RIGHT_ANCHOR)).to.equal(
        false,
      );
    });
  });
});
