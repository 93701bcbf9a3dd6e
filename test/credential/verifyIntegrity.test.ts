import { expect } from "chai";
import fc from "fast-check";
import type { Hex } from "viem";
import {
  attachAnchor,
  attachEncryptedCopy,
  attachSignature,
  buildCredential,
  type CredanchorCredential,
  canonicalJson,
  claimDigest,
  credentialDigest,
  disclose,
  type IntegrityFailureReason,
  verifyIntegrity,
} from "../../src/credential/index.ts";
import {
  credential as credentialArb,
  deleteAt,
  flipHexDigit,
  getAt,
  setAt,
} from "./arbitraries.ts";
import {
  anchorV2,
  context,
  contextV2,
  fullRecord,
  minimalRecord,
  signatureProof,
  viaJson,
} from "./support.ts";

const root = `0x${"11".repeat(32)}` as const;
const tx = `0x${"22".repeat(32)}` as const;
const sibling = `0x${"33".repeat(32)}` as const;

/** A credential in full or disclosed form, anchored or not, read back from JSON. */
const anyForm = fc
  .tuple(credentialArb, fc.boolean(), fc.boolean(), fc.infiniteStream(fc.boolean()))
  .map(([built, anchored, disclosed, coin]) => {
    let c: CredanchorCredential = anchored
      ? attachAnchor(built, { merkleRoot: root, merkleProof: [sibling], transactionHash: tx })
      : built;
    if (disclosed) {
      const pointers = Object.keys(c.proof.claims).filter(() => coin.next().value);
      c = disclose(c, pointers);
    }
    return viaJson(c);
  });

function disclosedPointers(c: CredanchorCredential): string[] {
  return Object.entries(c.proof.claims).flatMap(([p, e]) => ("salt" in e ? [p] : []));
}

function hiddenPointers(c: CredanchorCredential): string[] {
  return Object.entries(c.proof.claims).flatMap(([p, e]) => ("digest" in e ? [p] : []));
}

function reasons(c: unknown): IntegrityFailureReason[] {
  const result = verifyIntegrity(c);
  return result.ok ? [] : result.failures.map((f) => f.reason);
}

