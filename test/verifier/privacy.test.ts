// Herd-private status reads, as the RPC provider sees them: the calldata of every status eth_call
// is captured at the RPC server and decoded. It never names the credential's index; a small batch
// is asked for whole (the same request whichever credential is checked), a bigger one for the
// credential's word among random decoys, and each report states the crowd the provider saw.
import { expect } from "chai";
import { decodeFunctionData, type Hex, pad, toHex } from "viem";
import { changeCredentialStatus, credentialRegistryAbi } from "../../src/chain/index.ts";
import { attachAnchor, type CredanchorCredential } from "../../src/credential/index.ts";
import { verify, verifyMany } from "../../src/verifier/index.ts";
import { crowdSize, crowdWords } from "../../src/verifier/readBatchGroup.ts";
import { startRpcServer, type TestRpcServer } from "../helpers/rpcServer.ts";
import {
  connection,
  issueBatch,
  networkHelpers,
  record,
  registries,
  writerFor,
} from "./fixtures.ts";

/** 1,300 credentials: 6 status words, the last holding 20; credential 1,290 is revoked. */
async function sixWordBatch() {
  const env = await registries();
  const batch = await issueBatch(env, {
    issuer: env.university,
    records: Array.from({ length: 1_300 }, (_, i) => record(i)),
  });
  await changeCredentialStatus(writerFor(env.university), {
    registry: env.registry,
    issuer: env.university,
    root: batch.root,
    leafCount: batch.leafCount,
    action: "revoke",
    indices: [1_290],
    reason: 1,
  });
  return { env, batch };
}

/** A copy of `credential` whose anchor states the batch size (as the issuer now writes it). */
function withLeafCount(credential: CredanchorCredential, leafCount: number): CredanchorCredential {
  const anchor = credential.proof.anchor!;
  return attachAnchor(credential, {
    merkleRoot: anchor.merkleRoot,
    merkleProof: anchor.merkleProof,
    transactionHash: anchor.transactionHash,
    leafCount,
  });
}

/** The status eth_calls the server received, as calldata and the words they asked for. */
function statusReads(server: TestRpcServer): { data: Hex; words: number[] }[] {
  return server.requests
    .filter((r) => r.method === "eth_call")
    .map((r) => {
      const data =
        (r.params[0] as { data?: Hex; input?: Hex }).data ?? (r.params[0] as { input: Hex }).input;
      const call = decodeFunctionData({ abi: credentialRegistryAbi, data });
      expect(call.functionName).to.equal("batchView");
      return { data, words: (call.args![2] as readonly bigint[]).map(Number) };
    });
}

/** Whether `data` holds `index` as an ABI word anywhere. */
function namesIndex(data: Hex, index: number): boolean {
  return data.slice(10).includes(pad(toHex(index)).slice(2));
}

