// Events suffice to rebuild the registry's state: a scenario of operators, anchors (direct, by an
// operator, by signature), revocations, suspensions and their lifting is replayed from its logs
// alone into a model, which must match every view.
import { expect } from "chai";
import type { LogDescription } from "ethers";
import {
  anchorRequest,
  CERTIFICATE,
  DAY,
  DEGREE,
  deployRegistries,
  distinctIndices,
  ethers,
  MANIFEST_CID,
  networkHelpers,
  OTHER_ROOT,
  RIGHT_ANCHOR,
  RIGHT_REVOKE,
  ROOT,
  type StatusWord,
  seededRandom,
  signAnchor,
  submitAnchor,
  time,
  wordsOf,
} from "./fixtures.ts";

const { loadFixture } = networkHelpers;
const SIGNED_ROOT = ethers.id("root of a signed batch");

async function scenario() {
  const f = await deployRegistries();
  const { registry, issuer, operator, otherIssuer, stranger, relayer } = f;
  const now = await time.latest();
  await registry.connect(issuer).setOperator(operator.address, now + 30 * DAY, 7);
  await registry.connect(issuer).setOperator(stranger.address, now + 5 * DAY, RIGHT_ANCHOR);
  await registry.connect(otherIssuer).setOperator(operator.address, now + 10 * DAY, 7);
  await registry.connect(issuer).anchor(ROOT, 1000, DEGREE, MANIFEST_CID);
  await registry.connect(operator).anchorFor(issuer.address, OTHER_ROOT, 300, CERTIFICATE, "0x");
  await registry.connect(otherIssuer).anchor(ROOT, 600, CERTIFICATE, MANIFEST_CID);
  const request = await anchorRequest(registry, issuer.address, operator.address, {
    root: SIGNED_ROOT,
    leafCount: 257,
  });
  await submitAnchor(
    registry,
    relayer,
    request,
    operator.address,
    await signAnchor(registry, operator, request),
  );

  const batches = [
    { issuer: issuer.address, root: ROOT, leafCount: 1000 },
    { issuer: issuer.address, root: OTHER_ROOT, leafCount: 300 },
    { issuer: issuer.address, root: SIGNED_ROOT, leafCount: 257 },
    { issuer: otherIssuer.address, root: ROOT, leafCount: 600 },
  ];
  const random = seededRandom(7);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  for (let step = 0; step < 30; step++) {
    const batch = pick(batches);
    const actor = pick([batch.issuer === issuer.address ? issuer : otherIssuer, operator]);
    const indices = distinctIndices(random, 1 + Math.floor(random() * 40), batch.leafCount);
    const reason = step % 5;
    const as = registry.connect(actor);
    switch (pick(["revoke", "suspend", "unsuspend", "revokeOne", "suspendOne", "unsuspendOne"])) {
      case "revoke":
        await as.revokeCredentials(batch.issuer, batch.root, wordsOf(indices), reason);
        break;
      case "suspend":
        await as.suspendCredentials(batch.issuer, batch.root, wordsOf(indices), reason);
        break;
      case "unsuspend":
        await as.unsuspendCredentials(batch.issuer, batch.root, wordsOf(indices), reason);
        break;
      case "revokeOne":
        await as.revokeCredential(batch.issuer, batch.root, indices[0]!, reason);
        break;
      case "suspendOne":
        await as.suspendCredential(batch.issuer, batch.root, indices[0]!, reason);
        break;
      default:
        await as.unsuspendCredential(batch.issuer, batch.root, indices[0]!, reason);
    }
  }

  await registry.connect(issuer).removeOperator(stranger.address);
  await registry
    .connect(issuer)
    .setOperator(operator.address, now + 60 * DAY, RIGHT_ANCHOR | RIGHT_REVOKE);
  await registry.connect(operator).revokeBatch(issuer.address, OTHER_ROOT, 4);
  await expect(
    registry.connect(stranger).revokeBatch(issuer.address, ROOT, 4),
  ).to.be.revertedWithCustomError(registry, "NotIssuerOrOperator");
  return { ...f, batches };
}

interface BatchModel {
  anchoredAt: bigint;
  leafCount: bigint;
  credentialType: string;
  revoked: boolean;
}

