import { expect } from "chai";
import {
  AnchorError,
  attachAnchor,
  buildCredential,
  verifyIntegrity,
} from "../../src/credential/index.ts";
import { context, minimalRecord } from "./support.ts";

const root = `0x${"AB".repeat(32)}` as const;
const tx = `0x${"cd".repeat(32)}` as const;
const node = `0x${"ef".repeat(32)}` as const;

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
});
