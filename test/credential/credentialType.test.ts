import { expect } from "chai";
import { keccak256, toBytes } from "viem";
import { CredentialTypeError, credentialTypeId } from "../../src/credential/index.ts";

describe("credentialTypeId", () => {
  it("pads a name of up to 20 UTF-8 bytes with zeros", () => {
    expect(credentialTypeId("BachelorDegree")).to.equal(
      `0x${Buffer.from("BachelorDegree").toString("hex")}${"00".repeat(6)}`,
    );
    expect(credentialTypeId("ABCDEFGHIJKLMNOPQRST")).to.equal(
      `0x${Buffer.from("ABCDEFGHIJKLMNOPQRST").toString("hex")}`,
    );
    expect(credentialTypeId("Diplôme")).to.equal(
      `0x${Buffer.from("Diplôme").toString("hex").padEnd(40, "0")}`,
    );
  });

  it("takes the first 20 bytes of keccak256 of a longer name", () => {
    const name = "ABCDEFGHIJKLMNOPQRSTU";
    expect(credentialTypeId(name)).to.equal(keccak256(toBytes(name)).slice(0, 42));
    const accented = "Certificat de spécialité";
    expect(credentialTypeId(accented)).to.equal(keccak256(toBytes(accented)).slice(0, 42));
  });

  it("refuses names that are empty, padded, or carry control characters", () => {
    for (const name of [
      "",
      " Degree",
      "Degree ",
      "Deg\u0000ree",
      "Deg\nree",
      "Deg\uD800",
      "x".repeat(257),
    ]) {
      expect(() => credentialTypeId(name), JSON.stringify(name))
        .to.throw(CredentialTypeError)
        .with.property("code", "CREDENTIAL_TYPE_INVALID");
    }
  });
});
