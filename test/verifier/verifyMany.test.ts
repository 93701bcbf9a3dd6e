// verifyMany(): one eth_call per batch however many of its credentials are checked, reports in
// input order, and a broken input costing only its own report.
import { expect } from "chai";
import { changeCredentialStatus } from "../../src/chain/index.ts";
import { verifyMany } from "../../src/verifier/index.ts";
import { startRpcServer, type TestRpcServer } from "../helpers/rpcServer.ts";
import {
  connection,
  issueBatch,
  networkHelpers,
  record,
  registries,
  withValue,
  writerFor,
} from "./fixtures.ts";

async function thousandCredentialBatch() {
  const env = await registries();
  const batch = await issueBatch(env, {
    issuer: env.university,
    records: Array.from({ length: 1_000 }, (_, i) => record(i)),
  });
  await changeCredentialStatus(writerFor(env.university), {
    registry: env.registry,
    issuer: env.university,
    root: batch.root,
    leafCount: batch.leafCount,
    action: "revoke",
    indices: [17, 900],
    reason: 1,
  });
  return { env, batch };
}

async function twoBatches() {
  const env = await registries();
  const first = await issueBatch(env, {
    issuer: env.university,
    records: [record(0), record(1), record(2)],
  });
  const second = await issueBatch(env, {
    issuer: env.smallProvider,
    records: [record(10), record(11)],
  });
  return { env, first, second };
}

describe("verifier/verifyMany", () => {
  let server: TestRpcServer;

  beforeEach(async () => {
    server = await startRpcServer(connection.provider);
  });
  afterEach(async () => {
    await server.close();
  });

  it("verifies 1,000 credentials of one batch with one eth_call", async () => {
    const { env, batch } = await networkHelpers.loadFixture(thousandCredentialBatch);
    const reports = await verifyMany(batch.credentials, {
      trust: [env.trust],
      rpcUrls: [server.url],
    });
    expect(server.calls.filter((m) => m === "eth_call")).to.have.length(1);
    // Then, for the revoked ones only, when and why: the head, one log read and one block read.
    expect([...server.calls].sort()).to.deep.equal([
      "eth_blockNumber",
      "eth_call",
      "eth_chainId",
      "eth_getBlockByNumber",
      "eth_getLogs",
    ]);
    expect(reports.map((r) => r.index)).to.deep.equal(batch.credentials.map((_, i) => i));
    const notValid = reports.flatMap((r, i) => (r.status === "valid" ? [] : [[i, r.status]]));
    expect(notValid).to.deep.equal([
      [17, "revoked"],
      [900, "revoked"],
    ]);
  });

  it("makes one eth_call per batch and returns reports in input order", async () => {
    const { env, first, second } = await networkHelpers.loadFixture(twoBatches);
    const inputs = [
      second.credentials[1],
      first.credentials[0],
      "not json at all",
      second.credentials[0],
      first.credentials[2],
      first.credentials[2],
    ];
    const reports = await verifyMany(inputs, {
      trust: [env.trust],
      rpcUrls: [server.url],
      sources: ["s1", "f0", "junk", "s0", "f2", "f2 again"],
    });
    expect(server.calls.filter((m) => m === "eth_call")).to.have.length(2);
    expect(reports.map((r) => [r.source, r.status])).to.deep.equal([
      ["s1", "not-accredited"],
      ["f0", "valid"],
      ["junk", "invalid"],
      ["s0", "not-accredited"],
      ["f2", "valid"],
      ["f2 again", "valid"],
    ]);
  });

  it("asks the chain nothing when every input fails locally", async () => {
    const { env, first } = await networkHelpers.loadFixture(twoBatches);
    const tampered = withValue(first.credentials[0]!, "/credentialSubject/term", "2024/25");
    const reports = await verifyMany([tampered, { not: "a credential" }], {
      trust: [env.trust],
      rpcUrls: [server.url],
    });
    expect(reports.map((r) => r.status)).to.deep.equal(["invalid", "invalid"]);
    expect(server.calls).to.deep.equal([]);
  });

  it("splits a read into eth_calls of at most maxWordsPerCall status words", async () => {
    const { env, first } = await networkHelpers.loadFixture(twoBatches);
    const reports = await verifyMany(first.credentials, {
      trust: [env.trust],
      rpcUrls: [server.url],
      maxWordsPerCall: 5,
    });
    expect(reports.map((r) => r.status)).to.deep.equal(["valid", "valid", "valid"]);
    // The 16 words of the default crowd, 5 at a time.
    expect(server.calls.filter((m) => m === "eth_call")).to.have.length(4);
  });

  it("returns no reports for no credentials, without touching the network", async () => {
    expect(await verifyMany([], { rpcUrls: [server.url] })).to.deep.equal([]);
    expect(server.calls).to.deep.equal([]);
  });
});
