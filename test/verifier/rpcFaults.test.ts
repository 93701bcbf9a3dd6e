// A network or RPC fault never yields "invalid" or "revoked" (DESIGN invariant 4): an RPC that is
// down, slow, lying about its chain id or answering garbage makes the report "unverifiable" with
// the cause. Real HTTP, through test/helpers/rpcServer.ts in front of the in-process chain.
import { expect } from "chai";
import { changeCredentialStatus, createChainClient } from "../../src/chain/index.ts";
import { type CheckId, type VerificationReport, verify } from "../../src/verifier/index.ts";
import { deadRpcUrl, startRpcServer, type TestRpcServer } from "../helpers/rpcServer.ts";
import {
  connection,
  issueBatch,
  networkHelpers,
  record,
  registries,
  withValue,
  writerFor,
} from "./fixtures.ts";

async function batchWithRevoked() {
  const env = await registries();
  const batch = await issueBatch(env, {
    issuer: env.university,
    records: [record(0), record(1, { validUntil: "2030-01-01" })],
  });
  await changeCredentialStatus(writerFor(env.university), {
    registry: env.registry,
    issuer: env.university,
    root: batch.root,
    leafCount: batch.leafCount,
    action: "revoke",
    indices: [0],
    reason: 1,
  });
  return { env, batch };
}

function checkOf(report: VerificationReport, id: CheckId) {
  return report.checks.find((c) => c.id === id)!;
}

const noRetry = { retryCount: 0, retryDelayMs: 0 };

describe("verifier: RPC faults", () => {
  let server: TestRpcServer;

  beforeEach(async () => {
    server = await startRpcServer(connection.provider);
  });
  afterEach(async () => {
    await server.close();
  });

  it("reports a revoked credential revoked through a healthy HTTP endpoint", async () => {
    const { env, batch } = await networkHelpers.loadFixture(batchWithRevoked);
    const report = await verify(batch.credentials[0], {
      trust: [env.trust],
      rpcUrls: [server.url],
      ...noRetry,
    });
    expect(report.status).to.equal("revoked");
  });

  it("reports unverifiable, naming the URL, when nothing listens there", async () => {
    const { env, batch } = await networkHelpers.loadFixture(batchWithRevoked);
    const url = await deadRpcUrl();
    const report = await verify(batch.credentials[0], {
      trust: [env.trust],
      rpcUrls: [url],
      ...noRetry,
    });
    expect(report.status).to.equal("unverifiable");
    expect(report.cause).to.deep.include({ check: "chain", code: "RPC_UNREACHABLE" });
    expect(report.cause!.message).to.contain(url);
    expect(checkOf(report, "revocation")).to.include({ result: "skipped", code: "NOT_CHECKED" });
  });

  it("reports unverifiable when the endpoint does not answer within the timeout", async () => {
    const { env, batch } = await networkHelpers.loadFixture(batchWithRevoked);
    server.setFault("slow");
    const report = await verify(batch.credentials[0], {
      trust: [env.trust],
      rpcUrls: [server.url],
      timeoutMs: 200,
      ...noRetry,
    });
    expect(report.status).to.equal("unverifiable");
    expect(report.cause).to.deep.include({ check: "chain", code: "RPC_UNREACHABLE" });
    expect(report.cause!.message).to.match(/took too long|timed? ?out/i);
  });

  it("reports unverifiable when the endpoint serves another chain than the credential names", async () => {
    const { env, batch } = await networkHelpers.loadFixture(batchWithRevoked);
    server.setFault("wrong-chain");
    const report = await verify(batch.credentials[0], {
      trust: [env.trust],
      rpcUrls: [server.url],
      ...noRetry,
    });
    expect(report.status).to.equal("unverifiable");
    expect(report.cause).to.deep.include({ check: "chain", code: "RPC_CHAIN_MISMATCH" });
    expect(report.cause!.message).to.contain(`chain ${env.chainId}`);
    expect(report.anchoredAt).to.equal(null);
    expect(checkOf(report, "revocation")).to.include({ result: "skipped", code: "NOT_CHECKED" });
  });

  it("reports unverifiable when the endpoint answers the status call with garbage", async () => {
    const { env, batch } = await networkHelpers.loadFixture(batchWithRevoked);
    server.setFault("garbage");
    const report = await verify(batch.credentials[0], {
      trust: [env.trust],
      rpcUrls: [server.url],
      ...noRetry,
    });
    expect(report.status).to.equal("unverifiable");
    expect(checkOf(report, "chain").result).to.equal("pass");
    expect(report.cause).to.deep.include({ check: "anchor", code: "RPC_RESPONSE_INVALID" });
  });

  it("reports unverifiable when the endpoint fails with HTTP 500", async () => {
    const { env, batch } = await networkHelpers.loadFixture(batchWithRevoked);
    server.setFault("http-500");
    const report = await verify(batch.credentials[0], {
      trust: [env.trust],
      rpcUrls: [server.url],
      ...noRetry,
    });
    expect(report.status).to.equal("unverifiable");
    expect(report.cause).to.deep.include({ check: "chain", code: "RPC_UNREACHABLE" });
  });

  it("reports an expired credential unverifiable while the chain cannot be read", async () => {
    const { env, batch } = await networkHelpers.loadFixture(batchWithRevoked);
    const report = await verify(batch.credentials[1], {
      trust: [env.trust],
      rpcUrls: [await deadRpcUrl()],
      now: new Date("2031-01-01T00:00:00Z"),
      ...noRetry,
    });
    expect(checkOf(report, "validity-period").code).to.equal("EXPIRED");
    expect(report.status).to.equal("unverifiable");
  });

  it("reports a tampered credential invalid even while the chain cannot be read", async () => {
    const { env, batch } = await networkHelpers.loadFixture(batchWithRevoked);
    const tampered = withValue(batch.credentials[1]!, "/credentialSubject/term", "2024/25");
    const report = await verify(tampered, {
      trust: [env.trust],
      rpcUrls: [await deadRpcUrl()],
      ...noRetry,
    });
    expect(report.status).to.equal("invalid");
  });

  it("tries the next RPC URL when the first is down", async () => {
    const { env, batch } = await networkHelpers.loadFixture(batchWithRevoked);
    const report = await verify(batch.credentials[1], {
      trust: [env.trust],
      rpcUrls: [await deadRpcUrl(), server.url],
      ...noRetry,
    });
    expect(report.status).to.equal("valid");
    expect(server.calls.filter((m) => m === "eth_call")).to.have.length(1);
  });

  it("asks a prepared client for its chain id once, however many credentials it verifies", async () => {
    const { env, batch } = await networkHelpers.loadFixture(batchWithRevoked);
    const chain = createChainClient({ rpcUrls: [server.url], ...noRetry });
    await verify(batch.credentials[0], { chain, trust: [env.trust] });
    await verify(batch.credentials[1], { chain, trust: [env.trust] });
    expect(server.calls.filter((m) => m === "eth_chainId")).to.have.length(1);
    expect(server.calls.filter((m) => m === "eth_call")).to.have.length(2);
  });

  it("asks again for the chain id after a failed attempt", async () => {
    const { env, batch } = await networkHelpers.loadFixture(batchWithRevoked);
    const chain = createChainClient({ rpcUrls: [server.url], ...noRetry });
    server.setFault("http-500");
    expect((await verify(batch.credentials[1], { chain, trust: [env.trust] })).status).to.equal(
      "unverifiable",
    );
    server.setFault("none");
    expect((await verify(batch.credentials[1], { chain, trust: [env.trust] })).status).to.equal(
      "valid",
    );
  });
});
