import { expect } from "chai";
import {
  attachAnchor,
  attachSignature,
  buildCredential,
  CredentialFormatError,
  credentialTypeId,
  disclose,
  type FormatProblem,
  readCredential,
} from "../../src/credential/index.ts";
import {
  anchorV2,
  context,
  contextV2,
  fullRecord,
  issuerDidKey,
  minimalRecord,
  signatureProof,
  viaJson,
} from "./support.ts";

/** Another issuer's OB 3.0 credential signed with eddsa-rdfc-2022 (shape only). */
function foreignCredential(): Record<string, unknown> {
  return {
    "@context": [
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    id: "urn:uuid:5b0e7f1a-1c2d-4e3f-8a9b-0c1d2e3f4a5b",
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: "did:web:badges.example", type: ["Profile"], name: "Badges Example" },
    validFrom: "2025-01-01T00:00:00Z",
    credentialSubject: {
      type: ["AchievementSubject"],
      id: "did:example:learner",
      achievement: {
        id: "https://badges.example/a/1",
        type: ["Achievement"],
        name: "Intro",
        description: "An introduction.",
        criteria: { narrative: "Attend." },
      },
    },
    credentialStatus: {
      id: "https://badges.example/status/1#94567",
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: "94567",
      statusListCredential: "https://badges.example/status/1",
    },
    proof: {
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-rdfc-2022",
      created: "2025-01-01T00:00:00Z",
      verificationMethod: "did:web:badges.example#key-1",
      proofPurpose: "assertionMethod",
      proofValue:
        "z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKiBM1R5h86HjPwqVD",
    },
  };
}

function problemsOf(value: unknown): FormatProblem[] {
  try {
    readCredential(value, "test.json");
  } catch (error) {
    expect(error).to.be.instanceOf(CredentialFormatError);
    expect((error as CredentialFormatError).message).to.match(/^test\.json: /);
    return [...(error as CredentialFormatError).problems];
  }
  expect.fail("readCredential accepted it");
}

describe("readCredential", () => {
  it("reads a v1 file: its form, anchor proof and status slot", () => {
    const built = buildCredential({ record: fullRecord, index: 3, context });
    const reading = readCredential(viaJson(built));
    expect(reading.version).to.equal(1);
    if (reading.version !== 1) return;
    expect(reading.form).to.equal("full");
    expect(reading.anchorProof.credentialDigest).to.equal(built.proof.credentialDigest);
    expect(reading.status).to.deep.equal({
      caip2: "eip155:84532",
      chainId: 84532,
      registryAddress: context.registryAddress,
      issuerAddress: context.issuerAddress,
      credentialType: "BachelorDegree",
      typeId: credentialTypeId("BachelorDegree"),
      batchIndex: 3,
      batchRoot: undefined,
    });
    expect(readCredential(viaJson(disclose(built, []))).form).to.equal("disclosed");
  });

  it("reads a v2 file: its proofs, status slot and the issuer's did:key", () => {
    const anchored = attachAnchor(
      buildCredential({ record: fullRecord, index: 5, context: contextV2 }),
      anchorV2,
    );
    const signed = attachSignature(anchored, signatureProof(anchorV2.blockTime!));
    const reading = readCredential(viaJson(signed));
    expect(reading.version).to.equal(2);
    if (reading.version !== 2) return;
    expect(reading.form).to.equal("full");
    expect(reading.issuerKey).to.equal(issuerDidKey);
    expect(reading.dataIntegrityProof).to.deep.equal(signed.proof[1]);
    expect(reading.anchorProof.created).to.equal(anchorV2.blockTime);
    expect(reading.status).to.include({
      batchIndex: 5,
      batchRoot: anchorV2.merkleRoot,
      chainId: 84532,
    });

    const copy = readCredential(viaJson(disclose(signed, [])));
    expect(copy.version === 2 && [copy.form, copy.dataIntegrityProof]).to.deep.equal([
      "disclosed",
      undefined,
    ]);
  });

  it("classifies another issuer's signed credential as foreign, with its proof and status entry", () => {
    const reading = readCredential(foreignCredential());
    expect(reading.version).to.equal("foreign");
    if (reading.version !== "foreign") return;
    expect(reading.issuerId).to.equal("did:web:badges.example");
    expect(reading.dataIntegrityProof.cryptosuite).to.equal("eddsa-rdfc-2022");
    expect(reading.statusListEntries.map((e) => e.statusListIndex)).to.deep.equal(["94567"]);
    expect(reading.otherStatus).to.equal(false);
    const { credentialStatus: _, ...noStatus } = foreignCredential();
    const bare = readCredential({ ...noStatus, proof: [foreignCredential().proof] });
    expect(bare.version === "foreign" && bare.statusListEntries).to.deep.equal([]);
    const other = readCredential({
      ...noStatus,
      credentialStatus: { type: "StatusList2021Entry" },
    });
    expect(other.version === "foreign" && other.otherStatus).to.equal(true);
  });

  it("names what is wrong, by pointer", () => {
    expect(problemsOf({ hello: "world" })[0]!.pointer).to.equal("/proof");
    const v1 = viaJson(buildCredential({ record: minimalRecord, index: 0, context }));
    expect(
      problemsOf({ ...v1, credentialStatus: { ...v1.credentialStatus, batchIndex: -1 } }),
    ).to.deep.include({
      pointer: "/credentialStatus/batchIndex",
      message: "must be an integer from 0 to 4294967294",
    });
    const v2 = viaJson(buildCredential({ record: minimalRecord, index: 0, context: contextV2 }));
    const lower = { ...v2.credentialStatus, issuerAddress: context.issuerAddress.toLowerCase() };
    expect(problemsOf({ ...v2, credentialStatus: lower }).map((p) => p.pointer)).to.deep.equal([
      "/credentialStatus/issuerAddress",
    ]);
    const pkh = {
      ...v2,
      issuer: {
        ...v2.issuer,
        id: "did:pkh:eip155:84532:0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      },
    };
    expect(problemsOf(pkh).map((p) => p.pointer)).to.deep.equal(["/issuer/id"]);
    const v1Status = { ...v2, credentialStatus: v1.credentialStatus };
    expect(problemsOf(v1Status).map((p) => p.pointer)).to.include("/credentialStatus/type");
    const otherSuite = {
      ...foreignCredential(),
      proof: { ...(foreignCredential().proof as object), cryptosuite: "ecdsa-rdfc-2019" },
    };
    expect(problemsOf(otherSuite).map((p) => p.pointer)).to.deep.equal(["/proof"]);
    // A v2 file stripped of its anchor proof is not another issuer's credential.
    const anchored = attachAnchor(
      buildCredential({ record: minimalRecord, index: 0, context: contextV2 }),
      anchorV2,
    );
    const signed = viaJson(attachSignature(anchored, signatureProof(anchorV2.blockTime!)));
    const stripped = problemsOf({ ...signed, proof: [signed.proof[1]] });
    expect(stripped[0]!.code).to.equal("ANCHOR_PROOF_MISSING");
  });
});
