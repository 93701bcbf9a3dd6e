// Revocation and suspension: a whole batch, or single credentials by index as bitmaps (256 per
// word), one at a time or many words in one call; unsuspension lifts only what it names.
import { expect } from "chai";
import { MaxUint256 } from "ethers";
import {
  anchoredBatch,
  asEventWords,
  CERTIFICATE,
  DEGREE,
  LEAF_COUNT,
  MANIFEST_CID,
  networkHelpers,
  OTHER_ROOT,
  RIGHT_REVOKE,
  RIGHT_SUSPEND,
  ROOT,
  type StatusWord,
  time,
  wordsOf,
} from "./fixtures.ts";

const { loadFixture } = networkHelpers;
const REASON = 3;

type Fixture = Awaited<ReturnType<typeof anchoredBatch>>;
type Registry = Fixture["registry"];
type Account = Fixture["issuer"];

/** A status change through one of the six functions, as the tests below exercise each. */
interface StatusChange {
  name: string;
  event: "CredentialsRevoked" | "CredentialsSuspended" | "CredentialsUnsuspended";
  bulk: boolean;
  /** The operator right the change needs. */
  right: number;
  send(
    registry: Registry,
    from: Account,
    issuer: string,
    root: string,
    indices: number[],
  ): Promise<unknown>;
  sendWords(
    registry: Registry,
    from: Account,
    issuer: string,
    root: string,
    words: StatusWord[],
  ): Promise<unknown>;
}

function rightFor(event: StatusChange["event"]): number {
  return event === "CredentialsRevoked" ? RIGHT_REVOKE : RIGHT_SUSPEND;
}

function single(
  name: "revokeCredential" | "suspendCredential" | "unsuspendCredential",
  event: StatusChange["event"],
): StatusChange {
  return {
    name,
    event,
    bulk: false,
    right: rightFor(event),
    send: (registry, from, issuer, root, indices) =>
      registry.connect(from)[name](issuer, root, indices[0]!, REASON),
    sendWords: () => Promise.reject(new Error(`${name} takes one index`)),
  };
}

function bulk(
  name: "revokeCredentials" | "suspendCredentials" | "unsuspendCredentials",
  event: StatusChange["event"],
): StatusChange {
  const sendWords: StatusChange["sendWords"] = (registry, from, issuer, root, words) =>
    registry.connect(from)[name](issuer, root, words, REASON);
  return {
    name,
    event,
    bulk: true,
    right: rightFor(event),
    send: (registry, from, issuer, root, indices) =>
      sendWords(registry, from, issuer, root, wordsOf(indices)),
    sendWords,
  };
}

const CHANGES: StatusChange[] = [
  single("revokeCredential", "CredentialsRevoked"),
  single("suspendCredential", "CredentialsSuspended"),
  single("unsuspendCredential", "CredentialsUnsuspended"),
  bulk("revokeCredentials", "CredentialsRevoked"),
  bulk("suspendCredentials", "CredentialsSuspended"),
  bulk("unsuspendCredentials", "CredentialsUnsuspended"),
];

function wordReader(registry: Registry, event: StatusChange["event"]) {
  return event === "CredentialsRevoked" ? registry.revokedWord : registry.suspendedWord;
}

/** The issuer anchored ROOT and suspended every credential, so unsuspension has bits to clear. */
async function everythingSuspended() {
  const f = await anchoredBatch();
  const all = Array.from({ length: LEAF_COUNT }, (_, i) => i);
  await f.registry.connect(f.issuer).suspendCredentials(f.issuer.address, ROOT, wordsOf(all), 0);
  return f;
}

