import { readFileSync } from "node:fs";
import { expect } from "chai";
import {
  type CredanchorCredentialV2,
  CredentialIntegrityError,
  DisclosureError,
  disclose,
  listDisclosureChoices,
} from "../../src/credential/index.ts";

const vectors = JSON.parse(
  readFileSync(new URL("../fixtures/credential/vectors-v2.json", import.meta.url), "utf8"),
) as { batch: { credentials: { file: CredanchorCredentialV2 }[] } };
const credential = vectors.batch.credentials[0]!.file;
const NAME = "/credentialSubject/identifier/0/identityHash";

describe("listDisclosureChoices", () => {
  it("says which fields a holder may hide: the name and award date yes, the issuer never", () => {
    const choices = new Map(listDisclosureChoices(credential).map((c) => [c.pointer, c]));
    expect(choices.get(NAME)).to.deep.include({ shown: true, hideable: "yes" });
    expect(choices.get(NAME)!.value).to.equal(
      credential.credentialSubject.identifier![0]!.identityHash,
    );
    expect(choices.get("/validFrom")).to.deep.include({ shown: true, hideable: "yes" });
    expect(choices.get("/issuer/name")?.hideable).to.equal("always");
    expect(choices.get("/credentialSubject/achievement/name")?.hideable).to.equal("always");
    expect(choices.get("/credentialSubject/identifier/0/identityType")?.hideable).to.equal(
      "withObject",
    );
    expect(choices.size).to.equal(Object.keys(credential.proof[0]!.claims).length);
  });

  it("agrees with disclose: every 'yes' field can be hidden alone, every 'always' one is refused", () => {
    for (const choice of listDisclosureChoices(credential)) {
      if (choice.hideable === "yes") {
        const copy = disclose(credential, [""], { hide: [choice.pointer] });
        expect(copy.proof[0]!.claims[choice.pointer], choice.pointer).to.have.property("digest");
      } else if (choice.hideable === "always") {
        expect(() => disclose(credential, [""], { hide: [choice.pointer] }), choice.pointer)
          .to.throw(DisclosureError)
          .with.property("code", "DISCLOSURE_CLAIM_MANDATORY");
      } else {
        expect(() => disclose(credential, [""], { hide: [choice.pointer] }), choice.pointer)
          .to.throw(DisclosureError)
          .with.property("code", "DISCLOSURE_TYPE_REQUIRED");
      }
    }
  });

  it("marks the fields a disclosed copy already hides as not shown, without their values", () => {
    const copy = disclose(credential, [""], { hide: ["/validFrom"] });
    const date = listDisclosureChoices(copy).find((c) => c.pointer === "/validFrom")!;
    expect(date).to.deep.equal({ pointer: "/validFrom", shown: false, hideable: "yes" });
  });

  it("refuses a credential whose claims do not match their digests", () => {
    const tampered = structuredClone(credential);
    tampered.credentialSubject.identifier![0]!.identityHash = "Mallory";
    expect(() => listDisclosureChoices(tampered)).to.throw(CredentialIntegrityError);
  });
});
