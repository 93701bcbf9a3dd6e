// The verifier's views: credentialStatus (everything about one credential in one call, including
// accreditation at anchoring time and now) and credentialStatuses (many indices of one batch).
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import {
  anchoredBatch,
  CERTIFICATE,
  DAY,
  DEGREE,
  deployRegistries,
  distinctIndices,
  LEAF_COUNT,
  MANIFEST_CID,
  networkHelpers,
  OTHER_ROOT,
  ROOT,
  seededRandom,
  time,
  wordsOf,
} from "./fixtures.ts";

const { loadFixture } = networkHelpers;
const YEAR = 365 * DAY;
const FOREVER = 2n ** 48n - 1n;

/** A body accredits the issuer for DEGREE for a year; a day later the issuer anchors ROOT. */
async function accreditedIssuer() {
  const f = await deployRegistries();
  const { accreditation, governance, body, issuer, registry } = f;
  await accreditation
    .connect(governance)
    .appointBody(body.address, [DEGREE], MANIFEST_CID, "Accreditation Council", "DE");
  const accreditedFrom = await time.latest();
  const accreditedUntil = accreditedFrom + YEAR;
  await accreditation
    .connect(body)
    .accredit(
      issuer.address,
      DEGREE,
      accreditedFrom,
      accreditedUntil,
      MANIFEST_CID,
      "Example University",
      "example.edu",
    );
  await time.increase(DAY);
  await registry.connect(issuer).anchor(ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID);
  const anchoredAt = await time.latest();
  return { ...f, accreditedFrom, accreditedUntil, anchoredAt };
}

/** Status as a plain array, so two answers compare with deep equality. */
function plain(status: ArrayLike<unknown>): unknown[] {
  return Array.from(status);
}

