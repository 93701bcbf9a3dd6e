import { expect } from "chai";
import {
  AnchorError,
  attachAnchor,
  attachEncryptedCopy,
  attachSignature,
  buildCredential,
  disclose,
  verifyIntegrity,
} from "../../src/credential/index.ts";
import {
  anchorV2,
  context,
  contextV2,
  issuerDidKey,
  minimalRecord,
  signatureProof,
  viaJson,
} from "./support.ts";

const root = `0x${"AB".repeat(32)}` as const;
const tx = `0x${"cd".repeat(32)}` as const;
const node = `0x${"ef".repeat(32)}` as const;
const cid = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
const key = `0x${"9F".repeat(32)}` as const;

describe("attachAnchor", () => {
  it("adds root, proof and transaction without changing the credential digest", () => {
    const credential = buildCredential({ record: minimalRecord, index: 6, context });
    const anchored = attachAnchor(credential, {
      merkleRoot: root,
      merkleProof: [node],
      transactionHash: tx,
      blockNumber: 99,
    });
    expect(anchored.credentialStatus.batchRoot).to.equal(root.toLowerCase());
    expect(anchored.proof.anchor).to.deep.equal({
      chainId: "eip155:84532",
      registryAddress: context.registryAddress,
      merkleRoot: root.toLowerCase(),
      leafIndex: 6,
      merkleProof: [node],
      transactionHash: tx,
      blockNumber: 99,
    });
    expect(anchored.proof.credentialDigest).to.equal(credential.proof.credentialDigest);
    const result = verifyIntegrity(anchored);
    expect(result.ok && result.credentialDigest).to.equal(credential.proof.credentialDigest);
    expect(credential.proof.anchor).to.equal(undefined);
  });

  it("can be repeated with the same root (a rerun), but not with another", () => {
    const anchored = attachAnchor(buildCredential({ record: minimalRecord, index: 6, context }), {
      merkleRoot: root,
      merkleProof: [node],
      transactionHash: tx,
    });
    expect(
      attachAnchor(anchored, { merkleRoot: root, merkleProof: [node], transactionHash: tx }),
    ).to.deep.equal(anchored);
    expect(() => attachAnchor(anchored, { merkleRoot: node, merkleProof: [], transactionHash: tx }))
      .to.throw(AnchorError)
      .with.property("code", "ANCHOR_INVALID");
  });

  it("refuses anchor values that are not 32-byte hex", () => {
    const credential = buildCredential({ record: minimalRecord, index: 6, context });
    const bad = [
      { merkleRoot: "0x1234", merkleProof: [], transactionHash: tx },
      { merkleRoot: root, merkleProof: ["0xzz"], transactionHash: tx },
      { merkleRoot: root, merkleProof: [], transactionHash: "0x" },
      { merkleRoot: root, merkleProof: [], transactionHash: tx, blockNumber: -1 },
    ];
    for (const anchor of bad) {
      expect(() => attachAnchor(credential, anchor as never), JSON.stringify(anchor)).to.throw(
        AnchorError,
      );
    }
  });

  it("keeps the manifest CID as a hint beside the anchor, and refuses one that is not a CID", () => {
    const credential = buildCredential({ record: minimalRecord, index: 2, context });
    const anchor = { merkleRoot: root, merkleProof: [node], transactionHash: tx };
    const anchored = attachAnchor(credential, { ...anchor, manifestCid: cid });
    expect(anchored.proof.anchor!.manifestCid).to.equal(cid);
    expect(verifyIntegrity(anchored).ok).to.equal(true);
    expect(() => attachAnchor(credential, { ...anchor, manifestCid: "ipfs://nothing" }))
      .to.throw(AnchorError)
      .with.property("message")
      .that.includes("manifestCid");
  });
});

describe("attachEncryptedCopy", () => {
  const anchored = () =>
    attachAnchor(buildCredential({ record: minimalRecord, index: 3, context }), {
      merkleRoot: root,
      merkleProof: [node],
      transactionHash: tx,
    });

  it("adds the link and key of the encrypted copy outside every digest", () => {
    const credential = anchored();
    const withCopy = attachEncryptedCopy(credential, { cid, key });
    expect(withCopy.proof.encryptedCopy).to.deep.equal({ cid, key: key.toLowerCase() });
    const result = verifyIntegrity(withCopy);
    expect(result.ok && result.credentialDigest).to.equal(credential.proof.credentialDigest);
  });

  it("is dropped by every disclosure, even one that reveals every claim", () => {
    const withCopy = attachEncryptedCopy(anchored(), { cid, key });
    for (const pointers of [[], [""], ["/credentialSubject/identifier"]]) {
      const copy = disclose(withCopy, pointers);
      expect(copy.proof.encryptedCopy, JSON.stringify(pointers)).to.equal(undefined);
      expect(JSON.stringify(copy)).not.to.include(key.slice(2).toLowerCase());
      expect(verifyIntegrity(copy).ok).to.equal(true);
    }
  });

  it("refuses a link that is not a CID and a key that is not 32 bytes", () => {
    const credential = anchored();
    for (const copy of [
      { cid: "not-a-cid", key },
      { cid, key: "0x1234" },
    ]) {
      expect(() => attachEncryptedCopy(credential, copy as never), copy.cid)
        .to.throw(AnchorError)
        .with.property("code", "ANCHOR_INVALID");
    }
  });

  it("makes a file with a malformed encrypted copy fail the shape check", () => {
    const withCopy = attachEncryptedCopy(anchored(), { cid, key });
    for (const encryptedCopy of [
      { cid, key: "0x00" },
      { cid: "bafy", key },
      { cid, key, url: `ipfs://${cid}` },
      "ipfs://somewhere",
    ]) {
      const tampered = { ...withCopy, proof: { ...withCopy.proof, encryptedCopy } };
      const result = verifyIntegrity(tampered as never);
      expect(result.ok, JSON.stringify(encryptedCopy)).to.equal(false);
      expect(JSON.stringify(result)).to.include("/proof/encryptedCopy");
    }
  });
});

