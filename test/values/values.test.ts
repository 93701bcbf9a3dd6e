import { expect } from "chai";
import {
  ChainIdInvalidError,
  chainIdOfCaip2,
  isAddress,
  isBytes32,
  isObject,
  parseCaip2,
  parseCaip10,
  toCaip2,
  valueAt,
} from "../../src/values/index.ts";

describe("values: CAIP-2 chains and CAIP-10 accounts", () => {
  it("names an EVM chain in CAIP-2 and reads it back", () => {
    expect(toCaip2(8453)).to.equal("eip155:8453");
    expect(parseCaip2("eip155:8453")).to.equal(8453);
    expect(chainIdOfCaip2("eip155:1")).to.equal(1);
  });

  it("refuses anything but a positive decimal EVM chain id", () => {
    for (const text of [
      "eip155:0",
      "eip155:08",
      "cosmos:hub",
      "eip155:1:x",
      "eip155:99999999999999999",
    ]) {
      expect(chainIdOfCaip2(text), text).to.equal(undefined);
      expect(() => parseCaip2(text), text).to.throw(ChainIdInvalidError);
    }
    expect(chainIdOfCaip2(8453)).to.equal(undefined);
    expect(() => toCaip2(0)).to.throw(ChainIdInvalidError);
    expect(() => toCaip2(1.5)).to.throw(ChainIdInvalidError);
  });

  it("reads a CAIP-10 account and nothing shorter or longer", () => {
    const address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    expect(parseCaip10(`eip155:10:${address}`)).to.deep.equal({ chainId: 10, address });
    for (const text of [
      `eip155:0:${address}`,
      "eip155:10:0x1234",
      `eip155:10:${address}00`,
      address,
    ]) {
      expect(parseCaip10(text), text).to.equal(undefined);
    }
  });
});

describe("values: JSON shapes", () => {
  it("tells an object from null, an array and a string", () => {
    expect(isObject({})).to.equal(true);
    for (const value of [null, [], "x", 1, undefined]) expect(isObject(value)).to.equal(false);
  });

  it("takes a 20-byte address and a 32-byte value as 0x hex of the exact length", () => {
    expect(isAddress(`0x${"aB".repeat(20)}`)).to.equal(true);
    expect(isAddress(`0x${"ab".repeat(19)}`)).to.equal(false);
    expect(isAddress(`${"ab".repeat(21)}`)).to.equal(false);
    expect(isBytes32(`0x${"0F".repeat(32)}`)).to.equal(true);
    expect(isBytes32(`0x${"0g".repeat(32)}`)).to.equal(false);
    expect(isBytes32(1)).to.equal(false);
  });

  it("walks own members only, so a path cannot reach the prototype", () => {
    const document = { a: [{ b: "x" }] };
    expect(valueAt(document, ["a", "0", "b"])).to.equal("x");
    expect(valueAt(document, ["a", "1", "b"])).to.equal(undefined);
    expect(valueAt(document, ["constructor"])).to.equal(undefined);
    expect(valueAt(document, ["a", "length"])).to.equal(1);
  });
});
