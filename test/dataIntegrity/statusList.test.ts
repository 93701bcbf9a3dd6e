import { gunzipSync, gzipSync } from "node:zlib";
import { expect } from "chai";
import fc from "fast-check";
import {
  DataIntegrityError,
  decodeStatusList,
  encodeStatusList,
  STATUS_LIST_MIN_BITS,
  statusBitAt,
} from "../../src/dataIntegrity/index.ts";

const BYTES = STATUS_LIST_MIN_BITS / 8;

function withBits(indices: number[]): Uint8Array {
  const bits = new Uint8Array(BYTES);
  for (const i of indices) bits[i >> 3]! |= 0x80 >> (i & 7);
  return bits;
}

describe("dataIntegrity: Bitstring Status List encodedList", function () {
  this.timeout(30_000);

  it("round-trips any set of bits, reading index 0 as the first byte's most significant bit", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.nat({ max: STATUS_LIST_MIN_BITS - 1 }), { maxLength: 20 }),
        async (set) => {
          const encoded = await encodeStatusList(withBits(set));
          expect(encoded).to.match(/^u[A-Za-z0-9_-]+$/);
          const bits = await decodeStatusList(encoded);
          for (const i of set) expect(statusBitAt(bits, i)).to.equal(true);
          expect(bits.reduce((n, b) => n + b.toString(2).replaceAll("0", "").length, 0)).to.equal(
            set.length,
          );
        },
      ),
      { numRuns: 30 },
    );
    expect(statusBitAt(withBits([0]), 0)).to.equal(true);
    expect(withBits([0])[0]).to.equal(0x80);
  });

  it("writes standard GZIP in base64url without padding", async () => {
    const encoded = await encodeStatusList(withBits([5, 100_000]));
    expect(encoded).not.to.contain("=");
    expect(new Uint8Array(gunzipSync(Buffer.from(encoded.slice(1), "base64url")))).to.deep.equal(
      withBits([5, 100_000]),
    );
  });

  it("decodes a list another implementation gzipped", async () => {
    const encoded = `u${gzipSync(withBits([7])).toString("base64url")}`;
    expect(statusBitAt(await decodeStatusList(encoded), 7)).to.equal(true);
  });

  it("refuses a list shorter than 131,072 bits, and a malformed encodedList", async () => {
    const codes = await Promise.all([
      encodeStatusList(new Uint8Array(BYTES - 1)).catch((e) => e),
      decodeStatusList("zabc").catch((e) => e),
      decodeStatusList("u!!").catch((e) => e),
      decodeStatusList("uAAAA").catch((e) => e),
      decodeStatusList(`u${gzipSync(new Uint8Array(100)).toString("base64url")}`).catch((e) => e),
    ]);
    for (const error of codes) {
      expect(error).to.be.instanceOf(DataIntegrityError);
      expect(error.code).to.equal("STATUS_LIST_ENCODING_INVALID");
    }
    expect(() => statusBitAt(withBits([]), STATUS_LIST_MIN_BITS)).to.throw(DataIntegrityError);
  });
});
