// 1EdTech's published eddsa-rdfc-2022 example for Open Badges 3.0 (test/fixtures/dataIntegrity/
// README.md): our canonicaliser, hashes and signer must reproduce it byte for byte.
import { readFileSync } from "node:fs";
import { ed25519 } from "@noble/curves/ed25519";
import { sha256 } from "@noble/hashes/sha2.js";
import { expect } from "chai";
import { fastCanonicalNQuads } from "../../src/dataIntegrity/canonicalize.ts";
import {
  canonicalNQuads,
  createEddsaProof,
  verifyEddsaProof,
} from "../../src/dataIntegrity/index.ts";

const dir = new URL("../fixtures/dataIntegrity/rdfc-1edtech-obv3p0/", import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir), "utf8");
const credential = JSON.parse(read("credential.json"));
const expected = JSON.parse(read("expected.json"));
const key = JSON.parse(readFileSync(new URL("../key.json", dir), "utf8"));
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const seed = Buffer.from(key.privateKeyHex.slice(0, 64), "hex");
const publicKey = Buffer.from(key.publicKeyHex, "hex");
const { proofValue: _, ...proofConfig } = expected.proof;

describe("dataIntegrity: 1EdTech's OB 3.0 eddsa-rdfc-2022 example", () => {
  it("canonicalises the credential to the published document-canon.txt, by the fast path", async () => {
    expect(fastCanonicalNQuads(credential).nquads).to.equal(read("document-canon.txt"));
    expect(await canonicalNQuads(credential)).to.equal(read("document-canon.txt"));
  });

  it("canonicalises the proof configuration to the published proof-canon.txt", async () => {
    const config = { ...proofConfig, "@context": credential["@context"] };
    expect(fastCanonicalNQuads(config).nquads).to.equal(read("proof-canon.txt"));
  });

  it("hashes both to the published document and proof hashes", () => {
    expect(hex(sha256(Buffer.from(read("document-canon.txt"))))).to.equal(
      expected["Document hash (hex)"],
    );
    expect(hex(sha256(Buffer.from(read("proof-canon.txt"))))).to.equal(
      expected["Proof hash (hex)"],
    );
  });

  it("signs with the published key to the published proofValue", async () => {
    let signed: Uint8Array | undefined;
    const proof = await createEddsaProof(credential, {
      verificationMethod: proofConfig.verificationMethod,
      created: proofConfig.created,
      sign: (message) => {
        signed = message;
        return ed25519.sign(message, seed);
      },
    });
    expect(hex(signed!)).to.equal(expected["Data to sign (hex)"]);
    expect(proof).to.deep.equal(expected.proof);
  });

  it("verifies the published proof, and refuses it for an edited credential", async () => {
    expect(await verifyEddsaProof(credential, expected.proof, { publicKey })).to.equal(true);
    const edited = { ...credential, name: "Teamwork Badge!" };
    expect(await verifyEddsaProof(edited, expected.proof, { publicKey })).to.equal(false);
  });
});
