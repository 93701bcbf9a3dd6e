import { expect } from "chai";
import fc from "fast-check";
import { envelopeHeader, openEnvelope } from "../../src/storage/envelope.ts";
import {
  encryptXChaCha20Poly1305,
  sealCredentialNative,
  sealEnvelopeNative,
} from "../../src/storage/sealEnvelopeNative.ts";

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, "hex"));

describe("sealEnvelopeNative (the issuer's sealer on Node's ChaCha20-Poly1305)", () => {
  // The page's opener (plain JavaScript) authenticates header, nonce and ciphertext, so an
  // envelope it opens is the envelope the page's own sealer would have made.
  it("makes envelopes the page's opener opens, for any body, key and nonce", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 9_000 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 24, maxLength: 24 }),
        (body, key, nonce) => {
          const native = sealEnvelopeNative(body, key, nonce);
          expect(Buffer.from(native.subarray(0, 5)).equals(Buffer.from(envelopeHeader()))).to.equal(
            true,
          );
          expect(Buffer.from(native.subarray(5, 29)).equals(Buffer.from(nonce))).to.equal(true);
          expect(Buffer.from(openEnvelope(native, key)).equals(Buffer.from(body))).to.equal(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("encrypts the XChaCha20-Poly1305 test vector of draft-irtf-cfrg-xchacha (A.3.1)", () => {
    const plaintext = new TextEncoder().encode(
      "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
    );
    const sealed = encryptXChaCha20Poly1305(
      bytes("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"),
      bytes("404142434445464748494a4b4c4d4e4f5051525354555657"),
      bytes("50515253c0c1c2c3c4c5c6c7"),
      plaintext,
    );
    expect(Buffer.from(sealed).toString("hex")).to.equal(
      "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b4522f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff921f9664c97637da9768812f615c68b13b52e" +
        "c0875924c1c7987947deafd8780acf49",
    );
  });

  it("draws a fresh key and nonce for every envelope, and the holder's key opens it", () => {
    const body = new TextEncoder().encode('{"name":"Ada Lovelace"}');
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const { envelope, key } = sealCredentialNative(body);
      const id = `${Buffer.from(key).toString("hex")}/${Buffer.from(envelope.subarray(5, 29)).toString("hex")}`;
      expect(seen.has(id)).to.equal(false);
      seen.add(id);
      expect(Buffer.from(openEnvelope(envelope, key)).equals(Buffer.from(body))).to.equal(true);
    }
  });

  it("refuses a key or nonce of the wrong length", () => {
    const body = new Uint8Array(10);
    expect(() => sealEnvelopeNative(body, new Uint8Array(16), new Uint8Array(24))).to.throw(
      RangeError,
    );
    expect(() => sealEnvelopeNative(body, new Uint8Array(32), new Uint8Array(12))).to.throw(
      RangeError,
    );
  });
});
