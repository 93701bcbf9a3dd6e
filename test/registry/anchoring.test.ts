// Anchoring a batch: in the caller's own name (anchor) or in an issuer's name by the issuer or a
// live operator (anchorFor); one batch per (issuer, root), read back with batchOf.
import { expect } from "chai";
import { ZeroHash } from "ethers";
import {
  anchoredBatch,
  batchTree,
  CERTIFICATE,
  credentialOf,
  DAY,
  DEGREE,
  deployRegistries,
  LEAF_COUNT,
  MANIFEST_CID,
  networkHelpers,
  OTHER_ROOT,
  RIGHT_ANCHOR,
  ROOT,
  time,
  withOperator,
} from "./fixtures.ts";

const { loadFixture } = networkHelpers;
const ZERO_TYPE = `0x${"00".repeat(20)}`;
const MAX_UINT32 = 2 ** 32 - 1;

describe("CredentialRegistry anchoring", () => {
  describe("anchor", () => {
    it("records the batch in the caller's name with the block time", async () => {
      const { registry, issuer } = await loadFixture(deployRegistries);
      await registry.connect(issuer).anchor(ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID);
      const batch = await registry.batchOf(issuer.address, ROOT);
      expect(batch.anchoredAt).to.equal(await time.latest());
      expect(batch.leafCount).to.equal(LEAF_COUNT);
      expect(batch.credentialType).to.equal(DEGREE);
      expect(batch.revoked).to.equal(false);
    });

    it("emits no OperatorAnchored when the issuer's own key acted", async () => {
      const { registry, issuer } = await loadFixture(deployRegistries);
      await expect(
        registry.connect(issuer).anchor(ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID),
      ).not.to.emit(registry, "OperatorAnchored");
    });

    it("emits BatchAnchored with the batch's type, size and manifest", async () => {
      const { registry, issuer } = await loadFixture(deployRegistries);
      await expect(registry.connect(issuer).anchor(ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID))
        .to.emit(registry, "BatchAnchored")
        .withArgs(issuer.address, ROOT, DEGREE, LEAF_COUNT, MANIFEST_CID);
    });

    it("lets two issuers anchor the same root independently (no squatting)", async () => {
      const { registry, issuer, otherIssuer } = await loadFixture(deployRegistries);
      await registry.connect(otherIssuer).anchor(ROOT, 5, CERTIFICATE, "0x");
      await registry.connect(issuer).anchor(ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID);
      const mine = await registry.batchOf(issuer.address, ROOT);
      const theirs = await registry.batchOf(otherIssuer.address, ROOT);
      expect([mine.leafCount, mine.credentialType]).to.deep.equal([BigInt(LEAF_COUNT), DEGREE]);
      expect([theirs.leafCount, theirs.credentialType]).to.deep.equal([5n, CERTIFICATE]);
    });

    it("rejects a root anchored twice by the same issuer", async () => {
      const { registry, issuer } = await loadFixture(anchoredBatch);
      await expect(registry.connect(issuer).anchor(ROOT, 7, CERTIFICATE, MANIFEST_CID))
        .to.be.revertedWithCustomError(registry, "BatchAlreadyAnchored")
        .withArgs(issuer.address, ROOT);
    });

    it("keeps the first anchor when a second one is rejected", async () => {
      const { registry, issuer } = await loadFixture(anchoredBatch);
      const before = await registry.batchOf(issuer.address, ROOT);
      await time.increase(DAY);
      await expect(
        registry.connect(issuer).anchor(ROOT, 7, CERTIFICATE, MANIFEST_CID),
      ).to.be.revertedWithCustomError(registry, "BatchAlreadyAnchored");
      expect(await registry.batchOf(issuer.address, ROOT)).to.deep.equal(before);
    });

    it("anchors different roots of one issuer side by side", async () => {
      const { registry, issuer } = await loadFixture(anchoredBatch);
      await registry.connect(issuer).anchor(OTHER_ROOT, 3, CERTIFICATE, MANIFEST_CID);
      expect((await registry.batchOf(issuer.address, ROOT)).leafCount).to.equal(LEAF_COUNT);
      expect((await registry.batchOf(issuer.address, OTHER_ROOT)).leafCount).to.equal(3);
    });

    it("rejects the zero root", async () => {
      const { registry, issuer } = await loadFixture(deployRegistries);
      await expect(
        registry.connect(issuer).anchor(ZeroHash, LEAF_COUNT, DEGREE, MANIFEST_CID),
      ).to.be.revertedWithCustomError(registry, "RootInvalid");
    });

    it("rejects a batch of no credentials", async () => {
      const { registry, issuer } = await loadFixture(deployRegistries);
      await expect(registry.connect(issuer).anchor(ROOT, 0, DEGREE, MANIFEST_CID))
        .to.be.revertedWithCustomError(registry, "LeafCountInvalid")
        .withArgs(0);
    });

    it("rejects the zero credential type", async () => {
      const { registry, issuer } = await loadFixture(deployRegistries);
      await expect(
        registry.connect(issuer).anchor(ROOT, LEAF_COUNT, ZERO_TYPE, MANIFEST_CID),
      ).to.be.revertedWithCustomError(registry, "CredentialTypeInvalid");
    });

    it("accepts the largest batch a uint32 can count", async () => {
      const { registry, issuer } = await loadFixture(deployRegistries);
      await registry.connect(issuer).anchor(ROOT, MAX_UINT32, DEGREE, MANIFEST_CID);
      expect((await registry.batchOf(issuer.address, ROOT)).leafCount).to.equal(MAX_UINT32);
    });

    it("anchors an operator's own batch in the operator's name, never its issuer's", async () => {
      const { registry, issuer, operator } = await loadFixture(withOperator);
      await registry.connect(operator).anchor(ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID);
      expect((await registry.batchOf(operator.address, ROOT)).anchoredAt).to.not.equal(0);
      expect((await registry.batchOf(issuer.address, ROOT)).anchoredAt).to.equal(0);
    });

    it("stays within the 50,000-gas budget with a 36-byte manifest CID", async () => {
      const { registry, issuer } = await loadFixture(deployRegistries);
      const tx = await registry.connect(issuer).anchor(ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID);
      const receipt = await tx.wait();
      expect(receipt!.gasUsed).to.be.at.most(50_000n);
    });
  });

  describe("anchorFor", () => {
    it("lets a live operator anchor in its issuer's name, recording the operator in OperatorAnchored", async () => {
      const { registry, issuer, operator } = await loadFixture(withOperator);
      await expect(
        registry
          .connect(operator)
          .anchorFor(issuer.address, ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID),
      )
        .to.emit(registry, "BatchAnchored")
        .withArgs(issuer.address, ROOT, DEGREE, LEAF_COUNT, MANIFEST_CID)
        .and.to.emit(registry, "OperatorAnchored")
        .withArgs(issuer.address, ROOT, operator.address);
      expect((await registry.batchOf(issuer.address, ROOT)).leafCount).to.equal(LEAF_COUNT);
    });

    it("lets the issuer anchor in its own name", async () => {
      const { registry, issuer } = await loadFixture(deployRegistries);
      await expect(
        registry.connect(issuer).anchorFor(issuer.address, ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID),
      )
        .to.emit(registry, "BatchAnchored")
        .withArgs(issuer.address, ROOT, DEGREE, LEAF_COUNT, MANIFEST_CID);
    });

    it("rejects a caller that is neither the issuer nor an operator", async () => {
      const { registry, issuer, stranger } = await loadFixture(withOperator);
      await expect(
        registry
          .connect(stranger)
          .anchorFor(issuer.address, ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID),
      )
        .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
        .withArgs(issuer.address, stranger.address, RIGHT_ANCHOR);
    });

    it("lets an operator anchor in the last second before its expiry", async () => {
      const { registry, issuer, operator, operatorExpiry } = await loadFixture(withOperator);
      await time.setNextBlockTimestamp(operatorExpiry - 1);
      await registry
        .connect(operator)
        .anchorFor(issuer.address, ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID);
      expect((await registry.batchOf(issuer.address, ROOT)).anchoredAt).to.equal(
        operatorExpiry - 1,
      );
    });

    it("rejects an operator at its expiry", async () => {
      const { registry, issuer, operator, operatorExpiry } = await loadFixture(withOperator);
      await time.setNextBlockTimestamp(operatorExpiry);
      await expect(
        registry
          .connect(operator)
          .anchorFor(issuer.address, ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID),
      )
        .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
        .withArgs(issuer.address, operator.address, RIGHT_ANCHOR);
    });

    it("rejects a removed operator", async () => {
      const { registry, issuer, operator } = await loadFixture(withOperator);
      await registry.connect(issuer).removeOperator(operator.address);
      await expect(
        registry
          .connect(operator)
          .anchorFor(issuer.address, ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID),
      )
        .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
        .withArgs(issuer.address, operator.address, RIGHT_ANCHOR);
    });

    it("rejects an operator of another issuer", async () => {
      const { registry, operator, otherIssuer } = await loadFixture(withOperator);
      await expect(
        registry
          .connect(operator)
          .anchorFor(otherIssuer.address, ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID),
      )
        .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
        .withArgs(otherIssuer.address, operator.address, RIGHT_ANCHOR);
    });

    it("rejects a root the issuer already anchored itself", async () => {
      const { registry, issuer, operator } = await loadFixture(anchoredBatch);
      await expect(
        registry.connect(operator).anchorFor(issuer.address, ROOT, 1, DEGREE, MANIFEST_CID),
      )
        .to.be.revertedWithCustomError(registry, "BatchAlreadyAnchored")
        .withArgs(issuer.address, ROOT);
    });

    it("rejects the zero root like anchor", async () => {
      const { registry, issuer, operator } = await loadFixture(withOperator);
      await expect(
        registry
          .connect(operator)
          .anchorFor(issuer.address, ZeroHash, LEAF_COUNT, DEGREE, MANIFEST_CID),
      ).to.be.revertedWithCustomError(registry, "RootInvalid");
    });

    it("rejects a batch of no credentials like anchor", async () => {
      const { registry, issuer, operator } = await loadFixture(withOperator);
      await expect(
        registry.connect(operator).anchorFor(issuer.address, ROOT, 0, DEGREE, MANIFEST_CID),
      )
        .to.be.revertedWithCustomError(registry, "LeafCountInvalid")
        .withArgs(0);
    });

    it("rejects the zero credential type like anchor", async () => {
      const { registry, issuer, operator } = await loadFixture(withOperator);
      await expect(
        registry
          .connect(operator)
          .anchorFor(issuer.address, ROOT, LEAF_COUNT, ZERO_TYPE, MANIFEST_CID),
      ).to.be.revertedWithCustomError(registry, "CredentialTypeInvalid");
    });

    it("keeps an anchor made by an operator after the operator expires", async () => {
      const { registry, issuer, operator, operatorExpiry } = await loadFixture(withOperator);
      await registry
        .connect(operator)
        .anchorFor(issuer.address, ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID);
      const anchored = await registry.batchOf(issuer.address, ROOT);
      await time.increaseTo(operatorExpiry + 365 * DAY);
      expect(await registry.batchOf(issuer.address, ROOT)).to.deep.equal(anchored);
    });

    it("keeps the credentials of an operator's anchor verifiable after the operator expires", async () => {
      const { registry, issuer, operator, operatorExpiry } = await loadFixture(withOperator);
      const tree = batchTree(4);
      await registry
        .connect(operator)
        .anchorFor(issuer.address, tree.root, 4, DEGREE, MANIFEST_CID);
      await time.increaseTo(operatorExpiry + 365 * DAY);
      const { digest, proof } = credentialOf(tree, 2);
      const [valid] = await registry.verify(issuer.address, tree.root, 2, digest, proof);
      expect(valid).to.equal(true);
    });

    it("keeps an anchor made by an operator after the operator is removed", async () => {
      const { registry, issuer, operator } = await loadFixture(withOperator);
      await registry
        .connect(operator)
        .anchorFor(issuer.address, ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID);
      await registry.connect(issuer).removeOperator(operator.address);
      expect((await registry.batchOf(issuer.address, ROOT)).leafCount).to.equal(LEAF_COUNT);
    });
  });

  describe("batchOf", () => {
    it("is all zeros for a root the issuer never anchored", async () => {
      const { registry, issuer, otherIssuer } = await loadFixture(anchoredBatch);
      const batch = await registry.batchOf(otherIssuer.address, ROOT);
      expect([
        batch.anchoredAt,
        batch.leafCount,
        batch.revoked,
        batch.credentialType,
      ]).to.deep.equal([0n, 0n, false, ZERO_TYPE]);
      expect((await registry.batchOf(issuer.address, OTHER_ROOT)).anchoredAt).to.equal(0);
    });
  });
});
