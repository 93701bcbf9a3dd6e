// The browser's SHA-256 (src/dataIntegrity/sha256.ts) against Node's crypto, at every length
// around the padding boundaries and on random text.
import { createHash } from "node:crypto";
import { expect } from "chai";
import fc from "fast-check";
import { sha256 } from "../../src/dataIntegrity/sha256.ts";

const nodeSha256 = (data: Uint8Array) => new Uint8Array(createHash("sha256").update(data).digest());

describe("dataIntegrity: SHA-256 without Node's crypto", () => {
  it("equals Node's crypto for every length from 0 to 300 bytes", () => {
    for (let length = 0; length <= 300; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(sha256(data)).to.deep.equal(nodeSha256(data), `length ${length}`);
    }
  });

  it("equals Node's crypto on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (data) => {
        expect(sha256(data)).to.deep.equal(nodeSha256(data));
      }),
    );
  });
});
