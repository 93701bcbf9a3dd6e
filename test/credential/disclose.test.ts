import { expect } from "chai";
import fc from "fast-check";
import type { Hex } from "viem";
import {
  ALWAYS_DISCLOSED,
  AWARD_DATE_POINTER,
  attachAnchor,
  attachEncryptedCopy,
  attachSignature,
  buildCredential,
  type CredanchorCredential,
  CredentialIntegrityError,
  checkOpenBadgesStructure,
  claimDigest,
  credentialDigest,
  DisclosureError,
  disclose,
  isAlwaysDisclosed,
  isDisclosedUnlessHidden,
  JsonPointerError,
  verifyIntegrity,
} from "../../src/credential/index.ts";
import { credential as credentialArb, getAt } from "./arbitraries.ts";
import { anchorV2, context, contextV2, fullRecord, signatureProof, viaJson } from "./support.ts";

function claimPointers(c: CredanchorCredential): string[] {
  return Object.keys(c.proof.claims);
}

function disclosedOf(c: CredanchorCredential): string[] {
  return Object.entries(c.proof.claims).flatMap(([p, e]) => ("salt" in e ? [p] : []));
}

describe("disclose", () => {
  it("keeps the credential digest for every subset of claims disclosed", () => {
    fc.assert(
      fc.property(credentialArb, fc.infiniteStream(fc.boolean()), (c, coin) => {
        const chosen = claimPointers(c).filter(() => coin.next().value);
        const disclosed = viaJson(disclose(c, chosen));
        const result = verifyIntegrity(disclosed);
        expect(result.ok, JSON.stringify(result)).to.equal(true);
        if (!result.ok) return;
        expect(result.credentialDigest).to.equal(c.proof.credentialDigest);
        const expected = claimPointers(c).filter(
          (p) => chosen.includes(p) || isAlwaysDisclosed(p) || isDisclosedUnlessHidden(p),
        );
        expect([...result.disclosed].sort()).to.deep.equal(expected.sort());
        expect(result.hidden.length + result.disclosed.length).to.equal(claimPointers(c).length);
      }),
      { numRuns: 60 },
    );
  });

  it("discloses whole subtrees named by a pointer, and narrows an already disclosed copy further", () => {
    fc.assert(
      fc.property(
        credentialArb,
        fc.subarray([
          "/credentialSubject/identifier",
          "/credentialSubject/result",
          "/evidence",
          "/credentialSubject/creditsEarned",
        ]),
        fc.nat(),
        (c, subtrees, drop) => {
          const present = subtrees.filter((s) =>
            claimPointers(c).some((p) => p === s || p.startsWith(`${s}/`)),
          );
          const first = disclose(c, present);
          const narrower = present.filter((_, i) => i !== drop % Math.max(present.length, 1));
          const second = disclose(first, narrower);
          for (const copy of [first, second]) {
            const result = verifyIntegrity(viaJson(copy));
            expect(result.ok && result.credentialDigest).to.equal(c.proof.credentialDigest);
          }
          expect(disclosedOf(second).length).to.be.at.most(disclosedOf(first).length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("always keeps issuer, type, validity, status, @context, schema and achievement disclosed unless asked to hide the award date", () => {
    const c = attachAnchor(buildCredential({ record: fullRecord, index: 9, context }), {
      merkleRoot: `0x${"aa".repeat(32)}`,
      merkleProof: [],
      transactionHash: `0x${"bb".repeat(32)}`,
    });
    const bare = disclose(c, []);
    expect(bare["@context"]).to.deep.equal(c["@context"]);
    expect(bare.issuer).to.deep.equal(c.issuer);
    expect(bare.type).to.deep.equal(c.type);
    expect([bare.validFrom, bare.validUntil]).to.deep.equal([c.validFrom, c.validUntil]);
    expect(bare.credentialStatus).to.deep.equal(c.credentialStatus);
    expect(bare.credentialSubject.achievement).to.deep.equal(c.credentialSubject.achievement);
    expect(bare.proof.anchor).to.deep.equal(c.proof.anchor);
    expect(bare.credentialSubject.identifier).to.equal(undefined);
    expect(bare.credentialSubject.result).to.equal(undefined);
    expect(bare.evidence).to.equal(undefined);
    for (const prefix of ALWAYS_DISCLOSED) {
      const hidden = Object.entries(bare.proof.claims).filter(
        ([p, e]) => "digest" in e && (p === prefix || p.startsWith(`${prefix}/`)),
      );
      expect(hidden, prefix).to.deep.equal([]);
    }
  });

  it("hides the award date when asked, keeping only its digest, and the copy still verifies", () => {
    const c = buildCredential({ record: fullRecord, index: 3, context });
    const copy = viaJson(
      disclose(c, ["/credentialSubject/result"], { hide: [AWARD_DATE_POINTER] }),
    );
    expect(copy).to.not.have.property("validFrom");
    expect(JSON.stringify(copy)).to.not.contain(c.validFrom);
    expect(copy.proof.claims["/validFrom"]).to.deep.equal({
      digest: claimDigest(
        (c.proof.claims["/validFrom"] as { salt: Hex }).salt,
        "/validFrom",
        c.validFrom,
      ),
    });
    expect(copy.validUntil).to.equal(c.validUntil);
    expect(copy.credentialSubject.result).to.deep.equal(c.credentialSubject.result);
    const result = verifyIntegrity(copy);
    expect(result.ok && result.credentialDigest).to.equal(c.proof.credentialDigest);
    expect(result.ok && result.hidden).to.include("/validFrom");
    expect(checkOpenBadgesStructure(copy).problems).to.deep.equal([]);
  });

  it("shows everything but the award date when asked to reveal all and hide the date", () => {
    const c = buildCredential({ record: fullRecord, index: 0, context });
    const copy = disclose(c, [""], { hide: ["/validFrom"] });
    expect(Object.entries(copy.proof.claims).filter(([, e]) => "digest" in e)).to.have.length(1);
    expect(copy.proof.claims["/validFrom"]).to.have.property("digest");
    expect(copy.credentialSubject).to.deep.equal(c.credentialSubject);
  });

  it("lets a holder hide the activity dates and term, which also give the year away", () => {
    const c = buildCredential({ record: fullRecord, index: 0, context });
    const copy = disclose(c, ["/credentialSubject"], {
      hide: [
        "/validFrom",
        "/credentialSubject/activityStartDate",
        "/credentialSubject/activityEndDate",
        "/credentialSubject/term",
      ],
    });
    for (const key of ["activityStartDate", "activityEndDate", "term"])
      expect(copy.credentialSubject, key).to.not.have.property(key);
    expect(verifyIntegrity(viaJson(copy)).ok).to.equal(true);
  });

  it("cannot show a hidden award date again from the copy that hid it", () => {
    const c = buildCredential({ record: fullRecord, index: 0, context });
    const copy = disclose(c, [], { hide: ["/validFrom"] });
    expect(disclose(copy, [])).to.not.have.property("validFrom");
    expect(() => disclose(copy, ["/validFrom"]))
      .to.throw(DisclosureError)
      .with.property("code", "DISCLOSURE_CLAIM_HIDDEN");
  });

  it("refuses to hide a claim that is always disclosed, naming it", () => {
    const c = buildCredential({ record: fullRecord, index: 0, context });
    for (const [pointer, named] of [
      ["/validUntil", "/validUntil"],
      ["/issuer/name", "/issuer/name"],
      ["/credentialSubject", "/credentialSubject/achievement/"],
      ["", "/@context/0"],
    ] as const) {
      expect(() => disclose(c, [], { hide: [pointer] }), pointer)
        .to.throw(DisclosureError, named)
        .with.property("code", "DISCLOSURE_CLAIM_MANDATORY");
    }
    expect(() => disclose(c, [], { hide: ["/validFrum"] }))
      .to.throw(DisclosureError)
      .with.property("code", "DISCLOSURE_POINTER_UNKNOWN");
  });

  it("keeps later array items at their pointers, with null standing for hidden ones", () => {
    const c = buildCredential({ record: fullRecord, index: 0, context });
    const disclosed = disclose(c, [
      "/credentialSubject/result/2",
      "/credentialSubject/identifier/2/identityHash",
    ]);
    expect(disclosed.credentialSubject.result).to.deep.equal([
      null,
      null,
      c.credentialSubject.result?.[2],
    ]);
    expect(disclosed.credentialSubject.identifier).to.deep.equal([
      null,
      null,
      { identityHash: "NP-2021-0457" },
    ]);
    expect(verifyIntegrity(viaJson(disclosed)).ok).to.equal(true);
  });

  it("leaves a disclosed copy that still passes the Open Badges structure check", () => {
    fc.assert(
      fc.property(credentialArb, fc.infiniteStream(fc.boolean()), (c, coin) => {
        const disclosed = disclose(
          c,
          claimPointers(c).filter(() => coin.next().value),
        );
        expect(checkOpenBadgesStructure(viaJson(disclosed)).problems).to.deep.equal([]);
      }),
      { numRuns: 40 },
    );
  });

  it("keeps a member named __proto__ as a member", () => {
    // JSON.parse makes "__proto__" an ordinary own member; an issuer may well have written one.
    const c: CredanchorCredential = JSON.parse(
      JSON.stringify(buildCredential({ record: fullRecord, index: 0, context })).replace(
        '"term":',
        '"__proto__":',
      ),
    );
    const entries = Object.entries(c.proof.claims).map(
      ([p, e]) => [p.replace("/term", "/__proto__"), e] as const,
    );
    c.proof.claims = Object.fromEntries(entries);
    c.proof.credentialDigest = credentialDigest(
      entries.map(([pointer, e]) => ({
        pointer,
        digest: claimDigest((e as { salt: Hex }).salt, pointer, getAt(c, pointer)),
      })),
    );
    expect(verifyIntegrity(c).ok).to.equal(true);
    const copy = disclose(c, ["/credentialSubject/__proto__"]);
    expect(Object.hasOwn(copy.credentialSubject, "__proto__")).to.equal(true);
    expect(verifyIntegrity(viaJson(copy)).ok).to.equal(true);
  });

  it("refuses a pointer that names no claim", () => {
    const c = buildCredential({ record: fullRecord, index: 0, context });
    for (const pointer of [
      "/credentialSubject/nickname",
      "/credentialSubject/result/7",
      "/proof/claims",
      "/credentialStatus/batchRoot",
    ]) {
      expect(() => disclose(c, [pointer]), pointer)
        .to.throw(DisclosureError)
        .with.property("code", "DISCLOSURE_POINTER_UNKNOWN");
    }
  });

  it("refuses to disclose a claim this copy has already hidden", () => {
    const c = buildCredential({ record: fullRecord, index: 0, context });
    const withoutResults = disclose(c, []);
    expect(() => disclose(withoutResults, ["/credentialSubject/result/0/value"]))
      .to.throw(DisclosureError)
      .with.property("code", "DISCLOSURE_CLAIM_HIDDEN");
  });

  it("refuses a string that is not a JSON Pointer", () => {
    const c = buildCredential({ record: fullRecord, index: 0, context });
    expect(() => disclose(c, ["credentialSubject"])).to.throw(JsonPointerError);
    expect(() => disclose(c, ["/credentialSubject/~2"])).to.throw(JsonPointerError);
  });

  it("refuses to derive a copy from a tampered credential", () => {
    const c = viaJson(buildCredential({ record: fullRecord, index: 0, context }));
    c.credentialSubject.achievement.name = "BEng Mechatronics (Hons)";
    expect(() => disclose(c, []))
      .to.throw(CredentialIntegrityError)
      .with.property("code", "CREDENTIAL_INTEGRITY_FAILED");
  });

  it("hides values: no hidden value or salt appears anywhere in the disclosed file", () => {
    const c = buildCredential({ record: fullRecord, index: 0, context });
    const file = JSON.stringify(disclose(c, ["/credentialSubject/result"]));
    expect(file).to.not.contain("Okonkwo");
    expect(file).to.not.contain("NP-2021-0457");
    for (const [pointer, entry] of Object.entries(c.proof.claims)) {
      if (pointer.startsWith("/credentialSubject/identifier") && "salt" in entry)
        expect(file).to.not.contain(entry.salt);
    }
    expect(file).to.contain("Upper second class");
  });
});

describe("disclose (kinds of shown objects)", () => {
  it("refuses, in v1 too, a hide request that takes the type of an object whose values stay shown", () => {
    const c = buildCredential({ record: fullRecord, index: 0, context });
    expect(() =>
      disclose(c, ["/credentialSubject/result"], { hide: ["/credentialSubject/result/0/type"] }),
    )
      .to.throw(DisclosureError, "/credentialSubject/result/0/type")
      .with.property("code", "DISCLOSURE_TYPE_REQUIRED");
  });
});

describe("disclose (v2)", () => {
  const signed = () =>
    viaJson(
      attachSignature(
        attachEncryptedCopy(
          attachAnchor(
            buildCredential({ record: fullRecord, index: 2, context: contextV2 }),
            anchorV2,
          ),
          {
            cid: "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy",
            key: `0x${"5f".repeat(32)}`,
          },
        ),
        signatureProof(anchorV2.blockTime!),
      ),
    );

  it("carries only the anchor proof, without the encrypted copy, and verifies to the same digest", () => {
    const full = signed();
    for (const pointers of [[], ["/credentialSubject/result"], [""]]) {
      const copy = viaJson(disclose(full, pointers));
      expect(copy.proof).to.have.length(1);
      expect(copy.proof[0]).to.not.have.property("encryptedCopy");
      expect(copy.proof[0].created).to.equal(full.proof[0].created);
      expect(copy.proof[0].anchor).to.deep.equal(full.proof[0].anchor);
      expect(copy.credentialStatus).to.deep.equal(full.credentialStatus);
      const result = verifyIntegrity(copy);
      expect(result.ok && result.credentialDigest, pointers.join()).to.equal(
        full.proof[0].credentialDigest,
      );
      expect(checkOpenBadgesStructure(copy).problems).to.deep.equal([]);
    }
  });

  it("keeps the type of every object it shows a value of, and an IdentityObject's kind", () => {
    const copy = disclose(signed(), [
      "/credentialSubject/result/1/value",
      "/credentialSubject/identifier/2/identityHash",
      "/evidence/0/name",
    ]);
    expect(copy.credentialSubject.result?.[1]).to.deep.equal({ type: ["Result"], value: "74" });
    expect(copy.credentialSubject.identifier?.[2]).to.deep.equal({
      type: "IdentityObject",
      identityType: "sisSourcedId",
      hashed: false,
      identityHash: "NP-2021-0457",
    });
    expect(copy.evidence?.[0]).to.deep.equal({
      type: ["Evidence"],
      name: "Autonomous sorting arm",
    });
    expect(verifyIntegrity(viaJson(copy)).ok).to.equal(true);
  });

  it("refuses to hide a type while showing values of its object, naming the request", () => {
    for (const hide of [
      "/credentialSubject/result/0/type",
      "/credentialSubject/identifier/1/identityType",
      "/credentialSubject/identifier/1/hashed",
      "/evidence/0/type/0",
    ]) {
      expect(() => disclose(signed(), ["/credentialSubject", "/evidence"], { hide: [hide] }), hide)
        .to.throw(DisclosureError, hide)
        .with.property("code", "DISCLOSURE_TYPE_REQUIRED");
    }
    // Hiding the whole object is fine.
    const copy = disclose(signed(), ["/credentialSubject/result"], {
      hide: ["/credentialSubject/result/0"],
    });
    expect(copy.credentialSubject.result?.[0]).to.equal(null);
    expect(verifyIntegrity(viaJson(copy)).ok).to.equal(true);
  });
});
