// Bulk revocation at the scale the budget names: 1,000 random credentials of a 10,000-credential
// batch in one transaction, checked bit by bit.
import { expect } from "chai";
import {
  DEGREE,
  deployRegistries,
  distinctIndices,
  MANIFEST_CID,
  networkHelpers,
  ROOT,
  seededRandom,
  wordsOf,
} from "./fixtures.ts";

const { loadFixture } = networkHelpers;
const BATCH = 10_000;
const REVOKED = 1_000;
const WORDS = Math.ceil(BATCH / 256);

/** The issuer anchored a 10,000-credential batch and picked 1,000 random credentials to revoke. */
async function tenThousand() {
  const f = await deployRegistries();
  await f.registry.connect(f.issuer).anchor(ROOT, BATCH, DEGREE, MANIFEST_CID);
  const revoked = distinctIndices(seededRandom(10_000), REVOKED, BATCH);
  return { ...f, revoked, words: wordsOf(revoked) };
}

/** ... and revoked them in one transaction. */
async function bulkRevoked() {
  const f = await tenThousand();
  const { revoked, words } = f;
  const tx = await f.registry.connect(f.issuer).revokeCredentials(f.issuer.address, ROOT, words, 2);
  const receipt = (await tx.wait())!;
  return { ...f, revoked, words, receipt };
}

describe("CredentialRegistry bulk revocation", () => {
  it("sets exactly the bits of 1,000 random credentials of a 10,000-credential batch", async () => {
    const { registry, issuer, revoked } = await loadFixture(bulkRevoked);
    const expected = new Array<bigint>(WORDS + 1).fill(0n);
    for (const index of revoked) expected[index >> 8]! |= 1n << BigInt(index & 0xff);
    // One word past the batch too: nothing may spill over.
    for (let word = 0; word <= WORDS; word++) {
      expect(await registry.revokedWord(issuer.address, ROOT, word)).to.equal(
        expected[word],
        `word ${word}`,
      );
    }
  });

  it("reports revoked and clean credentials alike through credentialStatuses", async () => {
    const { registry, issuer, revoked } = await loadFixture(bulkRevoked);
    const expected = new Set(revoked);
    const sample = [...revoked.slice(0, 100), ...Array.from({ length: 100 }, (_, i) => i * 97)];
    const statuses = await registry.credentialStatuses(issuer.address, ROOT, sample);
    expect(statuses.map((status) => status.revoked)).to.deep.equal(
      sample.map((index) => expected.has(index)),
    );
  });

  it("does it in one transaction emitting one event with every word", async () => {
    const { registry, receipt, words } = await loadFixture(bulkRevoked);
    const events = receipt.logs.map((log) => registry.interface.parseLog(log));
    expect(events.map((event) => event?.name)).to.deep.equal(["CredentialsRevoked"]);
    expect(events[0]!.args.words.length).to.equal(words.length);
  });

  it("leaves the suspension bitmap untouched", async () => {
    const { registry, issuer } = await loadFixture(bulkRevoked);
    for (let word = 0; word < WORDS; word++) {
      expect(await registry.suspendedWord(issuer.address, ROOT, word)).to.equal(0n, `word ${word}`);
    }
  });

  it("stays within the budget of 1,200 gas per revoked credential", async () => {
    const { receipt } = await loadFixture(bulkRevoked);
    expect(receipt.gasUsed / BigInt(REVOKED)).to.be.at.most(1_200n);
  });

  it("rejects the whole call when one mask reaches past the batch", async () => {
    const { registry, issuer, words } = await loadFixture(tenThousand);
    const pastTheEnd = { word: BigInt(BATCH >> 8), mask: 1n << BigInt(BATCH & 0xff) };
    await expect(
      registry.connect(issuer).revokeCredentials(issuer.address, ROOT, [...words, pastTheEnd], 2),
    )
      .to.be.revertedWithCustomError(registry, "IndexOutOfRange")
      .withArgs(BATCH, BATCH);
  });

  it("rejects a bulk call with no words at all, for revoke, suspend and unsuspend", async () => {
    const { registry, issuer } = await loadFixture(tenThousand);
    const bulk = registry.connect(issuer);
    for (const call of [
      bulk.revokeCredentials(issuer.address, ROOT, [], 2),
      bulk.suspendCredentials(issuer.address, ROOT, [], 2),
      bulk.unsuspendCredentials(issuer.address, ROOT, [], 2),
    ]) {
      await expect(call).to.be.revertedWithCustomError(registry, "StatusWordsEmpty");
    }
  });

  it("rejects the whole call when one mask is empty", async () => {
    const { registry, issuer, words } = await loadFixture(tenThousand);
    const empty = { word: 7n, mask: 0n };
    await expect(
      registry.connect(issuer).revokeCredentials(issuer.address, ROOT, [...words, empty], 2),
    )
      .to.be.revertedWithCustomError(registry, "StatusMaskEmpty")
      .withArgs(7);
  });
});