describe("CredentialRegistry revocation and suspension", () => {
  for (const change of CHANGES) {
    const fixture = change.event === "CredentialsUnsuspended" ? everythingSuspended : anchoredBatch;
    const indices = change.bulk ? [0, 255, 256, 999] : [300];
    const sets = change.event !== "CredentialsUnsuspended";

    describe(change.name, () => {
      const RIGHT = change.right;
      it(`${sets ? "sets" : "clears"} the named bits and no other`, async () => {
        const { registry, issuer } = await loadFixture(fixture);
        await change.send(registry, issuer, issuer.address, ROOT, indices);
        const read = wordReader(registry, change.event);
        for (let word = 0; word < 4; word++) {
          const named = wordsOf(indices).find((w) => w.word === BigInt(word))?.mask ?? 0n;
          const used = word === 3 ? (1n << 232n) - 1n : (1n << 256n) - 1n;
          const expected = sets ? named : used & ~named;
          expect(await read(issuer.address, ROOT, word)).to.equal(expected, `word ${word}`);
        }
      });

      it(`emits ${change.event} with the issuer, root, acting key, reason and words`, async () => {
        const { registry, issuer } = await loadFixture(fixture);
        await expect(change.send(registry, issuer, issuer.address, ROOT, indices))
          .to.emit(registry, change.event)
          .withArgs(issuer.address, ROOT, issuer.address, REASON, asEventWords(wordsOf(indices)));
      });

      it("lets a live operator act in the issuer's name, recording the operator", async () => {
        const { registry, issuer, operator } = await loadFixture(fixture);
        await expect(change.send(registry, operator, issuer.address, ROOT, indices))
          .to.emit(registry, change.event)
          .withArgs(issuer.address, ROOT, operator.address, REASON, asEventWords(wordsOf(indices)));
      });

      it("rejects a caller that is neither the issuer nor an operator", async () => {
        const { registry, issuer, stranger } = await loadFixture(fixture);
        await expect(change.send(registry, stranger, issuer.address, ROOT, indices))
          .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
          .withArgs(issuer.address, stranger.address, RIGHT);
      });

      it("rejects an operator from its expiry on", async () => {
        const { registry, issuer, operator, operatorExpiry } = await loadFixture(fixture);
        await time.setNextBlockTimestamp(operatorExpiry);
        await expect(change.send(registry, operator, issuer.address, ROOT, indices))
          .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
          .withArgs(issuer.address, operator.address, RIGHT);
      });

      it("rejects a removed operator", async () => {
        const { registry, issuer, operator } = await loadFixture(fixture);
        await registry.connect(issuer).removeOperator(operator.address);
        await expect(change.send(registry, operator, issuer.address, ROOT, indices))
          .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
          .withArgs(issuer.address, operator.address, RIGHT);
      });

      it("rejects a live operator that holds every right but this one", async () => {
        const { registry, issuer, operator, operatorExpiry } = await loadFixture(fixture);
        await registry.connect(issuer).setOperator(operator.address, operatorExpiry, 7 & ~RIGHT);
        await expect(change.send(registry, operator, issuer.address, ROOT, indices))
          .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
          .withArgs(issuer.address, operator.address, RIGHT);
      });

      it("lets an operator holding only this right act", async () => {
        const { registry, issuer, operator, operatorExpiry } = await loadFixture(fixture);
        await registry.connect(issuer).setOperator(operator.address, operatorExpiry, RIGHT);
        await expect(change.send(registry, operator, issuer.address, ROOT, indices)).to.emit(
          registry,
          change.event,
        );
      });

      it("rejects an operator acting on another issuer's batch of the same root", async () => {
        const { registry, operator, otherIssuer } = await loadFixture(fixture);
        await registry.connect(otherIssuer).anchor(ROOT, LEAF_COUNT, CERTIFICATE, MANIFEST_CID);
        await expect(change.send(registry, operator, otherIssuer.address, ROOT, indices))
          .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
          .withArgs(otherIssuer.address, operator.address, RIGHT);
      });

      it("rejects a root the issuer never anchored", async () => {
        const { registry, issuer } = await loadFixture(fixture);
        await expect(change.send(registry, issuer, issuer.address, OTHER_ROOT, indices))
          .to.be.revertedWithCustomError(registry, "BatchNotAnchored")
          .withArgs(issuer.address, OTHER_ROOT);
      });

      it("leaves another issuer's batch of the same root alone", async () => {
        const { registry, issuer, otherIssuer } = await loadFixture(fixture);
        await registry.connect(otherIssuer).anchor(ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID);
        await change.send(registry, issuer, issuer.address, ROOT, indices);
        const read = wordReader(registry, change.event);
        for (let word = 0; word < 4; word++) {
          expect(await read(otherIssuer.address, ROOT, word)).to.equal(0n, `word ${word}`);
        }
      });

      it("accepts the last index of the batch", async () => {
        const { registry, issuer } = await loadFixture(fixture);
        await expect(change.send(registry, issuer, issuer.address, ROOT, [LEAF_COUNT - 1])).to.emit(
          registry,
          change.event,
        );
      });

      it("rejects the first index past the batch", async () => {
        const { registry, issuer } = await loadFixture(fixture);
        await expect(change.send(registry, issuer, issuer.address, ROOT, [LEAF_COUNT]))
          .to.be.revertedWithCustomError(registry, "IndexOutOfRange")
          .withArgs(LEAF_COUNT, LEAF_COUNT);
      });

      if (!change.bulk) {
        it("rejects the largest index there is", async () => {
          const { registry, issuer } = await loadFixture(fixture);
          await expect(
            registry
              .connect(issuer)
              [change.name as "revokeCredential"](issuer.address, ROOT, MaxUint256, REASON),
          )
            .to.be.revertedWithCustomError(registry, "IndexOutOfRange")
            .withArgs(MaxUint256, LEAF_COUNT);
        });
        return;
      }

      it("rejects an empty mask, naming its word", async () => {
        const { registry, issuer } = await loadFixture(fixture);
        const words = [...wordsOf([1]), { word: 2n, mask: 0n }];
        await expect(change.sendWords(registry, issuer, issuer.address, ROOT, words))
          .to.be.revertedWithCustomError(registry, "StatusMaskEmpty")
          .withArgs(2);
      });

      it("rejects a word past the last word of the batch, naming its highest index", async () => {
        const { registry, issuer } = await loadFixture(fixture);
        const words = [{ word: 4n, mask: (1n << 7n) | 1n }];
        await expect(change.sendWords(registry, issuer, issuer.address, ROOT, words))
          .to.be.revertedWithCustomError(registry, "IndexOutOfRange")
          .withArgs(4 * 256 + 7, LEAF_COUNT);
      });

      it("rejects bits of the last word past the batch, naming the highest", async () => {
        const { registry, issuer } = await loadFixture(fixture);
        const words = [{ word: 3n, mask: (1n << 255n) | 1n }];
        await expect(change.sendWords(registry, issuer, issuer.address, ROOT, words))
          .to.be.revertedWithCustomError(registry, "IndexOutOfRange")
          .withArgs(3 * 256 + 255, LEAF_COUNT);
      });

      it("rejects an absurd word number without overflowing", async () => {
        const { registry, issuer } = await loadFixture(fixture);
        const words = [{ word: MaxUint256, mask: 1n }];
        await expect(change.sendWords(registry, issuer, issuer.address, ROOT, words))
          .to.be.revertedWithCustomError(registry, "IndexOutOfRange")
          .withArgs(MaxUint256, LEAF_COUNT);
      });

      it("accepts the full last word of a batch that fills it exactly", async () => {
        const { registry, issuer } = await loadFixture(fixture);
        await registry.connect(issuer).anchor(OTHER_ROOT, 512, DEGREE, MANIFEST_CID);
        const words = [{ word: 1n, mask: MaxUint256 }];
        await expect(change.sendWords(registry, issuer, issuer.address, OTHER_ROOT, words)).to.emit(
          registry,
          change.event,
        );
      });

      it("rejects the word after the full last word of a batch that fills it exactly", async () => {
        const { registry, issuer } = await loadFixture(fixture);
        await registry.connect(issuer).anchor(OTHER_ROOT, 512, DEGREE, MANIFEST_CID);
        const words = [{ word: 2n, mask: 1n }];
        await expect(change.sendWords(registry, issuer, issuer.address, OTHER_ROOT, words))
          .to.be.revertedWithCustomError(registry, "IndexOutOfRange")
          .withArgs(512, 512);
      });

      it("rejects the whole call when only its last word is out of range", async () => {
        const { registry, issuer } = await loadFixture(fixture);
        const before = await wordReader(registry, change.event)(issuer.address, ROOT, 0);
        const words = [
          { word: 0n, mask: 0b1110n },
          { word: 9n, mask: 1n },
        ];
        await expect(
          change.sendWords(registry, issuer, issuer.address, ROOT, words),
        ).to.be.revertedWithCustomError(registry, "IndexOutOfRange");
        expect(await wordReader(registry, change.event)(issuer.address, ROOT, 0)).to.equal(before);
      });

      it("merges repeated words", async () => {
        const { registry, issuer } = await loadFixture(fixture);
        const words = [
          { word: 1n, mask: 0b01n },
          { word: 1n, mask: 0b10n },
        ];
        await change.sendWords(registry, issuer, issuer.address, ROOT, words);
        const read = wordReader(registry, change.event);
        const expected = sets ? 0b11n : ((1n << 256n) - 1n) & ~0b11n;
        expect(await read(issuer.address, ROOT, 1)).to.equal(expected);
      });
    });
  }

  describe("revocation is final and separate from suspension", () => {
    it("keeps a revoked credential revoked when its suspension is lifted", async () => {
      const { registry, issuer } = await loadFixture(anchoredBatch);
      await registry.connect(issuer).revokeCredential(issuer.address, ROOT, 5, REASON);
      await registry.connect(issuer).suspendCredential(issuer.address, ROOT, 5, REASON);
      await registry.connect(issuer).unsuspendCredential(issuer.address, ROOT, 5, REASON);
      expect(await registry.revokedWord(issuer.address, ROOT, 0)).to.equal(1n << 5n);
    });

    it("does not suspend a credential it revokes", async () => {
      const { registry, issuer } = await loadFixture(anchoredBatch);
      await registry.connect(issuer).revokeCredential(issuer.address, ROOT, 5, REASON);
      expect(await registry.suspendedWord(issuer.address, ROOT, 0)).to.equal(0n);
    });

    it("does not revoke a credential it suspends", async () => {
      const { registry, issuer } = await loadFixture(anchoredBatch);
      await registry.connect(issuer).suspendCredential(issuer.address, ROOT, 5, REASON);
      expect(await registry.revokedWord(issuer.address, ROOT, 0)).to.equal(0n);
    });

    it("accepts revoking a revoked credential again, leaving it revoked", async () => {
      const { registry, issuer } = await loadFixture(anchoredBatch);
      await registry.connect(issuer).revokeCredential(issuer.address, ROOT, 5, REASON);
      await registry.connect(issuer).revokeCredential(issuer.address, ROOT, 5, REASON + 1);
      expect(await registry.revokedWord(issuer.address, ROOT, 0)).to.equal(1n << 5n);
    });

    it("lifts only the suspensions it names", async () => {
      const { registry, issuer } = await loadFixture(anchoredBatch);
      await registry
        .connect(issuer)
        .suspendCredentials(issuer.address, ROOT, wordsOf([1, 2, 3, 260]), REASON);
      await registry
        .connect(issuer)
        .unsuspendCredentials(issuer.address, ROOT, wordsOf([2, 4, 261]), REASON);
      expect(await registry.suspendedWord(issuer.address, ROOT, 0)).to.equal(0b1010n);
      expect(await registry.suspendedWord(issuer.address, ROOT, 1)).to.equal(1n << 4n);
    });
  });

  describe("revokeBatch", () => {
    it("revokes the whole batch and emits BatchRevoked", async () => {
      const { registry, issuer } = await loadFixture(anchoredBatch);
      await expect(registry.connect(issuer).revokeBatch(issuer.address, ROOT, REASON))
        .to.emit(registry, "BatchRevoked")
        .withArgs(issuer.address, ROOT, issuer.address, REASON);
      expect((await registry.batchOf(issuer.address, ROOT)).revoked).to.equal(true);
    });

    it("keeps the rest of the batch record when revoking it", async () => {
      const { registry, issuer } = await loadFixture(anchoredBatch);
      const before = await registry.batchOf(issuer.address, ROOT);
      await registry.connect(issuer).revokeBatch(issuer.address, ROOT, REASON);
      const after = await registry.batchOf(issuer.address, ROOT);
      expect([after.anchoredAt, after.leafCount, after.credentialType]).to.deep.equal([
        before.anchoredAt,
        before.leafCount,
        before.credentialType,
      ]);
    });

    it("lets a live operator revoke the batch, recording the operator", async () => {
      const { registry, issuer, operator } = await loadFixture(anchoredBatch);
      await expect(registry.connect(operator).revokeBatch(issuer.address, ROOT, REASON))
        .to.emit(registry, "BatchRevoked")
        .withArgs(issuer.address, ROOT, operator.address, REASON);
    });

    it("rejects a caller that is neither the issuer nor an operator", async () => {
      const { registry, issuer, stranger } = await loadFixture(anchoredBatch);
      await expect(registry.connect(stranger).revokeBatch(issuer.address, ROOT, REASON))
        .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
        .withArgs(issuer.address, stranger.address, RIGHT_REVOKE);
    });

    it("rejects an operator from its expiry on", async () => {
      const { registry, issuer, operator, operatorExpiry } = await loadFixture(anchoredBatch);
      await time.setNextBlockTimestamp(operatorExpiry);
      await expect(registry.connect(operator).revokeBatch(issuer.address, ROOT, REASON))
        .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
        .withArgs(issuer.address, operator.address, RIGHT_REVOKE);
    });

    it("rejects a root the issuer never anchored", async () => {
      const { registry, issuer } = await loadFixture(anchoredBatch);
      await expect(registry.connect(issuer).revokeBatch(issuer.address, OTHER_ROOT, REASON))
        .to.be.revertedWithCustomError(registry, "BatchNotAnchored")
        .withArgs(issuer.address, OTHER_ROOT);
    });

    it("leaves another issuer's batch of the same root valid", async () => {
      const { registry, issuer, otherIssuer } = await loadFixture(anchoredBatch);
      await registry.connect(otherIssuer).anchor(ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID);
      await registry.connect(issuer).revokeBatch(issuer.address, ROOT, REASON);
      expect((await registry.batchOf(otherIssuer.address, ROOT)).revoked).to.equal(false);
    });

    it("keeps the batch anchored so it cannot be anchored afresh", async () => {
      const { registry, issuer } = await loadFixture(anchoredBatch);
      await registry.connect(issuer).revokeBatch(issuer.address, ROOT, REASON);
      await expect(registry.connect(issuer).anchor(ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID))
        .to.be.revertedWithCustomError(registry, "BatchAlreadyAnchored")
        .withArgs(issuer.address, ROOT);
    });
  });

  describe("revokedWord and suspendedWord", () => {
    it("read zero for a batch never anchored and for words past the batch", async () => {
      const { registry, issuer, otherIssuer } = await loadFixture(anchoredBatch);
      expect(await registry.revokedWord(otherIssuer.address, ROOT, 0)).to.equal(0n);
      expect(await registry.suspendedWord(issuer.address, ROOT, MaxUint256)).to.equal(0n);
    });
  });
});
