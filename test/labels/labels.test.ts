import { readFileSync } from "node:fs";
import { expect } from "chai";
import { listClaimLeaves } from "../../src/credential/claims.ts";
import { IDENTIFIER_TYPES } from "../../src/credential/constants.ts";
import en from "../../src/labels/en.json" with { type: "json" };
import {
  CATALOGUES,
  fieldLabel,
  message,
  pickLanguage,
  reasonLabel,
  statusWords,
  words,
} from "../../src/labels/index.ts";
import { CHECK_IDS } from "../../src/verifier/index.ts";

const vectors = JSON.parse(
  readFileSync(new URL("../fixtures/credential/vectors-v2.json", import.meta.url), "utf8"),
) as { batch: { credentials: { file: Record<string, unknown> }[] } };
const credential = vectors.batch.credentials[0]!.file;

function keysOf(catalogue: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    value !== null && typeof value === "object"
      ? keysOf(value as Record<string, unknown>, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

describe("labels", () => {
  it("has every English string in every other language, and nothing English lacks", () => {
    for (const [language, catalogue] of Object.entries(CATALOGUES)) {
      expect(keysOf(catalogue).sort(), language).to.deep.equal(keysOf(en).sort());
    }
  });

  it("names an identifier by each kind Open Badges 3.0 defines, and an issuer's ext: kind by its name", () => {
    for (const language of Object.keys(CATALOGUES)) {
      const named = new Set<string>();
      for (const identityType of [...IDENTIFIER_TYPES, "ext:StudentCard"]) {
        const file = {
          credentialSubject: { identifier: [{ identityType, identityHash: "x", hashed: false }] },
        };
        const label = fieldLabel("/credentialSubject/identifier/0/identityHash", language, file);
        expect(label, `${language} ${identityType}`).to.not.match(/\b1\b|\//);
        named.add(label);
      }
      expect(named.size, language).to.equal(IDENTIFIER_TYPES.length + 1);
      expect(
        fieldLabel("/credentialSubject/identifier/0/identityHash", language, {
          credentialSubject: {
            identifier: [{ identityType: "ext:StudentCard", identityHash: "x" }],
          },
        }),
      ).to.include("StudentCard");
    }
  });

  it("names every field of an issued credential in words, never as its pointer", () => {
    for (const language of Object.keys(CATALOGUES)) {
      for (const { pointer } of listClaimLeaves(credential)) {
        const label = fieldLabel(pointer, language, credential);
        expect(label, pointer).to.not.include("/");
        expect(label, pointer).to.not.match(/credentialSubject|identityHash/);
      }
    }
  });

  it("names the holder's name, the award date and the achievement in English and French", () => {
    const name = "/credentialSubject/identifier/0/identityHash";
    expect(fieldLabel(name, "en", credential)).to.equal("Holder's name");
    expect(fieldLabel(name, "fr", credential)).to.equal("Nom du titulaire");
    expect(fieldLabel("/validFrom", "en")).to.equal("Award date");
    expect(fieldLabel("/validFrom", "fr")).to.equal("Date d'obtention");
    expect(fieldLabel("/credentialSubject/achievement/name", "fr")).to.equal("Formation");
  });

  it("names a result by the name its achievement gives it, and numbers it otherwise", () => {
    const withResult = {
      credentialSubject: {
        achievement: { resultDescription: [{ id: "urn:uuid:r1", name: "Final grade" }] },
        result: [{ resultDescription: "urn:uuid:r1", value: "A" }],
      },
    };
    expect(fieldLabel("/credentialSubject/result/0/value", "en", withResult)).to.equal(
      "Result “Final grade”",
    );
    expect(fieldLabel("/credentialSubject/result/1/value", "en", withResult)).to.equal("Result 2");
  });

  it("names a field the catalogue does not know from its labelled parent and member words", () => {
    expect(fieldLabel("/issuer/image/caption", "en")).to.equal("Issuer's logo › caption");
    expect(fieldLabel("/credentialSubject/achievement/otherIdentifier/0", "en")).to.equal(
      "Achievement › other identifier › 1",
    );
  });

  it("fills a message's placeholders and names reason codes, with unnamed codes by number", () => {
    expect(
      message("fr", "revokedOn", { time: "2026-12-04", reason: reasonLabel("fr", 3) }),
    ).to.equal("Révoquée le 2026-12-04, motif : fraude");
    expect(reasonLabel("en", 42)).to.equal("code 42");
  });

  it("has words for every verdict, check and check result the verifier reports", () => {
    const statuses = [
      "valid",
      "invalid",
      "untrusted-registry",
      "revoked",
      "suspended",
      "expired",
      "not-accredited",
      "unverifiable",
    ];
    for (const language of Object.keys(CATALOGUES)) {
      for (const status of statuses) {
        expect(statusWords(language, status).summary, `${language} ${status}`).to.not.equal("");
      }
      for (const id of CHECK_IDS) expect(words(language, "checks", id)).to.not.equal(id);
      for (const result of ["pass", "fail", "skipped", "error"]) {
        expect(words(language, "checkResults", result)).to.not.equal(result);
      }
    }
    expect(statusWords("fr", "revoked").title).to.equal("Révoquée");
  });

  it("picks the first language the reader accepts that has a catalogue, else English", () => {
    expect(pickLanguage(["de-DE", "fr-CA", "en"])).to.equal("fr");
    expect(pickLanguage(["es"])).to.equal("en");
    expect(pickLanguage(undefined)).to.equal("en");
  });
});
