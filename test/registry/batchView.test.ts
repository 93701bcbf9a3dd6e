// batchView: everything a verifier needs about one batch in one eth_call: the batch record, the
// revocation and suspension bitmap words asked for (by word number, so the calldata names no
// credential), and who accredited the issuer at anchoring and now, with the names governance and
// the body recorded on chain.
import { expect } from "chai";
import { ZeroAddress, ZeroHash } from "ethers";
import {
  DAY,
  DEGREE,
  deployRegistries,
  ethers,
  LEAF_COUNT,
  MANIFEST_CID,
  networkHelpers,
  OTHER_ROOT,
  ROOT,
  time,
  wordsOf,
} from "./fixtures.ts";

const { loadFixture } = networkHelpers;
const FOREVER = 2n ** 48n - 1n;
const NOT_ACCREDITED = [false, ZeroAddress, 0n, "", "", "", ""];
/** The key a v1 credential asks for: none. */
const NO_KEY = ZeroHash;

/** Bit of `index` in its status word. */
function bit(index: number): bigint {
  return 1n << BigInt(index % 256);
}

/**
 * `body` ("Akkreditierungsrat", DE) accredited the issuer before it anchored ROOT; a day later
 * `otherBody` ("Council B", US-CA) accredited it too, under a newer name. Some credentials are
 * revoked, some suspended.
 */
async function twoAccreditors() {
  const f = await deployRegistries();
  const { accreditation, governance, body, issuer, registry } = f;
  const otherBody = (await ethers.getSigners())[9]!;
  await accreditation
    .connect(governance)
    .appointBody(body.address, [DEGREE], "0x", "Akkreditierungsrat", "DE");
  await accreditation
    .connect(governance)
    .appointBody(otherBody.address, [DEGREE], "0x", "Council B", "US-CA");
  const now = await time.latest();
  await accreditation
    .connect(body)
    .accredit(issuer.address, DEGREE, now, FOREVER, "0x", "Example University", "example.edu");
  await time.increase(DAY);
  await registry.connect(issuer).anchor(ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID);
  const anchoredAt = await time.latest();
  await time.increase(DAY);
  await accreditation
    .connect(otherBody)
    .accredit(issuer.address, DEGREE, anchoredAt, FOREVER, "0x", "Example University AG", "");
  await registry.connect(issuer).revokeCredentials(issuer.address, ROOT, wordsOf([5, 300]), 1);
  await registry.connect(issuer).suspendCredentials(issuer.address, ROOT, wordsOf([6, 300]), 2);
  return { ...f, otherBody, anchoredAt };
}

