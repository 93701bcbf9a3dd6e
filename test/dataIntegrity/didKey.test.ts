import { expect } from "chai";
import fc from "fast-check";
import {
  DataIntegrityError,
  didKeyFromPublicKey,
  publicKeyFromDidKey,
  verificationMethodOf,
} from "../../src/dataIntegrity/index.ts";

// 1EdTech's published test key (test/fixtures/dataIntegrity/key.json).
const PUBLIC_KEY = Buffer.from(
  "4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5",
  "hex",
);
const DID = "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(DataIntegrityError);
    return (error as DataIntegrityError).code;
  }
  return undefined;
}

describe("dataIntegrity: did:key (Ed25519)", () => {
  it("encodes a public key as the published did:key:z6Mk…", () => {
    expect(didKeyFromPublicKey(PUBLIC_KEY)).to.equal(DID);
  });

  it("names the verification method did:key:z6Mk…#z6Mk…", () => {
    expect(verificationMethodOf(DID)).to.equal(`${DID}#${DID.slice(8)}`);
    expect(verificationMethodOf(`${DID}#${DID.slice(8)}`)).to.equal(`${DID}#${DID.slice(8)}`);
  });

  it("decodes a did:key or its verification method back to the key", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (key) => {
        const did = didKeyFromPublicKey(key);
        expect(did).to.match(/^did:key:z6Mk/);
        expect(publicKeyFromDidKey(did)).to.deep.equal(key);
        expect(publicKeyFromDidKey(verificationMethodOf(did))).to.deep.equal(key);
      }),
    );
  });

  it("refuses anything else with DID_KEY_INVALID", () => {
    for (const value of [
      "",
      "did:pkh:eip155:1:0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
      DID.slice(0, -1),
      `${DID}#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2`,
      "did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme",
      "did:key:z6Mk0OIl",
    ])
      expect(
        codeOf(() => publicKeyFromDidKey(value)),
        value,
      ).to.equal("DID_KEY_INVALID");
    expect(codeOf(() => didKeyFromPublicKey(new Uint8Array(31)))).to.equal("DID_KEY_INVALID");
  });
});
