// verify() on v2 files (proof set, BitstringStatusListEntry, did:key issuer): the anchor, the
// claims and the status on chain are checked exactly as for v1 files, plus the issuer's
// eddsa-rdfc-2022 signature and its key's term on chain, read in the same single eth_call.
import { ed25519 } from "@noble/curves/ed25519";
import { expect } from "chai";
import { bytesToHex } from "viem";
import {
  anchorBatch,
  changeCredentialStatus,
  declareSigningKey,
  retireSigningKey,
} from "../../src/chain/index.ts";
import {
  attachAnchor,
  attachSignature,
  buildCredential,
  type CredanchorCredentialV2,
  disclose,
  readCredential,
} from "../../src/credential/index.ts";
import { createEddsaProof, verificationMethodOf } from "../../src/dataIntegrity/index.ts";
import { buildMerkleTree } from "../../src/merkle/index.ts";
import { type VerificationReport, verify, verifyMany } from "../../src/verifier/index.ts";
import { contextV2, issuerDidKey, signatureProof, signingSeed } from "../credential/support.ts";
import { startRpcServer } from "../helpers/rpcServer.ts";
import {
  connection,
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

const publicKey = bytesToHex(ed25519.getPublicKey(signingSeed));

/** What the issuer account does with its signing key around anchoring the batch. */
type KeyPlan = "declared" | "undeclared" | "retired-before" | "declared-after";

async function batchV2(plan: KeyPlan) {
  const env = await registries();
  const writer = writerFor(env.university);
  const key = { registry: env.registry, publicKey };
  if (plan !== "undeclared" && plan !== "declared-after") await declareSigningKey(writer, key);
  if (plan === "retired-before") {
    await retireSigningKey(writer, { ...key, effectiveAt: await networkHelpers.time.latest() });
    await networkHelpers.time.increase(60);
  }
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
  const anchored = await anchorBatch(writer, {
    registry: env.registry,
    issuer: env.university,
    root: tree.root,
    leafCount: built.length,
    credentialType: TYPE_ID,
    manifestCid: `0x01551220${"cd".repeat(32)}`,
  });
  if (anchored.status !== "anchored") throw new Error("fixture batch was already anchored");
  if (plan === "declared-after") {
    await networkHelpers.time.increase(60);
    await declareSigningKey(writer, key);
  }
  const blockTime = new Date(anchored.anchoredAt * 1000).toISOString().replace(".000Z", "Z");
  const credentials: CredanchorCredentialV2[] = [];
  for (const [i, c] of built.entries()) {
    const withAnchor = attachAnchor(c, {
      merkleRoot: tree.root,
      merkleProof: tree.proof(i),
      transactionHash: anchored.txHash,
      blockNumber: Number(anchored.blockNumber),
      blockTime,
    });
    const signature = await createEddsaProof(withAnchor as never, {
      verificationMethod: verificationMethodOf(issuerDidKey),
      created: blockTime,
      sign: (message) => ed25519.sign(message, signingSeed),
    });
    credentials.push(attachSignature(withAnchor, signature as never));
  }
  return { env, credentials, root: tree.root, blockTime };
}

const universityBatchV2 = () => batchV2("declared");
const undeclaredKeyBatch = () => batchV2("undeclared");
const retiredKeyBatch = () => batchV2("retired-before");
const lateKeyBatch = () => batchV2("declared-after");

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

  it("leaves another issuer's credential unverifiable without third-party verification", async () => {
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
    expect(report.cause).to.deep.include({ check: "signature", code: "THIRD_PARTY_NOT_SUPPORTED" });
  });

  it("checks the signature and the key's term: valid, with both checks passing", async () => {
    const { env, credentials } = await networkHelpers.loadFixture(universityBatchV2);
    const report = await verify(copy(credentials[0]), { provider, trust: [env.trust] });
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, `${c.result}:${c.code}`]));
    expect(byId).to.include({
      signature: "pass:SIGNATURE_VALID",
      "signing-key": "pass:SIGNING_KEY_DECLARED",
      anchor: "pass:ANCHORED",
    });
  });

  it("answers invalid for a signature that does not verify (SIGNATURE_INVALID), without asking the chain", async () => {
    const { env, credentials, blockTime } = await networkHelpers.loadFixture(universityBatchV2);
    const forged = copy(credentials[0]!);
    forged.proof[1] = signatureProof(blockTime) as never; // the right key, over another message
    const report = await verify(forged, { provider, trust: [env.trust] });
    expect(report.status).to.equal("invalid");
    expect(report.cause).to.deep.include({ check: "signature", code: "SIGNATURE_INVALID" });
    expect(report.checks.find((c) => c.id === "chain")?.result).to.equal("skipped");
  });

  it("skips the signature of a full file that lost it (SIGNATURE_ABSENT) and still checks the key", async () => {
    const { env, credentials } = await networkHelpers.loadFixture(universityBatchV2);
    const unsigned = { ...copy(credentials[1]!), proof: [credentials[1]!.proof[0]] };
    const report = await verify(unsigned, { provider, trust: [env.trust] });
    expect(report.status, JSON.stringify(failing(report))).to.equal("valid");
    expect(failing(report)).to.deep.equal(["signature:SIGNATURE_ABSENT"]);
  });

  it("skips the signature of a disclosed copy (SIGNATURE_NOT_IN_COPY) and still checks the key", async () => {
    const { env, credentials } = await networkHelpers.loadFixture(universityBatchV2);
    const shared = copy(disclose(credentials[0]!, ["/credentialSubject/result"]));
    const report = await verify(shared, { provider, trust: [env.trust] });
    expect(failing(report)).to.deep.equal(["signature:SIGNATURE_NOT_IN_COPY"]);
    expect(report.checks.find((c) => c.id === "signing-key")?.code).to.equal(
      "SIGNING_KEY_DECLARED",
    );
  });

  for (const [name, fixture, code] of [
    ["never declared", undeclaredKeyBatch, "SIGNING_KEY_NOT_DECLARED"],
    ["retired before the anchoring", retiredKeyBatch, "SIGNING_KEY_RETIRED"],
    ["declared after the anchoring", lateKeyBatch, "SIGNING_KEY_DECLARED_LATER"],
  ] as const) {
    it(`answers invalid, full or disclosed, when the key was ${name} (${code})`, async () => {
      const { env, credentials } = await networkHelpers.loadFixture(fixture);
      const full = await verify(copy(credentials[0]), { provider, trust: [env.trust] });
      const shared = copy(disclose(credentials[1]!, ["/credentialSubject/result"]));
      const disclosed = await verify(shared, { provider, trust: [env.trust] });
      for (const report of [full, disclosed]) {
        expect(report.status).to.equal("invalid");
        expect(report.cause).to.deep.include({ check: "signing-key", code });
      }
      expect(full.checks.find((c) => c.id === "signature")?.code).to.equal("SIGNATURE_VALID");
    });
  }

  it("answers invalid when the anchor proof's created is not the chain's anchoring time", async () => {
    const { env, credentials } = await networkHelpers.loadFixture(universityBatchV2);
    const shared = copy(disclose(credentials[2]!, ["/credentialSubject/result"]));
    shared.proof[0]!.created = "2020-01-01T00:00:00Z";
    const report = await verify(shared, { provider, trust: [env.trust] });
    expect(report.status).to.equal("invalid");
    expect(report.cause).to.deep.include({ check: "anchor", code: "ANCHOR_TIME_MISMATCH" });
  });

  it("reads a batch and its key's term in one eth_call, for full files and copies alike", async () => {
    const { env, credentials } = await networkHelpers.loadFixture(universityBatchV2);
    const server = await startRpcServer(connection.provider);
    try {
      const files = [
        ...credentials.map((c) => copy(c)),
        copy(disclose(credentials[0]!, ["/credentialSubject/result"])),
      ];
      const reports = await verifyMany(files, { trust: [env.trust], rpcUrls: [server.url] });
      expect(reports.map((r) => r.status)).to.deep.equal(["valid", "valid", "valid", "valid"]);
      expect([...server.calls].sort()).to.deep.equal(["eth_call", "eth_chainId"]);
    } finally {
      await server.close();
    }
  });
});
