// The sentence under each check in every language: the catalogue has one message per code the
// verifier can put on a check (CHECK_CODES, the list check() is typed by) and one text per phrase
// key, with the same placeholders as English, and checkMessage() never shows a half-filled one.
import { expect } from "chai";
import { CATALOGUES, checkMessage, warningMessage } from "../../src/labels/index.ts";
import { CHECK_CODES, CHECK_PHRASES, WARNING_CODES } from "../../src/verifier/index.ts";

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

describe("labels: check messages", () => {
  const english = CATALOGUES.en!;

  it("has a message for every check and warning code and a text for every phrase, in every language", () => {
    for (const [language, catalogue] of Object.entries(CATALOGUES)) {
      expect(Object.keys(catalogue.checkMessages).sort(), language).to.deep.equal(
        [...CHECK_CODES].sort(),
      );
      expect(Object.keys(catalogue.checkPhrases).sort(), language).to.deep.equal(
        [...CHECK_PHRASES].sort(),
      );
      expect(Object.keys(catalogue.warningMessages).sort(), language).to.deep.equal(
        [...WARNING_CODES].sort(),
      );
    }
  });

  it("gives each language's message the placeholders of the English one", () => {
    for (const [language, catalogue] of Object.entries(CATALOGUES)) {
      for (const section of ["checkMessages", "checkPhrases", "warningMessages"] as const) {
        const theirs = catalogue[section] as Record<string, string>;
        for (const [key, text] of Object.entries(english[section] as Record<string, string>)) {
          expect(placeholders(theirs[key]!), `${language} ${section}.${key}`).to.deep.equal(
            placeholders(text),
          );
        }
      }
    }
  });

  it("fills a check's message in the reader's language, its phrase first", () => {
    const revoked = {
      code: "REVOKED",
      message: "the issuer revoked credential 3 of the batch (…)",
      params: { index: 3, crowd: 4, batchSize: 4, phrase: "whole-batch" },
    } as const;
    expect(checkMessage("fr", revoked)).to.equal(
      "l'émetteur a révoqué l'attestation 3 du lot (statut lu avec tout le lot de 4 attestations : le fournisseur RPC ne peut pas savoir laquelle a été vérifiée)",
    );
    expect(checkMessage("en", revoked)).to.match(/^the issuer revoked credential 3 of the batch/);
  });

  it("falls back to the English message for an unknown code, no params or a missing value", () => {
    const english = "signed by did:web:example.org (eddsa-rdfc-2022)";
    expect(checkMessage("fr", { code: "ISSUER_KEY_NOT_FOUND", message: "m", params: {} })).to.equal(
      "m",
    );
    expect(checkMessage("fr", { code: "SIGNATURE_VALID", message: english })).to.equal(english);
    expect(checkMessage("fr", { code: "SIGNATURE_VALID", message: english, params: {} })).to.equal(
      english,
    );
    expect(
      checkMessage("fr", { code: "NOT_CHECKED", message: "not checked: x", params: {} }),
    ).to.equal("not checked: x");
  });

  it("puts a value holding braces in as it is, never reading it as a placeholder", () => {
    expect(
      checkMessage("en", {
        code: "SIGNATURE_VALID",
        message: "m",
        params: { signer: "did:web:{registry}" },
      }),
    ).to.equal("signed by did:web:{registry} (eddsa-rdfc-2022)");
  });

  it("says a warning in the reader's language from its params", () => {
    const differs = {
      code: "ISSUER_NAME_DIFFERS",
      message: "the file names its issuer …",
      params: { claimed: "Northwind Poly", registered: "Northwind Polytechnic" },
    };
    expect(warningMessage("fr", differs)).to.equal(
      "le fichier nomme son émetteur « Northwind Poly », mais le registre enregistre le compte émetteur sous le nom « Northwind Polytechnic »",
    );
    expect(warningMessage("fr", { code: "ISSUER_NAME_DIFFERS", message: "m" })).to.equal("m");
  });
});