describe("verifier/privacy", () => {
  let server: TestRpcServer;

  beforeEach(async () => {
    server = await startRpcServer(connection.provider);
  });
  afterEach(async () => {
    await server.close();
  });

  it("reads a batch of at most 16 words whole, with the same request whichever credential is checked", async () => {
    const { env, batch } = await networkHelpers.loadFixture(sixWordBatch);
    const options = { trust: [env.trust], rpcUrls: [server.url] };
    const checked = await verify(batch.credentials[417], options);
    const other = await verify(batch.credentials[3], options);
    expect([checked.status, other.status]).to.deep.equal(["valid", "valid"]);
    const [read417, read3] = statusReads(server);
    expect(read417!.words).to.deep.equal(Array.from({ length: 16 }, (_, w) => w));
    expect(read417!.data).to.equal(read3!.data);
    expect(namesIndex(read417!.data, 417)).to.equal(false);
    expect(checked.privacy).to.deep.equal({ crowd: 1_300, batchSize: 1_300 });
    expect(checked.checks.find((c) => c.id === "revocation")!.message).to.contain(
      "with the whole batch of 1300 credentials",
    );
  });

  it("hides a credential of a bigger batch among decoy words, in a crowd of the size it states", async () => {
    const { env, batch } = await networkHelpers.loadFixture(sixWordBatch);
    // Two words of crowd (512 credentials) make this six-word batch a big one.
    const report = await verify(batch.credentials[1_290], {
      trust: [env.trust],
      rpcUrls: [server.url],
      crowdWords: 2,
    });
    expect(report.status).to.equal("revoked");
    const [sizing, status] = statusReads(server);
    expect(sizing!.words).to.deep.equal([0, 1]);
    expect(namesIndex(status!.data, 1_290)).to.equal(false);
    // Word 5 holds only 20 credentials, so two decoy words are needed for 512.
    expect(status!.words).to.include(5);
    expect(status!.words).to.have.length(3);
    expect(new Set(status!.words).size).to.equal(3);
    const crowd = crowdSize(status!.words, 1_300);
    expect(crowd).to.equal(20 + 2 * 256);
    expect(report.privacy).to.deep.equal({ crowd, batchSize: 1_300 });
    expect(report.checks.find((c) => c.id === "revocation")!.message).to.contain(
      "among 532 of the batch's 1300 credentials",
    );
  });

  it("reads a bigger batch in one round trip when the file states its size", async () => {
    const { env, batch } = await networkHelpers.loadFixture(sixWordBatch);
    const stated = withLeafCount(batch.credentials[1_290]!, 1_300);
    const report = await verify(stated, {
      trust: [env.trust],
      rpcUrls: [server.url],
      crowdWords: 2,
    });
    expect(report.status).to.equal("revoked");
    const reads = statusReads(server);
    expect(reads).to.have.length(1);
    expect(namesIndex(reads[0]!.data, 1_290)).to.equal(false);
    expect(reads[0]!.words).to.include(5).and.to.have.length(3);
    expect(report.privacy).to.deep.equal({ crowd: 20 + 2 * 256, batchSize: 1_300 });
  });

  it("keeps the verdict right, and counts the crowd against the chain, when the stated size is wrong", async () => {
    const { env, batch } = await networkHelpers.loadFixture(sixWordBatch);
    const overstated = withLeafCount(batch.credentials[1_290]!, 100_000);
    const report = await verify(overstated, {
      trust: [env.trust],
      rpcUrls: [server.url],
      crowdWords: 2,
    });
    expect(report.status).to.equal("revoked");
    const asked = statusReads(server).flatMap((r) => r.words);
    // Decoys past the real end hold nobody: the stated crowd counts only words inside the batch.
    expect(report.privacy!.crowd).to.equal(crowdSize([...new Set(asked)], 1_300));
    expect(report.privacy!.batchSize).to.equal(1_300);
  });

  it("draws fresh decoys for each read", async () => {
    const { env, batch } = await networkHelpers.loadFixture(sixWordBatch);
    const options = { trust: [env.trust], rpcUrls: [server.url], crowdWords: 2 };
    for (let i = 0; i < 12; i++) await verify(batch.credentials[700], options);
    const decoySets = statusReads(server)
      .filter((_, i) => i % 2 === 1)
      .map((read) => read.words.filter((w) => w !== 2).join());
    // One decoy word among five each time: twelve equal draws would be a broken generator.
    expect(new Set(decoySets).size).to.be.greaterThan(1);
  });

  it("reads a group's words together among decoys, with one eth_call per read", async () => {
    const { env, batch } = await networkHelpers.loadFixture(sixWordBatch);
    const chosen = [batch.credentials[3]!, batch.credentials[700]!, batch.credentials[1_290]!];
    const reports = await verifyMany(chosen, {
      trust: [env.trust],
      rpcUrls: [server.url],
      crowdWords: 4,
    });
    expect(reports.map((r) => r.status)).to.deep.equal(["valid", "valid", "revoked"]);
    const reads = statusReads(server);
    expect(reads).to.have.length(2);
    const asked = reads[1]!.words;
    expect(asked).to.include.members([0, 2, 5]);
    expect(crowdSize(asked, 1_300)).to.be.at.least(4 * 256);
    // Not 3: that is also a word number of this batch, so it may be asked as a decoy.
    for (const index of [700, 1_290]) expect(namesIndex(reads[1]!.data, index)).to.equal(false);
    for (const r of reports) {
      expect(r.privacy).to.deep.equal({ crowd: crowdSize(asked, 1_300), batchSize: 1_300 });
    }
  });

  it("states no crowd when the chain was not read", async () => {
    const { batch } = await networkHelpers.loadFixture(sixWordBatch);
    const report = await verify(batch.credentials[0], { trust: [], rpcUrls: [server.url] });
    expect(report.status).to.equal("untrusted-registry");
    expect(report.privacy).to.equal(null);
  });
});

describe("verifier/privacy: choosing words", () => {
  it("counts the credentials a set of words holds, none past the batch", () => {
    expect(crowdSize([0, 1, 2], 600)).to.equal(600);
    expect(crowdSize([2, 3], 600)).to.equal(88);
  });

  it("keeps the credentials' words and adds decoys inside the batch until the crowd is reached", () => {
    for (let run = 0; run < 50; run++) {
      const words = crowdWords(new Set([7, 39]), 10_000, 16);
      expect(words).to.include.members([7, 39]);
      expect(new Set(words).size).to.equal(words.length);
      expect(words.every((w) => Number.isInteger(w) && w >= 0 && w < 40)).to.equal(true);
      expect(crowdSize(words, 10_000)).to.be.at.least(16 * 256);
    }
  });

  it("asks for no decoy when the credentials' own words already make the crowd", () => {
    const own = new Set(Array.from({ length: 20 }, (_, w) => w * 2));
    expect(crowdWords(own, 100_000, 16).sort((a, b) => a - b)).to.deep.equal([...own]);
  });
});
