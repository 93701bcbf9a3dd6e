// verify() on v2 files (proof set, BitstringStatusListEntry, did:key issuer): the anchor, the
// claims and the status on chain are checked exactly as for v1 files. The issuer's signature and
// its key's term on chain are checked by later steps (the reading exposes both).
import { expect } from "chai";
import { anchorBatch, changeCredentialStatus } from "../../src/chain/index.ts";
import {
  attachAnchor,
  attachSignature,
  buildCredential,
  type CredanchorCredentialV2,
  disclose,
  readCredential,
} from "../../src/credential/index.ts";
import { buildMerkleTree } from "../../src/merkle/index.ts";
import { type VerificationReport, verify } from "../../src/verifier/index.ts";
import { contextV2, issuerDidKey, signatureProof } from "../credential/support.ts";
import {
  copy,
  ISSUER_NAME,
  networkHelpers,
  provider,
  record,
  registries,
  TYPE_ID,
  TYPE_NAME,
  writerFor,
} from "./fixtures.ts";

async function universityBatchV2() {
  const env = await registries();
  const context = {
    ...contextV2,
    chainId: env.chainId,
    registryAddress: env.registry,
    issuerAddress: env.university,
    credentialType: TYPE_NAME,
    issuerProfile: { name: ISSUER_NAME, url: "https://northwind-poly.example" },
  };
  const built = [0, 1, 2].map((i) => buildCredential({ record: record(i), index: i, context }));
  const tree = await buildMerkleTree(built.map((c) => c.proof[0].credentialDigest));
  const anchored = await anchorBatch(writerFor(env.university), {
    registry: env.registry,
    issuer: env.university,
    root: tree.root,
    leafCount: built.length,
    credentialType: TYPE_ID,
    manifestCid: `0x01551220${"cd".repeat(32)}`,
  });
  if (anchored.status !== "anchored") throw new Error("fixture batch was already anchored");
  const blockTime = new Date(anchored.anchoredAt * 1000).toISOString().replace(".000Z", "Z");
  const credentials: CredanchorCredentialV2[] = built.map((c, i) =>
    attachSignature(
      attachAnchor(c, {
        merkleRoot: tree.root,
        merkleProof: tree.proof(i),
        transactionHash: anchored.txHash,
        blockNumber: Number(anchored.blockNumber),
        blockTime,
      }),
      signatureProof(blockTime),
    ),
  );
  return { env, credentials, root: tree.root };
}

function failing(report: VerificationReport) {
  return report.checks.filter((c) => c.result !== "pass").map((c) => `${c.id}:${c.code}`);
}

describe("verifier/verify (v2 files)", () => {
  it("reports a signed v2 file valid, reading its status slot on chain", async () => {
    const { env, credentials, root } = await networkHelpers.loadFixture(universityBatchV2);
    const report = await verify(copy(credentials[1]), { provider, trust: [env.trust] });
    expect(report.status, JSON.stringify(failing(report))).to.equal("valid");
    expect(report).to.deep.include({
      credentialType: TYPE_NAME,
      root,
      index: 1,
      registry: env.registry,
    });
    expect(report.issuer).to.include({ id: issuerDidKey, address: env.university });
  });

  it("verifies a disclosed v2 copy to the same anchor", async () => {
    const { env, credentials } = await networkHelpers.loadFixture(universityBatchV2);
    const shared = copy(disclose(credentials[0]!, ["/credentialSubject/result"]));
    expect(readCredential(shared).form).to.equal("disclosed");
    const report = await verify(shared, { provider, trust: [env.trust] });
    expect(report.status, JSON.stringify(failing(report))).to.equal("valid");
    expect(report.hidden.length).to.be.above(0);
  });

  it("reports a revoked v2 credential revoked, from the chain", async () => {
    const { env, credentials, root } = await networkHelpers.loadFixture(universityBatchV2);
    await changeCredentialStatus(writerFor(env.university), {
      registry: env.registry,
      issuer: env.university,
      root,
      leafCount: credentials.length,
      action: "revoke",
      indices: [2],
      reason: 1,
    });
    const report = await verify(copy(credentials[2]), { provider, trust: [env.trust] });
    expect(report.status).to.equal("revoked");
  });

  it("reports a tampered v2 file invalid locally", async () => {
    const { env, credentials } = await networkHelpers.loadFixture(universityBatchV2);
    const tampered = copy(credentials[0]!);
    tampered.credentialSubject.achievement.name = "MEng Mechatronics";
    expect((await verify(tampered, { provider, trust: [env.trust] })).status).to.equal("invalid");
    const reordered = copy(credentials[0]!);
    reordered.proof = [reordered.proof[0]!, reordered.proof[1]!, reordered.proof[1]!] as never;
    const report = await verify(reordered, { provider, trust: [env.trust] });
    expect(report.cause).to.deep.include({ check: "integrity", code: "INTEGRITY_MALFORMED" });
  });

  it("answers invalid for a v2 file stripped of its anchor proof (ANCHOR_PROOF_MISSING)", async () => {
    const { env, credentials } = await networkHelpers.loadFixture(universityBatchV2);
    const stripped = { ...copy(credentials[0]!), proof: [credentials[0]!.proof[1]] };
    const report = await verify(stripped, { provider, trust: [env.trust] });
    expect(report.status).to.equal("invalid");
    expect(report.checks.find((c) => c.id === "integrity")).to.include({
      result: "fail",
      code: "ANCHOR_PROOF_MISSING",
    });
  });

  it("leaves another issuer's signed credential unverifiable until its signature is checked", async () => {
    const { env, credentials } = await networkHelpers.loadFixture(universityBatchV2);
    const { proof, credentialStatus: _, ...body } = copy(credentials[0]!);
    const foreign = {
      ...body,
      "@context": body["@context"].slice(0, 2),
      issuer: { ...body.issuer, id: "did:web:badges.example" },
      proof: { ...proof[1], verificationMethod: "did:web:badges.example#key-1" },
    };
    const report = await verify(foreign, { provider, trust: [env.trust] });
    expect(report.status).to.equal("unverifiable");
    expect(report.cause).to.deep.include({ check: "integrity", code: "SIGNATURE_NOT_CHECKED" });
  });
});