describe("verifyIntegrity", () => {
  it("returns the credential digest of an intact credential, with its disclosed and hidden claims", () => {
    const c = buildCredential({ record: fullRecord, index: 2, context });
    const result = verifyIntegrity(c);
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.credentialDigest).to.equal(c.proof.credentialDigest);
    expect(result.disclosed).to.have.length(Object.keys(c.proof.claims).length);
    expect(result.hidden).to.deep.equal([]);
  });

  it("accepts full and disclosed forms, anchored or not", () => {
    fc.assert(
      fc.property(anyForm, (c) => {
        const result = verifyIntegrity(c);
        expect(result.ok, JSON.stringify(result)).to.equal(true);
      }),
      { numRuns: 40 },
    );
  });

  it("fails when any disclosed claim changes to any other JSON value", () => {
    fc.assert(
      fc.property(anyForm, fc.nat(), fc.jsonValue(), (c, pick, replacement) => {
        const pointers = disclosedPointers(c);
        const pointer = pointers[pick % pointers.length]!;
        fc.pre(canonicalJson(replacement) !== canonicalJson(getAt(c, pointer)));
        setAt(c, pointer, replacement);
        expect(verifyIntegrity(c).ok).to.equal(false);
      }),
      { numRuns: 80 },
    );
  });

  it("fails when one character of a disclosed string changes", () => {
    fc.assert(
      fc.property(anyForm, fc.nat(), fc.nat(), (c, pick, at) => {
        const pointers = disclosedPointers(c).filter(
          (p) => typeof getAt(c, p) === "string" && (getAt(c, p) as string).length > 0,
        );
        const pointer = pointers[pick % pointers.length]!;
        const value = getAt(c, pointer) as string;
        const i = at % value.length;
        setAt(
          c,
          pointer,
          value.slice(0, i) + String.fromCharCode(value.charCodeAt(i) ^ 1) + value.slice(i + 1),
        );
        expect(verifyIntegrity(c).ok).to.equal(false);
      }),
      { numRuns: 60 },
    );
  });

  it("fails when any salt changes", () => {
    fc.assert(
      fc.property(anyForm, fc.nat(), fc.nat(), (c, pick, position) => {
        const pointers = disclosedPointers(c);
        const entry = c.proof.claims[pointers[pick % pointers.length]!] as { salt: `0x${string}` };
        entry.salt = flipHexDigit(entry.salt, position) as `0x${string}`;
        expect(reasons(c)).to.include("DIGEST_MISMATCH");
      }),
      { numRuns: 60 },
    );
  });

  it("fails when any hidden digest changes", () => {
    fc.assert(
      fc.property(anyForm, fc.nat(), fc.nat(), (c, pick, position) => {
        const pointers = hiddenPointers(c);
        fc.pre(pointers.length > 0);
        const entry = c.proof.claims[pointers[pick % pointers.length]!] as {
          digest: `0x${string}`;
        };
        entry.digest = flipHexDigit(entry.digest, position) as `0x${string}`;
        expect(reasons(c)).to.include("DIGEST_MISMATCH");
      }),
      { numRuns: 60 },
    );
  });

  it("fails when a hidden claim is renamed, dropped, or its digest moved to another pointer", () => {
    fc.assert(
      fc.property(anyForm, fc.nat(), fc.constantFrom("rename", "drop", "swap"), (c, pick, edit) => {
        const pointers = hiddenPointers(c);
        fc.pre(pointers.length > 1);
        const pointer = pointers[pick % pointers.length]!;
        const entry = c.proof.claims[pointer]!;
        if (edit === "rename") {
          delete c.proof.claims[pointer];
          c.proof.claims[`${pointer}x`] = entry;
        } else if (edit === "drop") {
          delete c.proof.claims[pointer];
        } else {
          const other = pointers[(pick + 1) % pointers.length]!;
          fc.pre(JSON.stringify(c.proof.claims[other]) !== JSON.stringify(entry));
          c.proof.claims[pointer] = c.proof.claims[other]!;
          c.proof.claims[other] = entry;
        }
        expect(verifyIntegrity(c).ok).to.equal(false);
      }),
      { numRuns: 60 },
    );
  });

  it("fails when a claim is added, with or without a salt of its own", () => {
    fc.assert(
      fc.property(
        anyForm,
        fc.constantFrom(
          "/credentialSubject/role",
          "/narrative",
          "/credentialSubject/achievement/version",
        ),
        fc.boolean(),
        (c, pointer, salted) => {
          setAt(c, pointer, "Captain");
          if (salted) c.proof.claims[pointer] = { salt: `0x${"ab".repeat(16)}` };
          expect(verifyIntegrity(c).ok).to.equal(false);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("fails when a disclosed claim is removed, with or without its salt", () => {
    fc.assert(
      fc.property(anyForm, fc.nat(), fc.boolean(), (c, pick, dropSalt) => {
        const pointers = disclosedPointers(c);
        const pointer = pointers[pick % pointers.length]!;
        deleteAt(c, pointer);
        if (dropSalt) delete c.proof.claims[pointer];
        expect(verifyIntegrity(c).ok).to.equal(false);
      }),
      { numRuns: 60 },
    );
  });

  it("fails when the batch index changes, even with the anchor's leaf index changed to match", () => {
    fc.assert(
      fc.property(anyForm, fc.integer({ min: 1, max: 1000 }), (c, delta) => {
        c.credentialStatus.batchIndex += delta;
        if (c.proof.anchor) c.proof.anchor.leafIndex = c.credentialStatus.batchIndex;
        expect(reasons(c)).to.include("DIGEST_MISMATCH");
      }),
      { numRuns: 40 },
    );
  });

  it("fails when the stored credential digest is replaced by another", () => {
    fc.assert(
      fc.property(anyForm, fc.nat(), (c, position) => {
        c.proof.credentialDigest = flipHexDigit(
          c.proof.credentialDigest,
          position,
        ) as `0x${string}`;
        expect(reasons(c)).to.deep.equal(["DIGEST_MISMATCH"]);
      }),
      { numRuns: 30 },
    );
  });

  it("refuses a copy that hides a claim which must stay disclosed, even with the right digest", () => {
    const c = buildCredential({
      record: { ...minimalRecord, validUntil: "2030-01-01" },
      index: 0,
      context,
    });
    const entry = c.proof.claims["/validUntil"] as { salt: `0x${string}` };
    c.proof.claims["/validUntil"] = {
      digest: claimDigest(entry.salt, "/validUntil", c.validUntil),
    };
    delete c.validUntil;
    expect(reasons(c)).to.deep.equal(["MANDATORY_CLAIM_HIDDEN"]);
  });

  it("refuses anchor data that disagrees with the status claims", () => {
    const anchored = attachAnchor(buildCredential({ record: minimalRecord, index: 4, context }), {
      merkleRoot: root,
      merkleProof: [sibling],
      transactionHash: tx,
    });
    const edits: ((c: CredanchorCredential) => void)[] = [
      (c) => {
        c.credentialStatus.batchRoot = `0x${"44".repeat(32)}`;
      },
      (c) => {
        c.proof.anchor!.leafIndex = 5;
      },
      (c) => {
        c.proof.anchor!.chainId = "eip155:1";
      },
      (c) => {
        c.proof.anchor!.registryAddress = "0x0000000000000000000000000000000000000001";
      },
      (c) => {
        delete c.proof.anchor;
      },
    ];
    for (const edit of edits) {
      const c = viaJson(anchored);
      edit(c);
      expect(reasons(c)).to.deep.equal(["ANCHOR_MISMATCH"]);
    }
  });

  it("refuses an issuer id that is not the account the status names", () => {
    const c = buildCredential({
      record: minimalRecord,
      index: 0,
      context: { ...context, chainId: 1 },
    });
    const other = viaJson(c);
    const issuerClaim = other.proof.claims["/issuer/id"] as { salt: `0x${string}` };
    // Re-issued by someone holding the salts: digests consistent, but the issuer is another chain's account.
    other.issuer.id = other.issuer.id.replace("eip155:1:", "eip155:10:");
    other.proof.verificationMethod = `${other.issuer.id}#blockchainAccountId`;
    const claims = Object.entries(other.proof.claims).map(([pointer, entry]) => ({
      pointer,
      digest: claimDigest((entry as { salt: `0x${string}` }).salt, pointer, getAt(other, pointer)),
    }));
    other.proof.credentialDigest = credentialDigest(claims);
    expect(issuerClaim.salt).to.match(/^0x/);
    expect(reasons(other)).to.deep.equal(["ISSUER_MISMATCH"]);
  });

  it("refuses data that no digest covers, in the proof or the anchor", () => {
    const anchored = attachAnchor(buildCredential({ record: minimalRecord, index: 4, context }), {
      merkleRoot: root,
      merkleProof: [sibling],
      transactionHash: tx,
    });
    const withNote = viaJson(anchored) as unknown as { proof: Record<string, unknown> };
    withNote.proof.note = "verified by the registrar";
    expect(reasons(withNote)).to.deep.equal(["MALFORMED"]);
    const withAnchorNote = viaJson(anchored) as unknown as {
      proof: { anchor: Record<string, unknown> };
    };
    withAnchorNote.proof.anchor.note = "x";
    expect(reasons(withAnchorNote)).to.deep.equal(["MALFORMED"]);
    const wrongMethod = viaJson(anchored);
    wrongMethod.proof.verificationMethod =
      "did:pkh:eip155:1:0x0000000000000000000000000000000000000001#blockchainAccountId";
    expect(reasons(wrongMethod)).to.deep.equal(["MALFORMED"]);
  });

  it("reports a value that cannot be canonicalised instead of throwing", () => {
    const c = viaJson(buildCredential({ record: minimalRecord, index: 0, context }));
    c.credentialSubject.achievement.name = "broken \uD800";
    expect(reasons(c)).to.deep.equal(["NOT_CANONICAL"]);
  });

  it("never throws, whatever JSON it is given", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(verifyIntegrity(value).ok).to.equal(false);
      }),
      { numRuns: 200 },
    );
    const nested: Record<string, unknown> = {};
    let node = nested;
    for (let i = 0; i < 100; i++) node = node.a = {} as Record<string, unknown>;
    const deep = {
      ...viaJson(buildCredential({ record: minimalRecord, index: 0, context })),
      deep: nested,
    };
    expect(reasons(deep)).to.include("LIMIT_EXCEEDED");
  });

  it("never throws on a credential with random members replaced", () => {
    fc.assert(
      fc.property(anyForm, fc.nat(), fc.jsonValue(), (c, pick, replacement) => {
        const members = [
          "proof",
          "credentialStatus",
          "credentialSubject",
          "issuer",
          "@context",
        ] as const;
        (c as unknown as Record<string, unknown>)[members[pick % members.length]!] = replacement;
        expect(() => verifyIntegrity(c)).to.not.throw();
      }),
      { numRuns: 60 },
    );
  });
});