/** The registry's state rebuilt from its event logs and their block times, nothing else. */
async function replay(registry: Awaited<ReturnType<typeof deployRegistries>>["registry"]) {
  const model = {
    operators: new Map<string, [bigint, bigint]>(),
    batches: new Map<string, BatchModel>(),
    revoked: new Map<string, bigint>(),
    suspended: new Map<string, bigint>(),
  };
  const apply = (bits: Map<string, bigint>, key: string, words: StatusWord[], set: boolean) => {
    for (const { word, mask } of words) {
      const at = `${key}/${word}`;
      const current = bits.get(at) ?? 0n;
      bits.set(at, set ? current | mask : current & ~mask);
    }
  };
  const logs = await ethers.provider.getLogs({
    address: await registry.getAddress(),
    fromBlock: 0,
  });
  for (const log of logs) {
    const event = registry.interface.parseLog(log) as LogDescription;
    const { args } = event;
    const key = `${args.issuer}/${args.root}`;
    const words = () => (args.words as StatusWord[]).map(({ word, mask }) => ({ word, mask }));
    switch (event.name) {
      case "OperatorSet":
        model.operators.set(`${args.issuer}/${args.operator}`, [args.expiresAt, args.rights]);
        break;
      case "OperatorRemoved":
        model.operators.set(`${args.issuer}/${args.operator}`, [0n, 0n]);
        break;
      case "BatchAnchored": {
        const block = (await ethers.provider.getBlock(log.blockNumber))!;
        model.batches.set(key, {
          anchoredAt: BigInt(block.timestamp),
          leafCount: args.leafCount,
          credentialType: args.credentialType,
          revoked: false,
        });
        break;
      }
      case "OperatorAnchored":
        // Names the key that acted; the batch itself came with BatchAnchored.
        if (!model.batches.has(key))
          throw new Error(`OperatorAnchored before BatchAnchored for ${key}`);
        break;
      case "BatchRevoked":
        model.batches.get(key)!.revoked = true;
        break;
      case "CredentialsRevoked":
        apply(model.revoked, key, words(), true);
        break;
      case "CredentialsSuspended":
        apply(model.suspended, key, words(), true);
        break;
      case "CredentialsUnsuspended":
        apply(model.suspended, key, words(), false);
        break;
      default:
        throw new Error(`unexpected event ${event.name}`);
    }
  }
  return model;
}

describe("CredentialRegistry events", () => {
  it("rebuild every batch record", async () => {
    const { registry, batches } = await loadFixture(scenario);
    const model = await replay(registry);
    expect(model.batches.size).to.equal(batches.length);
    for (const [key, expected] of model.batches) {
      const [issuer, root] = key.split("/") as [string, string];
      const batch = await registry.batchOf(issuer, root);
      expect({
        anchoredAt: batch.anchoredAt,
        leafCount: batch.leafCount,
        credentialType: batch.credentialType,
        revoked: batch.revoked,
      }).to.deep.equal(expected, key);
    }
  });

  it("rebuild both status bitmaps word by word", async () => {
    const { registry, batches } = await loadFixture(scenario);
    const model = await replay(registry);
    for (const { issuer, root, leafCount } of batches) {
      for (let word = 0; word <= leafCount >> 8; word++) {
        const at = `${issuer}/${root}/${word}`;
        expect(await registry.revokedWord(issuer, root, word)).to.equal(
          model.revoked.get(at) ?? 0n,
          `revoked ${at}`,
        );
        expect(await registry.suspendedWord(issuer, root, word)).to.equal(
          model.suspended.get(at) ?? 0n,
          `suspended ${at}`,
        );
      }
    }
  });

  it("rebuild every operator's expiry and rights", async () => {
    const { registry } = await loadFixture(scenario);
    const model = await replay(registry);
    expect(model.operators.size).to.equal(3);
    for (const [key, expected] of model.operators) {
      const [issuer, operator] = key.split("/") as [string, string];
      expect([...(await registry.operatorOf(issuer, operator))]).to.deep.equal(expected, key);
    }
  });

  it("cover revocations, suspensions and a revoked batch, so the replay is not vacuous", async () => {
    const { registry, issuer } = await loadFixture(scenario);
    const model = await replay(registry);
    expect(model.batches.get(`${issuer.address}/${OTHER_ROOT}`)!.revoked).to.equal(true);
    expect([...model.revoked.values()].some((mask) => mask !== 0n)).to.equal(true);
    expect([...model.suspended.values()].some((mask) => mask !== 0n)).to.equal(true);
  });
});
