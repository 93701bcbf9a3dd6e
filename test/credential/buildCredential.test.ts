import { expect } from "chai";
import fc from "fast-check";
import {
  buildCredential,
  buildValidatedCredential,
  CONTEXTS_V2,
  CredentialInputError,
  checkOpenBadgesStructure,
  claimDigest,
  credentialDigest,
  type IssuanceContext,
  isClaimPointer,
  OB_ACHIEVEMENT_CREDENTIAL_SCHEMA,
  OB_V3_CONTEXT,
  secureRandom,
  VC_V2_CONTEXT,
  validateIssuanceContext,
  validateRecord,
  verifyIntegrity,
} from "../../src/credential/index.ts";
import { credential as credentialArb } from "./arbitraries.ts";
import {
  context,
  contextV2,
  fullRecord,
  issuerDidKey,
  minimalRecord,
  seededRandom,
  viaJson,
} from "./support.ts";

describe("buildCredential", () => {
  it("makes a VC 2.0 OpenBadgeCredential with the OB 3.0 contexts, schema and types", () => {
    const credential = buildCredential({ record: minimalRecord, index: 0, context });
    expect(credential["@context"]).to.deep.equal([VC_V2_CONTEXT, OB_V3_CONTEXT]);
    expect(credential.type).to.deep.equal(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(credential.id).to.match(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(credential.credentialSchema).to.deep.equal([
      { id: OB_ACHIEVEMENT_CREDENTIAL_SCHEMA, type: "1EdTechJsonSchemaValidator2019" },
    ]);
    expect(checkOpenBadgesStructure(credential)).to.deep.equal({ ok: true, problems: [] });
  });

  it("carries every OB 3.0 required field for the richest record too", () => {
    const credential = buildCredential({ record: fullRecord, index: 41, context });
    expect(checkOpenBadgesStructure(credential)).to.deep.equal({ ok: true, problems: [] });
  });

  it("carries every OB 3.0 required field, whatever the record", () => {
    fc.assert(
      fc.property(credentialArb, (credential) => {
        expect(checkOpenBadgesStructure(credential).problems).to.deep.equal([]);
      }),
      { numRuns: 50 },
    );
  });

  it("names the issuer by the did:pkh of the account the batch is anchored under", () => {
    const credential = buildCredential({ record: minimalRecord, index: 0, context });
    expect(credential.issuer).to.deep.equal({
      id: "did:pkh:eip155:84532:0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      type: ["Profile"],
      name: "Northwind Polytechnic",
      url: "https://northwind-poly.example",
      email: "registrar@northwind-poly.example",
    });
    expect(credential.proof.verificationMethod).to.equal(
      `${credential.issuer.id}#blockchainAccountId`,
    );
  });

  it("puts chain, registry, issuer, credential type and batch index in one status object, without a root", () => {
    const credential = buildCredential({ record: minimalRecord, index: 7, context });
    expect(credential.credentialStatus).to.deep.equal({
      type: "CredanchorBatchStatus",
      chainId: "eip155:84532",
      registryAddress: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      issuerAddress: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      credentialType: "BachelorDegree",
      batchIndex: 7,
    });
    expect(credential.proof.anchor).to.equal(undefined);
  });

  it("names the holder with an OB 3.0 IdentityObject of identityType name", () => {
    const credential = buildCredential({ record: minimalRecord, index: 0, context });
    expect(credential.credentialSubject.identifier).to.deep.equal([
      {
        type: "IdentityObject",
        identityType: "name",
        hashed: false,
        identityHash: "Ingrid Halvorsen",
      },
    ]);
  });

  it("stores a hashed identifier as sha256 of the value and its salt, per OB 3.0 IdentityHash", async () => {
    const credential = buildCredential({ record: fullRecord, index: 0, context });
    const email = credential.credentialSubject.identifier?.[1];
    expect(email?.identityType).to.equal("emailAddress");
    expect(email?.hashed).to.equal(true);
    expect(email?.salt).to.match(/^[0-9a-f]{32}$/);
    const { createHash } = await import("node:crypto");
    const expected = createHash("sha256")
      .update(`tomas.or@mail.example${email?.salt}`)
      .digest("hex");
    expect(email?.identityHash).to.equal(`sha256$${expected}`);
  });

  it("links each result to a ResultDescription of the achievement", () => {
    const credential = buildCredential({ record: fullRecord, index: 0, context });
    const descriptions = credential.credentialSubject.achievement.resultDescription ?? [];
    const results = credential.credentialSubject.result ?? [];
    expect(descriptions.map((d) => [d.name, d.resultType])).to.deep.equal([
      ["Classification", "Result"],
      ["Final design project", "Percent"],
      ["Placement year", "Status"],
    ]);
    expect(results.map((r) => r?.resultDescription)).to.deep.equal(descriptions.map((d) => d.id));
    expect(results[2]).to.deep.equal({
      type: ["Result"],
      resultDescription: descriptions[2]?.id,
      status: "Completed",
    });
  });

  it("gives every holder of one achievement the same achievement id", () => {
    const a = buildCredential({ record: minimalRecord, index: 0, context });
    const b = buildCredential({
      record: { ...minimalRecord, holderName: "Someone Else" },
      index: 1,
      context,
    });
    expect(a.credentialSubject.achievement.id).to.match(/^urn:uuid:/);
    expect(a.credentialSubject.achievement.id).to.equal(b.credentialSubject.achievement.id);
    expect(a.id).to.not.equal(b.id);
  });

  it("normalises dates to UTC DateTimeZ", () => {
    const credential = buildCredential({ record: fullRecord, index: 0, context });
    expect(credential.validFrom).to.equal("2025-07-14T08:30:00Z");
    expect(credential.validUntil).to.equal("2035-07-14T00:00:00Z");
    expect(credential.credentialSubject.activityStartDate).to.equal("2022-09-19T00:00:00Z");
  });

  it("trims text and normalises it to Unicode NFC", () => {
    const record = { ...minimalRecord, holderName: "  Zoe\u0308 Brontë  " };
    const credential = buildCredential({ record, index: 0, context });
    expect(credential.credentialSubject.identifier?.[0]?.identityHash).to.equal("Zo\u00eb Brontë");
  });

  it("salts every claim, and only claims, with a distinct 128-bit salt", () => {
    const credential = buildCredential({ record: fullRecord, index: 0, context });
    const entries = Object.entries(credential.proof.claims);
    const salts = entries.map(([, entry]) => ("salt" in entry ? entry.salt : ""));
    expect(salts.every((salt) => /^0x[0-9a-f]{32}$/.test(salt))).to.equal(true);
    expect(new Set(salts).size).to.equal(salts.length);
    expect(entries.every(([pointer]) => isClaimPointer(pointer))).to.equal(true);
    expect(entries.map(([pointer]) => pointer)).to.include.members([
      "/credentialSubject/identifier/0/identityHash",
      "/credentialStatus/batchIndex",
      "/credentialSubject/result/1/value",
    ]);
  });

  it("commits to the digest of each claim in its credential digest", () => {
    const credential = buildCredential({ record: minimalRecord, index: 0, context });
    const name = "/credentialSubject/identifier/0/identityHash";
    const entry = credential.proof.claims[name];
    expect(entry && "salt" in entry).to.equal(true);
    const commitments = Object.entries(credential.proof.claims).map(([pointer, claim]) => {
      const tokens = pointer.split("/").slice(1);
      let value: unknown = credential;
      for (const token of tokens)
        value = (value as Record<string, unknown>)[
          token.replaceAll("~1", "/").replaceAll("~0", "~")
        ];
      return {
        pointer,
        digest: claimDigest((claim as { salt: `0x${string}` }).salt, pointer, value),
      };
    });
    expect(credentialDigest(commitments)).to.equal(credential.proof.credentialDigest);
  });

  it("builds from an already validated record and context what it builds from raw input", () => {
    const validContext = validateIssuanceContext(contextV2);
    const validRecord = validateRecord(fullRecord, "row 2");
    const once = buildValidatedCredential({
      record: validRecord,
      index: 3,
      context: validContext,
      random: seededRandom("batch"),
    });
    const raw = buildCredential({
      record: fullRecord,
      index: 3,
      context: contextV2,
      random: seededRandom("batch"),
    });
    expect(JSON.stringify(once)).to.equal(JSON.stringify(raw));
  });

  it("reproduces a credential exactly from the same random stream", () => {
    const a = buildCredential({
      record: fullRecord,
      index: 3,
      context,
      random: seededRandom("same"),
    });
    const b = buildCredential({
      record: fullRecord,
      index: 3,
      context,
      random: seededRandom("same"),
    });
    const c = buildCredential({
      record: fullRecord,
      index: 3,
      context,
      random: seededRandom("other"),
    });
    expect(JSON.stringify(a)).to.equal(JSON.stringify(b));
    expect(c.proof.credentialDigest).to.not.equal(a.proof.credentialDigest);
  });

  it("draws salts from crypto.getRandomValues by default", () => {
    const original = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
    let calls = 0;
    globalThis.crypto.getRandomValues = ((array: Uint8Array) => {
      calls++;
      return original(array);
    }) as typeof globalThis.crypto.getRandomValues;
    try {
      // Draws come from a pool of 16 KB refilled from getRandomValues: 40 credentials empty it.
      for (let i = 0; i < 40; i++) buildCredential({ record: minimalRecord, index: i, context });
    } finally {
      globalThis.crypto.getRandomValues = original as typeof globalThis.crypto.getRandomValues;
    }
    expect(calls).to.be.greaterThan(0);
  });

  it("never hands out the same pooled random bytes twice", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5_000; i++) {
      const salt = Buffer.from(secureRandom(16)).toString("hex");
      expect(seen.has(salt)).to.equal(false);
      seen.add(salt);
    }
  });

  it("draws more random bytes than one getRandomValues call allows", () => {
    const bytes = secureRandom(70_000);
    expect(bytes).to.have.length(70_000);
    expect(bytes.subarray(65_536).some((b) => b !== 0)).to.equal(true);
  });

  it("survives a round trip through its JSON file", () => {
    const credential = buildCredential({ record: fullRecord, index: 12, context });
    const result = verifyIntegrity(viaJson(credential));
    expect(result.ok).to.equal(true);
    expect(result.ok && result.credentialDigest).to.equal(credential.proof.credentialDigest);
  });
});