describe("CredentialRegistry batchView", () => {
  it("reports the batch record and the revocation and suspension word of each asked word, in order", async () => {
    const { registry, issuer, anchoredAt } = await loadFixture(twoAccreditors);
    const view = await registry.batchView(issuer.address, ROOT, [1, 0, 3, 0], [], NO_KEY);
    expect([view.anchoredAt, view.leafCount, view.credentialType, view.batchRevoked]).to.deep.equal(
      [BigInt(anchoredAt), BigInt(LEAF_COUNT), DEGREE, false],
    );
    expect([...view.revokedWords]).to.deep.equal([bit(300), bit(5), 0n, bit(5)]);
    expect([...view.suspendedWords]).to.deep.equal([bit(300), bit(6), 0n, bit(6)]);
  });

  it("reads the batch's last word and answers 0 for every word past it", async () => {
    const { registry, issuer } = await loadFixture(twoAccreditors);
    await registry.connect(issuer).revokeCredentials(issuer.address, ROOT, wordsOf([999]), 1);
    const past = [4n, 15n, 2n ** 255n];
    const view = await registry.batchView(issuer.address, ROOT, [3n, ...past], [], NO_KEY);
    expect([...view.revokedWords]).to.deep.equal([bit(999), 0n, 0n, 0n]);
    expect([...view.suspendedWords]).to.deep.equal([0n, 0n, 0n, 0n]);
  });

  it("names the registry's own AccreditationRegistry", async () => {
    const { registry, accreditation, issuer } = await loadFixture(twoAccreditors);
    const view = await registry.batchView(issuer.address, ROOT, [], [], NO_KEY);
    expect(view.accreditation).to.equal(await accreditation.getAddress());
  });

  it("reports a revoked batch", async () => {
    const { registry, issuer } = await loadFixture(twoAccreditors);
    await registry.connect(issuer).revokeBatch(issuer.address, ROOT, 1);
    expect((await registry.batchView(issuer.address, ROOT, [0], [], NO_KEY)).batchRevoked).to.equal(
      true,
    );
  });

  it("names who accredited the issuer at anchoring and now, with body and issuer names", async () => {
    const { registry, issuer, body, otherBody } = await loadFixture(twoAccreditors);
    const view = await registry.batchView(issuer.address, ROOT, [0], [], NO_KEY);
    expect([...view.atAnchoring]).to.deep.equal([
      true,
      body.address,
      0n,
      "Akkreditierungsrat",
      "DE",
      "Example University",
      "example.edu",
    ]);
    expect([...view.current]).to.deep.equal([
      true,
      otherBody.address,
      0n,
      "Council B",
      "US-CA",
      "Example University AG",
      "",
    ]);
  });

  it("asks only the listed bodies, in the order given, when given bodies", async () => {
    const { registry, issuer, body, otherBody } = await loadFixture(twoAccreditors);
    const onlyFirst = await registry.batchView(issuer.address, ROOT, [0], [body.address], NO_KEY);
    expect([onlyFirst.atAnchoring.body, onlyFirst.current.body]).to.deep.equal([
      body.address,
      body.address,
    ]);
    const firstListedWins = await registry.batchView(
      issuer.address,
      ROOT,
      [0],
      [body.address, otherBody.address],
      NO_KEY,
    );
    expect(firstListedWins.current.body).to.equal(body.address);
    const onlyOther = await registry.batchView(
      issuer.address,
      ROOT,
      [0],
      [otherBody.address],
      NO_KEY,
    );
    expect([...onlyOther.atAnchoring]).to.deep.equal(NOT_ACCREDITED);
    expect(onlyOther.current.body).to.equal(otherBody.address);
  });

  it("reports no accreditation when none of the listed bodies accredited the issuer", async () => {
    const { registry, issuer, stranger } = await loadFixture(twoAccreditors);
    const view = await registry.batchView(issuer.address, ROOT, [0], [stranger.address], NO_KEY);
    expect([[...view.atAnchoring], [...view.current]]).to.deep.equal([
      NOT_ACCREDITED,
      NOT_ACCREDITED,
    ]);
  });

  it("shows a body's current name, as governance last set it", async () => {
    const { registry, accreditation, governance, issuer, body } = await loadFixture(twoAccreditors);
    await accreditation
      .connect(governance)
      .setBodyProfile(body.address, "Renamed Council", "DE-BY");
    const view = await registry.batchView(issuer.address, ROOT, [0], [body.address], NO_KEY);
    expect([view.atAnchoring.bodyName, view.atAnchoring.bodyJurisdiction]).to.deep.equal([
      "Renamed Council",
      "DE-BY",
    ]);
  });

  it("answers a root never anchored with zeros, empty accreditations and arrays sized to the words", async () => {
    const { registry, accreditation, issuer } = await loadFixture(twoAccreditors);
    const view = await registry.batchView(issuer.address, OTHER_ROOT, [0, 1, 2], [], NO_KEY);
    expect(view.accreditation).to.equal(await accreditation.getAddress());
    expect([view.anchoredAt, view.leafCount, view.credentialType, view.batchRevoked]).to.deep.equal(
      [0n, 0n, `0x${"00".repeat(20)}`, false],
    );
    expect([[...view.revokedWords], [...view.suspendedWords]]).to.deep.equal([
      [0n, 0n, 0n],
      [0n, 0n, 0n],
    ]);
    expect([[...view.atAnchoring], [...view.current]]).to.deep.equal([
      NOT_ACCREDITED,
      NOT_ACCREDITED,
    ]);
  });

  it("agrees with credentialStatuses on the bits and with credentialStatus on accreditation", async () => {
    const { registry, issuer } = await loadFixture(twoAccreditors);
    const indices = [0, 5, 6, 255, 256, 300, 999];
    const view = await registry.batchView(issuer.address, ROOT, [0, 1, 2, 3], [], NO_KEY);
    const statuses = await registry.credentialStatuses(issuer.address, ROOT, indices);
    const set = (words: readonly bigint[], index: number) =>
      (words[Math.floor(index / 256)]! & bit(index)) !== 0n;
    expect(statuses.map((s) => s.revoked)).to.deep.equal(
      indices.map((i) => set(view.revokedWords, i)),
    );
    expect(statuses.map((s) => s.suspended)).to.deep.equal(
      indices.map((i) => set(view.suspendedWords, i)),
    );
    const [status] = statuses;
    expect([
      status!.accreditedAtAnchoring,
      status!.accreditorAtAnchoring,
      status!.accreditedNow,
      status!.accreditorNow,
    ]).to.deep.equal([
      view.atAnchoring.accredited,
      view.atAnchoring.body,
      view.current.accredited,
      view.current.body,
    ]);
  });

  describe("the signing key's term", () => {
    const KEY = ethers.id("an Ed25519 public key");

    /** The issuer declared KEY a day before anchoring ROOT, and retired it a day after. */
    async function keyAroundTheBatch() {
      const f = await deployRegistries();
      await f.registry.connect(f.issuer).declareSigningKey(KEY);
      const declaredAt = await time.latest();
      await time.increase(DAY);
      await f.registry.connect(f.issuer).anchor(ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID);
      const anchoredAt = await time.latest();
      await time.increase(DAY);
      const retiredAt = anchoredAt + DAY;
      await f.registry.connect(f.issuer).retireSigningKey(KEY, retiredAt);
      return { ...f, declaredAt, anchoredAt, retiredAt };
    }

    it("reports when the issuer declared the asked key and when it retired it", async () => {
      const { registry, issuer, declaredAt, retiredAt } = await loadFixture(keyAroundTheBatch);
      const view = await registry.batchView(issuer.address, ROOT, [0], [], KEY);
      expect([view.keyDeclaredAt, view.keyRetiredAt]).to.deep.equal([
        BigInt(declaredAt),
        BigInt(retiredAt),
      ]);
    });

    it("agrees with signingKey", async () => {
      const { registry, issuer } = await loadFixture(keyAroundTheBatch);
      const view = await registry.batchView(issuer.address, ROOT, [], [], KEY);
      expect([view.keyDeclaredAt, view.keyRetiredAt]).to.deep.equal([
        ...(await registry.signingKey(issuer.address, KEY)),
      ]);
    });

    it("reports 0 and 0 for key 0", async () => {
      const { registry, issuer } = await loadFixture(keyAroundTheBatch);
      const view = await registry.batchView(issuer.address, ROOT, [0], [], NO_KEY);
      expect([view.keyDeclaredAt, view.keyRetiredAt]).to.deep.equal([0n, 0n]);
    });

    it("reports 0 and 0 for a key only another issuer declared", async () => {
      const { registry, issuer, otherIssuer } = await loadFixture(keyAroundTheBatch);
      const otherKey = ethers.id("the other issuer's key");
      await registry.connect(otherIssuer).declareSigningKey(otherKey);
      const view = await registry.batchView(issuer.address, ROOT, [0], [], otherKey);
      expect([view.keyDeclaredAt, view.keyRetiredAt]).to.deep.equal([0n, 0n]);
    });

    it("reports the key's term for a root never anchored, with the batch fields zero", async () => {
      const { registry, issuer, declaredAt } = await loadFixture(keyAroundTheBatch);
      const view = await registry.batchView(issuer.address, OTHER_ROOT, [0], [], KEY);
      expect([view.anchoredAt, view.keyDeclaredAt]).to.deep.equal([0n, BigInt(declaredAt)]);
    });
  });
});
