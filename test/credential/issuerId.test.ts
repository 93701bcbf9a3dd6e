import { expect } from "chai";
import { issuerDid, parseIssuerDid } from "../../src/credential/index.ts";

describe("issuer ids", () => {
  it("names an issuer account as did:pkh with an EIP-55 address", () => {
    const did = issuerDid(10, "0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    expect(did).to.equal("did:pkh:eip155:10:0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    expect(parseIssuerDid(did)).to.deep.equal({
      chainId: 10,
      address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    });
    expect(
      parseIssuerDid(did.toLowerCase().replace("did:pkh:eip155", "did:pkh:eip155"))?.address,
    ).to.equal("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    for (const text of [
      "did:web:example.org",
      "did:pkh:eip155:10:0x1234",
      "did:pkh:solana:1:abc",
    ]) {
      expect(parseIssuerDid(text), text).to.equal(undefined);
    }
  });
});