describe("attachAnchor (v2)", () => {
  it("sets the root, the anchor and the anchor proof's created to the block time, digest unchanged", () => {
    const built = buildCredential({ record: minimalRecord, index: 6, context: contextV2 });
    const anchored = attachAnchor(built, { ...anchorV2, merkleRoot: root });
    expect(anchored.credentialStatus.batchRoot).to.equal(root.toLowerCase());
    expect(anchored.proof).to.have.length(1);
    expect(anchored.proof[0].created).to.equal(anchorV2.blockTime);
    expect(anchored.proof[0].anchor).to.include({ merkleRoot: root.toLowerCase(), leafIndex: 6 });
    expect(anchored.proof[0].credentialDigest).to.equal(built.proof[0].credentialDigest);
    const result = verifyIntegrity(viaJson(anchored));
    expect(result.ok && result.credentialDigest).to.equal(built.proof[0].credentialDigest);
  });

  it("needs the block time as YYYY-MM-DDThh:mm:ssZ", () => {
    const built = buildCredential({ record: minimalRecord, index: 0, context: contextV2 });
    const { blockTime: _, ...noTime } = anchorV2;
    for (const blockTime of [
      undefined,
      "2026-12-04T11:00:00.000Z",
      "2026-12-04T11:00:00+01:00",
      "2026-02-30T11:00:00Z",
    ]) {
      expect(
        () => attachAnchor(built, { ...noTime, ...(blockTime ? { blockTime } : {}) }),
        String(blockTime),
      ).to.throw(AnchorError, "blockTime");
    }
  });

  it("puts the encrypted copy in the anchor proof", () => {
    const anchored = attachAnchor(
      buildCredential({ record: minimalRecord, index: 0, context: contextV2 }),
      anchorV2,
    );
    const full = attachEncryptedCopy(anchored, { cid, key });
    expect(full.proof[0].encryptedCopy).to.deep.equal({ cid, key: key.toLowerCase() });
    expect(verifyIntegrity(viaJson(full)).ok).to.equal(true);
  });
});

describe("attachSignature", () => {
  const anchored = () =>
    attachAnchor(
      buildCredential({ record: minimalRecord, index: 0, context: contextV2 }),
      anchorV2,
    );

  it("appends the issuer's DataIntegrityProof after the anchor proof", () => {
    const signature = signatureProof(anchorV2.blockTime!);
    const signed = attachSignature(anchored(), signature);
    expect(signed.proof).to.have.length(2);
    expect(signed.proof[1]).to.deep.equal(signature);
    expect(verifyIntegrity(viaJson(signed)).ok).to.equal(true);
  });

  it("refuses a proof that is not the issuer key's eddsa-rdfc-2022 proof made at anchoring", () => {
    const good = signatureProof(anchorV2.blockTime!);
    const cases: [string, object, string][] = [
      ["another type", { type: "Ed25519Signature2020" }, "type"],
      ["another suite", { cryptosuite: "ecdsa-rdfc-2019" }, "cryptosuite"],
      ["another key", { verificationMethod: `${good.verificationMethod}x` }, "verificationMethod"],
      ["the did without the fragment", { verificationMethod: issuerDidKey }, "verificationMethod"],
      ["a short signature", { proofValue: good.proofValue.slice(0, -3) }, "proofValue"],
      ["a signature in hex", { proofValue: `0x${"ab".repeat(64)}` }, "proofValue"],
      ["another time", { created: "2026-12-04T11:00:01Z" }, "created"],
      ["another purpose", { proofPurpose: "authentication" }, "proofPurpose"],
      ["an extra member", { "@context": ["https://www.w3.org/ns/credentials/v2"] }, "@context"],
    ];
    for (const [name, change, field] of cases) {
      expect(() => attachSignature(anchored(), { ...good, ...change } as never), name).to.throw(
        AnchorError,
        `signature ${field}`,
      );
    }
  });

  it("refuses to sign before anchoring, or twice", () => {
    const built = buildCredential({ record: minimalRecord, index: 0, context: contextV2 });
    expect(() => attachSignature(built, signatureProof(anchorV2.blockTime!))).to.throw(
      AnchorError,
      "after anchoring",
    );
    const signed = attachSignature(anchored(), signatureProof(anchorV2.blockTime!));
    expect(() => attachSignature(signed, signatureProof(anchorV2.blockTime!))).to.throw(
      AnchorError,
      "already",
    );
  });

  it("keeps the signature when the same anchor is attached again (recovery), refusing another time", () => {
    const signed = attachSignature(anchored(), signatureProof(anchorV2.blockTime!));
    const again = attachAnchor(signed, anchorV2);
    expect(again.proof).to.have.length(2);
    expect(verifyIntegrity(viaJson(again)).ok).to.equal(true);
    expect(() => attachAnchor(signed, { ...anchorV2, blockTime: "2026-12-04T11:00:02Z" })).to.throw(
      AnchorError,
      "blockTime",
    );
  });
});