describe("buildCredential (v2)", () => {
  it("builds the v2 layout when the context names the issuer's did:key and the status list", () => {
    const c = buildCredential({ record: fullRecord, index: 17, context: contextV2 });
    expect(c["@context"]).to.deep.equal([...CONTEXTS_V2]);
    expect(c.issuer.id).to.equal(issuerDidKey);
    expect(c.credentialStatus).to.deep.equal({
      id: `${contextV2.statusListCredential}#17`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: "17",
      statusListCredential: contextV2.statusListCredential,
      chainId: "eip155:84532",
      registryAddress: context.registryAddress,
      issuerAddress: context.issuerAddress,
      credentialType: "BachelorDegree",
      batchIndex: 17,
    });
    expect(c.proof).to.have.length(1);
    const [anchorProof] = c.proof;
    expect(anchorProof).to.include({
      type: "CredanchorMerkleProof",
      cryptosuite: "credanchor-keccak-jcs-v2",
      proofPurpose: "assertionMethod",
      verificationMethod: `did:pkh:eip155:84532:${context.issuerAddress}#blockchainAccountId`,
    });
    expect(anchorProof).to.not.have.property("created");
    const result = verifyIntegrity(c);
    expect(result.ok && result.credentialDigest).to.equal(anchorProof.credentialDigest);
    expect(checkOpenBadgesStructure(c).problems).to.deep.equal([]);
  });

  it("commits to every status member but the root, and derives the achievement id from the account", () => {
    const v1 = buildCredential({
      record: fullRecord,
      index: 2,
      context,
      random: seededRandom("s"),
    });
    const v2 = buildCredential({
      record: fullRecord,
      index: 2,
      context: contextV2,
      random: seededRandom("s"),
    });
    for (const member of ["id", "statusPurpose", "statusListIndex", "statusListCredential"])
      expect(v2.proof[0].claims).to.have.property(`/credentialStatus/${member}`);
    expect(v2.credentialSubject.achievement.id).to.equal(v1.credentialSubject.achievement.id);
    expect(v2.credentialSubject.achievement.resultDescription).to.deep.equal(
      v1.credentialSubject.achievement.resultDescription,
    );
  });

  it("refuses a v2 context with one v2 field, a key that is not an Ed25519 did:key, or a list that is not https", () => {
    const cases: [string, object, string, string][] = [
      [
        "no did:key",
        { ...context, statusListCredential: contextV2.statusListCredential },
        "issuerDid",
        "CREDENTIAL_FIELD_MISSING",
      ],
      [
        "no list",
        { ...context, issuerDid: issuerDidKey },
        "statusListCredential",
        "CREDENTIAL_FIELD_MISSING",
      ],
      [
        "a did:pkh",
        { ...contextV2, issuerDid: "did:pkh:eip155:1:0x70997970C51812dc3A010C7d01b50e0d17dc79C8" },
        "issuerDid",
        "CREDENTIAL_FIELD_INVALID",
      ],
      [
        "a truncated did:key",
        { ...contextV2, issuerDid: issuerDidKey.slice(0, -2) },
        "issuerDid",
        "CREDENTIAL_FIELD_INVALID",
      ],
      [
        "an http list",
        { ...contextV2, statusListCredential: "http://northwind-poly.example/s.json" },
        "statusListCredential",
        "CREDENTIAL_FIELD_INVALID",
      ],
      [
        "a list with a fragment",
        { ...contextV2, statusListCredential: `${contextV2.statusListCredential}#3` },
        "statusListCredential",
        "CREDENTIAL_FIELD_INVALID",
      ],
      [
        "a list not in normal form",
        { ...contextV2, statusListCredential: "https://Northwind-Poly.example/s.json" },
        "statusListCredential",
        "CREDENTIAL_FIELD_INVALID",
      ],
    ];
    for (const [name, bad, field, code] of cases) {
      expect(
        () => buildCredential({ record: minimalRecord, index: 0, context: bad as IssuanceContext }),
        name,
      )
        .to.throw(CredentialInputError)
        .that.deep.includes({ code, field, record: "issuance context" });
    }
  });
});
