// Signing keys: the issuer account declares the Ed25519 keys its v2 credentials are signed with,
// and retires them from a moment (only ever earlier). Declarations are per issuer, and only the
// issuer itself makes them: an operator, whatever its rights, acts in its own name here.
import { expect } from "chai";
import {
  ALL_RIGHTS,
  DAY,
  deployRegistries,
  ethers,
  networkHelpers,
  time,
  withOperator,
} from "./fixtures.ts";

const { loadFixture } = networkHelpers;
const KEY = ethers.id("an Ed25519 public key");
const OTHER_KEY = ethers.id("another Ed25519 public key");

/** The issuer declared KEY a day ago. */
async function declaredKey() {
  const f = await withOperator();
  await f.registry.connect(f.issuer).declareSigningKey(KEY);
  const declaredAt = await time.latest();
  await time.increase(DAY);
  return { ...f, declaredAt };
}

describe("CredentialRegistry signing keys", () => {
  describe("declareSigningKey", () => {
    it("records the key for the caller from the block's time and emits SigningKeyDeclared", async () => {
      const { registry, issuer } = await loadFixture(deployRegistries);
      const at = (await time.latest()) + 10;
      await time.setNextBlockTimestamp(at);
      await expect(registry.connect(issuer).declareSigningKey(KEY))
        .to.emit(registry, "SigningKeyDeclared")
        .withArgs(issuer.address, KEY, at);
      expect([...(await registry.signingKey(issuer.address, KEY))]).to.deep.equal([BigInt(at), 0n]);
    });

    it("rejects key 0", async () => {
      const { registry, issuer } = await loadFixture(deployRegistries);
      await expect(
        registry.connect(issuer).declareSigningKey(ethers.ZeroHash),
      ).to.be.revertedWithCustomError(registry, "ZeroSigningKey");
    });

    it("rejects a key the issuer declared before", async () => {
      const { registry, issuer } = await loadFixture(declaredKey);
      await expect(registry.connect(issuer).declareSigningKey(KEY))
        .to.be.revertedWithCustomError(registry, "SigningKeyAlreadyDeclared")
        .withArgs(issuer.address, KEY);
    });

    it("rejects declaring a retired key again, so a term is written once", async () => {
      const { registry, issuer } = await loadFixture(declaredKey);
      await registry.connect(issuer).retireSigningKey(KEY, await time.latest());
      await expect(registry.connect(issuer).declareSigningKey(KEY))
        .to.be.revertedWithCustomError(registry, "SigningKeyAlreadyDeclared")
        .withArgs(issuer.address, KEY);
    });

    it("declares for the operator itself, never for the issuer, even with every right", async () => {
      const { registry, issuer, operator } = await loadFixture(withOperator);
      expect(await registry.canActFor(issuer.address, operator.address, ALL_RIGHTS)).to.equal(true);
      await expect(registry.connect(operator).declareSigningKey(KEY))
        .to.emit(registry, "SigningKeyDeclared")
        .withArgs(operator.address, KEY, await time.latest().then((t) => t + 1));
      expect([...(await registry.signingKey(issuer.address, KEY))]).to.deep.equal([0n, 0n]);
    });

    it("lets two issuers declare the same key, each for itself", async () => {
      const { registry, issuer, otherIssuer, declaredAt } = await loadFixture(declaredKey);
      await registry.connect(otherIssuer).declareSigningKey(KEY);
      const otherAt = await time.latest();
      expect([...(await registry.signingKey(issuer.address, KEY))]).to.deep.equal([
        BigInt(declaredAt),
        0n,
      ]);
      expect([...(await registry.signingKey(otherIssuer.address, KEY))]).to.deep.equal([
        BigInt(otherAt),
        0n,
      ]);
    });
  });

  describe("retireSigningKey", () => {
    it("retires a key from now and emits SigningKeyRetired", async () => {
      const { registry, issuer, declaredAt } = await loadFixture(declaredKey);
      const now = (await time.latest()) + 1;
      await time.setNextBlockTimestamp(now);
      await expect(registry.connect(issuer).retireSigningKey(KEY, now))
        .to.emit(registry, "SigningKeyRetired")
        .withArgs(issuer.address, KEY, now);
      expect([...(await registry.signingKey(issuer.address, KEY))]).to.deep.equal([
        BigInt(declaredAt),
        BigInt(now),
      ]);
    });

    it("retires a leaked key back to its declaration", async () => {
      const { registry, issuer, declaredAt } = await loadFixture(declaredKey);
      await registry.connect(issuer).retireSigningKey(KEY, declaredAt);
      expect((await registry.signingKey(issuer.address, KEY)).retiredAt).to.equal(declaredAt);
    });

    it("rejects a moment before the key's declaration", async () => {
      const { registry, issuer, declaredAt } = await loadFixture(declaredKey);
      const now = (await time.latest()) + 1;
      await time.setNextBlockTimestamp(now);
      await expect(registry.connect(issuer).retireSigningKey(KEY, declaredAt - 1))
        .to.be.revertedWithCustomError(registry, "SigningKeyRetirementInvalid")
        .withArgs(KEY, declaredAt - 1, declaredAt, now);
    });

    it("rejects a moment after the current block", async () => {
      const { registry, issuer, declaredAt } = await loadFixture(declaredKey);
      const now = (await time.latest()) + 1;
      await time.setNextBlockTimestamp(now);
      await expect(registry.connect(issuer).retireSigningKey(KEY, now + 1))
        .to.be.revertedWithCustomError(registry, "SigningKeyRetirementInvalid")
        .withArgs(KEY, now + 1, declaredAt, now);
    });

    it("moves a retirement earlier when called again", async () => {
      const { registry, issuer, declaredAt } = await loadFixture(declaredKey);
      await registry.connect(issuer).retireSigningKey(KEY, await time.latest());
      await expect(registry.connect(issuer).retireSigningKey(KEY, declaredAt + 1))
        .to.emit(registry, "SigningKeyRetired")
        .withArgs(issuer.address, KEY, declaredAt + 1);
      expect((await registry.signingKey(issuer.address, KEY)).retiredAt).to.equal(declaredAt + 1);
    });

    it("never moves a retirement later, nor repeats it", async () => {
      const { registry, issuer, declaredAt } = await loadFixture(declaredKey);
      const retiredAt = declaredAt + 100;
      await registry.connect(issuer).retireSigningKey(KEY, retiredAt);
      for (const later of [retiredAt, retiredAt + 1]) {
        await expect(registry.connect(issuer).retireSigningKey(KEY, later))
          .to.be.revertedWithCustomError(registry, "SigningKeyRetirementInvalid")
          .withArgs(KEY, later, declaredAt, retiredAt - 1);
      }
      expect((await registry.signingKey(issuer.address, KEY)).retiredAt).to.equal(retiredAt);
    });

    it("rejects a key the caller never declared", async () => {
      const { registry, issuer } = await loadFixture(declaredKey);
      await expect(registry.connect(issuer).retireSigningKey(OTHER_KEY, await time.latest()))
        .to.be.revertedWithCustomError(registry, "SigningKeyNotDeclared")
        .withArgs(issuer.address, OTHER_KEY);
    });

    it("refuses an operator with every right: it has no key of the issuer's to retire", async () => {
      const { registry, issuer, operator } = await loadFixture(declaredKey);
      await expect(registry.connect(operator).retireSigningKey(KEY, await time.latest()))
        .to.be.revertedWithCustomError(registry, "SigningKeyNotDeclared")
        .withArgs(operator.address, KEY);
      expect((await registry.signingKey(issuer.address, KEY)).retiredAt).to.equal(0n);
    });

    it("retires only the caller's declaration of a key two issuers declared", async () => {
      const { registry, issuer, otherIssuer } = await loadFixture(declaredKey);
      await registry.connect(otherIssuer).declareSigningKey(KEY);
      await registry.connect(otherIssuer).retireSigningKey(KEY, await time.latest());
      expect((await registry.signingKey(issuer.address, KEY)).retiredAt).to.equal(0n);
    });
  });

  describe("signingKey", () => {
    it("reads 0 and 0 for a key never declared", async () => {
      const { registry, issuer } = await loadFixture(deployRegistries);
      expect([...(await registry.signingKey(issuer.address, KEY))]).to.deep.equal([0n, 0n]);
    });
  });
});
