import { expect } from "chai";
import {
  AnchorError,
  attachAnchor,
  attachEncryptedCopy,
  buildCredential,
  disclose,
  verifyIntegrity,
} from "../../src/credential/index.ts";
import { context, minimalRecord } from "./support.ts";

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