describe("CredentialRegistry status views", () => {
  describe("accreditation", () => {
    it("is the accreditation registry the views consult, fixed at deployment", async () => {
      const { registry, accreditation } = await loadFixture(deployRegistries);
      expect(await registry.accreditation()).to.equal(await accreditation.getAddress());
    });
  });

  describe("credentialStatus", () => {
    it("returns all zeros for a root the issuer never anchored", async () => {
      const { registry, otherIssuer } = await loadFixture(accreditedIssuer);
      const status = await registry.credentialStatus(otherIssuer.address, ROOT, 0);
      expect(plain(status)).to.deep.equal([
        0n,
        0n,
        `0x${"00".repeat(20)}`,
        false,
        false,
        false,
        false,
        ZeroAddress,
        false,
        ZeroAddress,
      ]);
    });

    it("reports when, how many and of what type the batch was anchored", async () => {
      const { registry, issuer, anchoredAt } = await loadFixture(accreditedIssuer);
      const status = await registry.credentialStatus(issuer.address, ROOT, 7);
      expect([status.anchoredAt, status.leafCount, status.credentialType]).to.deep.equal([
        BigInt(anchoredAt),
        BigInt(LEAF_COUNT),
        DEGREE,
      ]);
    });

    it("reports a clean credential as neither revoked nor suspended", async () => {
      const { registry, issuer } = await loadFixture(anchoredBatch);
      const status = await registry.credentialStatus(issuer.address, ROOT, 7);
      expect([status.batchRevoked, status.revoked, status.suspended]).to.deep.equal([
        false,
        false,
        false,
      ]);
    });

    it("reports a revoked credential, and only that one", async () => {
      const { registry, issuer } = await loadFixture(anchoredBatch);
      await registry.connect(issuer).revokeCredential(issuer.address, ROOT, 300, 1);
      expect((await registry.credentialStatus(issuer.address, ROOT, 300)).revoked).to.equal(true);
      expect((await registry.credentialStatus(issuer.address, ROOT, 301)).revoked).to.equal(false);
      expect((await registry.credentialStatus(issuer.address, ROOT, 44)).revoked).to.equal(false);
    });

    it("reports a suspended credential until its suspension is lifted", async () => {
      const { registry, issuer } = await loadFixture(anchoredBatch);
      await registry.connect(issuer).suspendCredential(issuer.address, ROOT, 999, 1);
      expect((await registry.credentialStatus(issuer.address, ROOT, 999)).suspended).to.equal(true);
      await registry.connect(issuer).unsuspendCredential(issuer.address, ROOT, 999, 1);
      expect((await registry.credentialStatus(issuer.address, ROOT, 999)).suspended).to.equal(
        false,
      );
    });

    it("reports every credential of a revoked batch as batch-revoked", async () => {
      const { registry, issuer } = await loadFixture(anchoredBatch);
      await registry.connect(issuer).revokeBatch(issuer.address, ROOT, 1);
      for (const index of [0, 500, LEAF_COUNT - 1]) {
        expect(
          (await registry.credentialStatus(issuer.address, ROOT, index)).batchRevoked,
        ).to.equal(true);
      }
    });

    it("reports the accreditation at anchoring time and now, with the accrediting body", async () => {
      const { registry, issuer, body } = await loadFixture(accreditedIssuer);
      const status = await registry.credentialStatus(issuer.address, ROOT, 0);
      expect([
        status.accreditedAtAnchoring,
        status.accreditorAtAnchoring,
        status.accreditedNow,
        status.accreditorNow,
      ]).to.deep.equal([true, body.address, true, body.address]);
    });

    it("keeps the accreditation at anchoring time after the accreditation ends", async () => {
      const { registry, issuer, body, accreditedUntil } = await loadFixture(accreditedIssuer);
      await time.increaseTo(accreditedUntil);
      const status = await registry.credentialStatus(issuer.address, ROOT, 0);
      expect([
        status.accreditedAtAnchoring,
        status.accreditorAtAnchoring,
        status.accreditedNow,
        status.accreditorNow,
      ]).to.deep.equal([true, body.address, false, ZeroAddress]);
    });

    it("loses the accreditation at anchoring time when it is withdrawn from before the anchor", async () => {
      const { registry, accreditation, issuer, body, anchoredAt } =
        await loadFixture(accreditedIssuer);
      await accreditation
        .connect(body)
        .withdraw(issuer.address, DEGREE, anchoredAt - 3600, MANIFEST_CID);
      const status = await registry.credentialStatus(issuer.address, ROOT, 0);
      expect([
        status.accreditedAtAnchoring,
        status.accreditorAtAnchoring,
        status.accreditedNow,
        status.accreditorNow,
      ]).to.deep.equal([false, ZeroAddress, false, ZeroAddress]);
    });

    it("loses the accreditation at anchoring time when it is withdrawn from the anchor's second", async () => {
      const { registry, accreditation, issuer, body, anchoredAt } =
        await loadFixture(accreditedIssuer);
      await accreditation.connect(body).withdraw(issuer.address, DEGREE, anchoredAt, MANIFEST_CID);
      const status = await registry.credentialStatus(issuer.address, ROOT, 0);
      expect(status.accreditedAtAnchoring).to.equal(false);
    });

    it("keeps the accreditation at anchoring time when it is withdrawn from after the anchor", async () => {
      const { registry, accreditation, issuer, body, anchoredAt } =
        await loadFixture(accreditedIssuer);
      await time.increase(DAY);
      await accreditation
        .connect(body)
        .withdraw(issuer.address, DEGREE, anchoredAt + 1, MANIFEST_CID);
      const status = await registry.credentialStatus(issuer.address, ROOT, 0);
      expect([
        status.accreditedAtAnchoring,
        status.accreditorAtAnchoring,
        status.accreditedNow,
      ]).to.deep.equal([true, body.address, false]);
    });

    it("reports a suspended accreditation as not accredited now, but accredited at anchoring", async () => {
      const { registry, accreditation, issuer, body } = await loadFixture(accreditedIssuer);
      await accreditation.connect(body).suspend(issuer.address, DEGREE, "0x");
      const status = await registry.credentialStatus(issuer.address, ROOT, 0);
      expect([status.accreditedAtAnchoring, status.accreditedNow]).to.deep.equal([true, false]);
    });

    it("keeps a batch anchored while unaccredited unaccredited at anchoring after a backdated grant", async () => {
      const { registry, accreditation, governance, body, issuer } =
        await loadFixture(deployRegistries);
      await accreditation
        .connect(governance)
        .appointBody(body.address, [DEGREE], "0x", "Accreditation Council", "DE");
      await time.increase(DAY);
      await registry.connect(issuer).anchor(ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID);
      const anchoredAt = await time.latest();
      await time.increase(DAY);
      await accreditation
        .connect(body)
        .accredit(
          issuer.address,
          DEGREE,
          anchoredAt - DAY,
          FOREVER,
          "0x",
          "Example University",
          "",
        );
      const status = await registry.credentialStatus(issuer.address, ROOT, 0);
      expect([status.accreditedAtAnchoring, status.accreditedNow]).to.deep.equal([false, true]);
    });

    it("reports a batch anchored before its issuer was accredited as unaccredited at anchoring", async () => {
      const { registry, accreditation, governance, body, issuer } =
        await loadFixture(deployRegistries);
      await registry.connect(issuer).anchor(ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID);
      await accreditation
        .connect(governance)
        .appointBody(body.address, [DEGREE], "0x", "Accreditation Council", "DE");
      const now = await time.latest();
      await accreditation
        .connect(body)
        .accredit(
          issuer.address,
          DEGREE,
          now + 1,
          now + YEAR,
          "0x",
          "Example University",
          "example.edu",
        );
      await time.increase(DAY);
      const status = await registry.credentialStatus(issuer.address, ROOT, 0);
      expect([status.accreditedAtAnchoring, status.accreditedNow]).to.deep.equal([false, true]);
    });

    it("reports an unaccredited issuer's batch as anchored but not accredited", async () => {
      const { registry, issuer } = await loadFixture(anchoredBatch);
      const status = await registry.credentialStatus(issuer.address, ROOT, 0);
      expect([
        status.anchoredAt > 0n,
        status.accreditedAtAnchoring,
        status.accreditorAtAnchoring,
        status.accreditedNow,
        status.accreditorNow,
      ]).to.deep.equal([true, false, ZeroAddress, false, ZeroAddress]);
    });

    it("judges accreditation for the batch's own credential type only", async () => {
      const { registry, issuer } = await loadFixture(accreditedIssuer);
      await registry.connect(issuer).anchor(OTHER_ROOT, LEAF_COUNT, CERTIFICATE, MANIFEST_CID);
      const status = await registry.credentialStatus(issuer.address, OTHER_ROOT, 0);
      expect([status.accreditedAtAnchoring, status.accreditedNow]).to.deep.equal([false, false]);
    });

    it("judges accreditation for the issuer that anchored, not another accredited one", async () => {
      const { registry, otherIssuer } = await loadFixture(accreditedIssuer);
      await registry.connect(otherIssuer).anchor(ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID);
      const status = await registry.credentialStatus(otherIssuer.address, ROOT, 0);
      expect([status.accreditedAtAnchoring, status.accreditedNow]).to.deep.equal([false, false]);
    });
  });

  describe("credentialStatuses", () => {
    it("matches credentialStatus index by index across words, bits and out-of-range indices", async () => {
      const { registry, issuer } = await loadFixture(accreditedIssuer);
      const random = seededRandom(2);
      await registry
        .connect(issuer)
        .revokeCredentials(
          issuer.address,
          ROOT,
          wordsOf(distinctIndices(random, 60, LEAF_COUNT)),
          1,
        );
      await registry
        .connect(issuer)
        .suspendCredentials(
          issuer.address,
          ROOT,
          wordsOf(distinctIndices(random, 60, LEAF_COUNT)),
          1,
        );
      const indices = [
        ...distinctIndices(random, 200, LEAF_COUNT),
        0,
        255,
        256,
        LEAF_COUNT - 1,
        LEAF_COUNT,
        5000,
        0,
      ];
      const many = await registry.credentialStatuses(issuer.address, ROOT, indices);
      expect(many.length).to.equal(indices.length);
      for (const [i, index] of indices.entries()) {
        const one = await registry.credentialStatus(issuer.address, ROOT, index);
        expect(plain(many[i]!)).to.deep.equal(plain(one), `index ${index}`);
      }
    });

    it("matches credentialStatus for a revoked batch", async () => {
      const { registry, issuer } = await loadFixture(anchoredBatch);
      await registry.connect(issuer).revokeCredential(issuer.address, ROOT, 3, 1);
      await registry.connect(issuer).revokeBatch(issuer.address, ROOT, 1);
      const indices = [3, 4];
      const many = await registry.credentialStatuses(issuer.address, ROOT, indices);
      for (const [i, index] of indices.entries()) {
        const one = await registry.credentialStatus(issuer.address, ROOT, index);
        expect(plain(many[i]!)).to.deep.equal(plain(one), `index ${index}`);
      }
    });

    it("returns all zeros for every index of a root the issuer never anchored", async () => {
      const { registry, otherIssuer } = await loadFixture(accreditedIssuer);
      const indices = [0, 1, 300];
      const many = await registry.credentialStatuses(otherIssuer.address, ROOT, indices);
      const zero = plain(await registry.credentialStatus(otherIssuer.address, ROOT, 0));
      expect(many.map(plain)).to.deep.equal([zero, zero, zero]);
    });

    it("returns nothing for no indices", async () => {
      const { registry, issuer } = await loadFixture(anchoredBatch);
      expect(await registry.credentialStatuses(issuer.address, ROOT, [])).to.deep.equal([]);
    });
  });
});
