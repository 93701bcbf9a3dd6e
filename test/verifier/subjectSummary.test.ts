// The verdict beside the person: whose credential it is and what it says (subjectSummary), and
// when and why a revoked or suspended one was (the registry's events), on credentials anchored
// on the in-process chain.
import { expect } from "chai";
import { toEventSelector } from "viem";
import { credentialRegistryAbi } from "../../src/chain/abi.ts";
import { changeCredentialStatus } from "../../src/chain/index.ts";
import { disclose } from "../../src/credential/index.ts";
import { verify } from "../../src/verifier/index.ts";
import { STATUS_EVENT_TOPICS } from "../../src/verifier/readStatusChange.ts";
import {
  copy,
  issueBatch,
  networkHelpers,
  provider,
  record,
  registries,
  writerFor,
} from "./fixtures.ts";

async function statusBatch() {
  const env = await registries();
  const batch = await issueBatch(env, {
    issuer: env.university,
    records: [
      record(0, {
        results: [
          { name: "Classification", value: "First class" },
          { name: "Thesis", value: "Distinction" },
        ],
      }),
      record(1),
      record(2),
    ],
  });
  const change = (action: "revoke" | "suspend" | "unsuspend", index: number, reason: number) =>
    changeCredentialStatus(writerFor(env.university), {
      registry: env.registry,
      issuer: env.university,
      root: batch.root,
      leafCount: batch.leafCount,
      action,
      indices: [index],
      reason,
    });
  await change("revoke", 1, 3);
  await change("suspend", 2, 6);
  await change("unsuspend", 2, 7);
  await change("suspend", 2, 2);
  return { env, batch };
}

describe("the verdict beside the person", () => {
  it("names the holder, the achievement, the award date and each result by its name", async () => {
    const { env, batch } = await networkHelpers.loadFixture(statusBatch);
    const report = await verify(copy(batch.credentials[0]), { provider, trust: [env.trust] });
    expect(report.status).to.equal("valid");
    expect(report.subject).to.deep.equal({
      name: "Holder 0",
      nameHidden: false,
      achievement: "BEng Mechatronics",
      awardDate: "2025-07-14T00:00:00Z",
      awardDateHidden: false,
      results: [
        { name: "Classification", value: "First class", status: null },
        { name: "Thesis", value: "Distinction", status: null },
      ],
      resultsHidden: 0,
    });
    expect(report).to.not.have.property("statusChange");
  });

  it("says the name and award date were hidden by the holder, and counts hidden results", async () => {
    const { env, batch } = await networkHelpers.loadFixture(statusBatch);
    const shown = disclose(batch.credentials[0]!, ["/credentialSubject/result/1"], {
      hide: ["/validFrom"],
    });
    const report = await verify(shown, { provider, trust: [env.trust] });
    expect(report.status).to.equal("valid");
    expect(report.subject).to.deep.include({
      name: null,
      nameHidden: true,
      achievement: "BEng Mechatronics",
      awardDate: null,
      awardDateHidden: true,
      resultsHidden: 1,
    });
    expect(report.subject!.results).to.deep.equal([
      { name: "Thesis", value: "Distinction", status: null },
    ]);
  });

  it("says when and why a credential was revoked, from the registry's events", async () => {
    const { env, batch } = await networkHelpers.loadFixture(statusBatch);
    const report = await verify(copy(batch.credentials[1]), { provider, trust: [env.trust] });
    expect(report.status).to.equal("revoked");
    expect(report.statusChange).to.include({ action: "revoked", reason: 3 });
    expect(report.statusChange!.by.toLowerCase()).to.equal(env.university.toLowerCase());
    expect(Date.parse(report.statusChange!.at)).to.be.at.least(Date.parse(report.anchoredAt!));
  });

  it("gives the latest suspension's reason for a credential suspended, lifted and suspended again", async () => {
    const { env, batch } = await networkHelpers.loadFixture(statusBatch);
    const report = await verify(copy(batch.credentials[2]), { provider, trust: [env.trust] });
    expect(report.status).to.equal("suspended");
    expect(report.statusChange).to.include({ action: "suspended", reason: 2 });
  });

  it("keeps the verdict and leaves out the detail when the RPC refuses to read logs", async () => {
    const { env, batch } = await networkHelpers.loadFixture(statusBatch);
    // A stand-in for a public RPC that refuses log queries: the real chain, eth_getLogs refused.
    const refusesLogs = {
      request: (args: { method: string; params?: unknown }) =>
        args.method === "eth_getLogs"
          ? Promise.reject(Object.assign(new Error("logs disabled"), { code: -32005 }))
          : provider.request(args as Parameters<typeof provider.request>[0]),
    };
    const report = await verify(copy(batch.credentials[1]), {
      provider: refusesLogs as unknown as typeof provider,
      trust: [env.trust],
    });
    expect(report.status).to.equal("revoked");
    expect(report.statusChange).to.equal(null);
  });

  it("finds when a credential was revoked through an RPC that refuses wide log ranges", async () => {
    const { env, batch } = await networkHelpers.loadFixture(statusBatch);
    // A stand-in for a public RPC's range limit: the real chain, eth_getLogs over more than two
    // blocks refused with a JSON-RPC error, as such providers answer.
    const ranges: [bigint, bigint][] = [];
    const narrow = {
      request: (args: { method: string; params?: unknown }) => {
        if (args.method === "eth_getLogs") {
          const [filter] = args.params as [{ fromBlock: string; toBlock: string }];
          const range: [bigint, bigint] = [BigInt(filter.fromBlock), BigInt(filter.toBlock)];
          ranges.push(range);
          if (range[1] - range[0] + 1n > 2n) {
            return Promise.reject(Object.assign(new Error("range too wide"), { code: -32005 }));
          }
        }
        return provider.request(args as Parameters<typeof provider.request>[0]);
      },
    };
    const report = await verify(copy(batch.credentials[1]), {
      provider: narrow as unknown as typeof provider,
      trust: [env.trust],
    });
    expect(report.statusChange).to.include({ action: "revoked", reason: 3 });
    // It started at the block the file says the batch was anchored in, not at block 0.
    expect(ranges[0]![0]).to.equal(BigInt(batch.credentials[1]!.proof.anchor!.blockNumber!));
  });

  it("writes out the same event topics as the registry's ABI", () => {
    for (const [name, topic] of Object.entries(STATUS_EVENT_TOPICS)) {
      const event = credentialRegistryAbi.find((e) => e.type === "event" && e.name === name);
      expect(event, name).to.not.equal(undefined);
      expect(toEventSelector(event as Parameters<typeof toEventSelector>[0]), name).to.equal(topic);
    }
  });

  it("shows no name for a file whose claims fail integrity: nothing in it is proven", async () => {
    const { env, batch } = await networkHelpers.loadFixture(statusBatch);
    const forged = copy(batch.credentials[0]!);
    forged.credentialSubject.identifier![0]!.identityHash = "Mallory";
    const report = await verify(forged, { provider, trust: [env.trust] });
    expect(report.status).to.equal("invalid");
    expect(report.subject).to.deep.include({ name: null, achievement: null, results: [] });
  });
});