describe("verifyIntegrity (v2)", () => {
  /** A signed v2 file as the holder keeps it (with its encrypted copy), read back from JSON. */
  const signedFile = () => {
    const anchored = attachAnchor(
      buildCredential({ record: fullRecord, index: 4, context: contextV2 }),
      anchorV2,
    );
    const withCopy = attachEncryptedCopy(anchored, {
      cid: "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy",
      key: `0x${"5f".repeat(32)}`,
    });
    return viaJson(attachSignature(withCopy, signatureProof(anchorV2.blockTime!)));
  };
  const v2Reasons = (c: unknown) => reasons(viaJson(c));
  /** A copy of `c` with `value` at `pointer`. */
  const edited = <T>(c: T, pointer: string, value: unknown): T => {
    const out = viaJson(c);
    setAt(out, pointer, value);
    return out;
  };

  it("accepts the full file (signed or not) and a disclosed copy", () => {
    const signed = signedFile();
    expect(verifyIntegrity(signed).ok).to.equal(true);
    const unsigned = { ...signed, proof: [signed.proof[0]] };
    expect(verifyIntegrity(unsigned).ok).to.equal(true);
    const copy = viaJson(disclose(signed, ["/credentialSubject/result/0"]));
    expect(copy.proof).to.have.length(1);
    const result = verifyIntegrity(copy);
    expect(result.ok && result.credentialDigest).to.equal(signed.proof[0].credentialDigest);
  });

  it("fails when any value outside the proofs changes", () => {
    const signed = signedFile();
    const pointers = Object.keys(signed.proof[0].claims);
    for (const pointer of pointers) {
      const value = getAt(signed, pointer);
      const changed =
        typeof value === "string" ? `${value}x` : typeof value === "number" ? value + 1 : "x";
      expect(v2Reasons(edited(signed, pointer, changed)), pointer).to.not.deep.equal([]);
    }
    const root = edited(signed, "/credentialStatus/batchRoot", `0x${"12".repeat(32)}`);
    expect(v2Reasons(root)).to.include("ANCHOR_MISMATCH");
  });

  it("refuses any member no proof covers and the format does not allow", () => {
    const signed = signedFile() as unknown as Record<string, unknown>;
    for (const pointer of [
      "/proof/0/note",
      "/proof/0/anchor/note",
      "/proof/1/note",
      "/proof/1/@context",
      "/proof/0/encryptedCopy/note",
    ]) {
      expect(v2Reasons(edited(signed, pointer, "x")), pointer).to.include("MALFORMED");
    }
    // A member added to the body is a value without a salt.
    expect(v2Reasons(edited(signed, "/credentialStatus/note", "x"))).to.include("UNSALTED_VALUE");
  });

  it("refuses a proof set that is not [anchor proof] or [anchor proof, signature]", () => {
    const signed = signedFile();
    const [a, s] = signed.proof;
    for (const [name, proof] of [
      ["the anchor proof twice", [a, a]],
      ["the signature twice", [a, s, s]],
      ["the signature first", [s, a]],
      ["an extra item", [a, s, { type: "Other" }]],
      ["a proof object instead of a set", a],
    ] as const) {
      expect(v2Reasons({ ...signed, proof }), name).to.include("MALFORMED");
    }
  });

  it("refuses the contexts in another order, one missing or one added", () => {
    const signed = signedFile();
    const [vc, ob, ext, ours] = signed["@context"];
    for (const context of [
      [vc, ob, ours, ext],
      [vc, ob, ours],
      [...signed["@context"], "https://example.org/more"],
    ]) {
      // The contexts are claims too: re-salting them would change the digest, so the file is
      // refused twice over; the format rule is the one reported first.
      expect(v2Reasons({ ...signed, "@context": context })).to.include("MALFORMED");
    }
  });

  it("refuses a signature in a disclosed copy, or an encrypted copy's key", () => {
    const signed = signedFile();
    const copy = disclose(signed, []);
    expect(v2Reasons({ ...copy, proof: [copy.proof[0], signed.proof[1]] })).to.include("MALFORMED");
    expect(
      v2Reasons({
        ...copy,
        proof: [{ ...copy.proof[0], encryptedCopy: signed.proof[0].encryptedCopy }],
      }),
    ).to.include("MALFORMED");
  });

  it("refuses a signature that is not the issuer key's, or not made at anchoring", () => {
    const signed = signedFile();
    for (const [member, value] of [
      [
        "verificationMethod",
        "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
      ],
      ["created", "2026-12-04T11:00:01Z"],
      ["proofValue", "z3"],
      ["cryptosuite", "eddsa-2022"],
    ] as const) {
      expect(v2Reasons(edited(signed, `/proof/1/${member}`, value)), member).to.include(
        "MALFORMED",
      );
    }
    expect(v2Reasons(edited(signed, "/proof/0/created", "2026-12-04 11:00:00"))).to.include(
      "MALFORMED",
    );
  });

  it("holds v2 hex to one spelling: lowercase hashes, EIP-55 addresses", () => {
    const signed = signedFile();
    const upper = `0x${"AB".repeat(32)}`;
    expect(
      v2Reasons(
        edited(
          edited(signed, "/proof/0/anchor/merkleRoot", upper),
          "/credentialStatus/batchRoot",
          upper,
        ),
      ),
    ).to.include("MALFORMED");
    const lower = signed.proof[0].anchor!.registryAddress.toLowerCase();
    expect(v2Reasons(edited(signed, "/proof/0/anchor/registryAddress", lower))).to.include(
      "ANCHOR_MISMATCH",
    );
    expect(
      v2Reasons(edited(signed, "/proof/0/anchor/transactionHash", `0x${"AB".repeat(32)}`)),
    ).to.include("MALFORMED");
  });

  it("refuses a copy that hides the type of an object it shows values of", () => {
    const signed = signedFile();
    const copy = disclose(signed, [
      "/credentialSubject/result/0",
      "/credentialSubject/identifier/1",
    ]);
    const hide = (c: typeof copy, pointer: string) => {
      const out = viaJson(c);
      const entry = out.proof[0].claims[pointer] as { salt: Hex };
      out.proof[0].claims[pointer] = {
        digest: claimDigest(entry.salt, pointer, getAt(out, pointer)),
      };
      // As disclose() would leave it: an array left empty goes too.
      const parent = pointer.slice(0, pointer.lastIndexOf("/"));
      const siblings = getAt(out, parent);
      deleteAt(out, Array.isArray(siblings) && siblings.length === 1 ? parent : pointer);
      return out;
    };
    expect(verifyIntegrity(viaJson(copy)).ok).to.equal(true);
    for (const pointer of [
      "/credentialSubject/result/0/type/0",
      "/credentialSubject/identifier/1/type",
      "/credentialSubject/identifier/1/identityType",
      "/credentialSubject/identifier/1/hashed",
    ]) {
      expect(v2Reasons(hide(copy, pointer)), pointer).to.deep.equal(["TYPE_HIDDEN"]);
    }
  });

  it("refuses an issuer that is not a did:key", () => {
    const signed = signedFile();
    const pkh = edited(signed, "/issuer/id", `did:pkh:eip155:84532:${context.issuerAddress}`);
    expect(v2Reasons(pkh)).to.include("ISSUER_MISMATCH");
  });
});

describe("verifyIntegrity (v1 kept)", () => {
  it("still accepts a v1 copy that hides a type while showing values, as v1 verifiers did", () => {
    const c = buildCredential({ record: fullRecord, index: 1, context });
    const copy = viaJson(disclose(c, ["/credentialSubject/result/2/status"]));
    expect(copy.credentialSubject.result?.[2]).to.deep.equal({ status: "Completed" });
    expect(copy.proof.claims["/credentialSubject/result/2/type/0"]).to.have.property("digest");
    expect(verifyIntegrity(copy).ok).to.equal(true);
  });

  it("still accepts v1 hex in upper case", () => {
    const c = attachAnchor(buildCredential({ record: minimalRecord, index: 0, context }), {
      merkleRoot: root,
      merkleProof: [sibling],
      transactionHash: tx,
    });
    const upper = `0x${root.slice(2).toUpperCase()}` as Hex;
    const file = viaJson(c);
    file.credentialStatus.batchRoot = upper;
    file.proof.anchor!.merkleRoot = upper;
    file.proof.anchor!.registryAddress = file.proof.anchor!.registryAddress.toLowerCase() as Hex;
    expect(verifyIntegrity(file).ok).to.equal(true);
  });
});
