// The sentence under each check speaks the reader's language, like the check's name: a French
// browser verifying a revoked and a tampered credential on the page (Debian's Chromium, against a
// running `hardhat node`) reads French details, and an English one the English catalogue's.
import { expect } from "chai";
import type { Page } from "playwright-core";
import { usePageHarness } from "./pageHarness.ts";

describe("web page: check details in the reader's language", function () {
  this.timeout(60_000);
  const web = usePageHarness();

  async function verifyFile(credential: object, locale: string): Promise<Page> {
    const page = await web.open(undefined, { locale });
    await page.setInputFiles("#file-input", {
      name: "credential.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(credential)),
    });
    return page;
  }

  function detailOf(page: Page, check: string): Promise<string | null> {
    return page.textContent(`[data-check="${check}"] .check__message`);
  }

  it("says why a revoked credential is revoked in French, in the banner and under the check", async () => {
    const page = await verifyFile(web.chain.credentials[2]!, "fr-FR");
    expect(await web.statusOf(page)).to.equal("revoked");
    const revocation = (await detailOf(page, "revocation")) ?? "";
    expect(revocation).to.match(/^L'émetteur a révoqué l'attestation 2 du lot \(statut lu /);
    expect(revocation).to.not.include("the issuer");
    expect(await page.textContent("#status")).to.include(
      "L'émetteur a révoqué l'attestation 2 du lot",
    );
    expect(await detailOf(page, "integrity")).to.match(/^Chaque affirmation/);
    expect(await detailOf(page, "trust")).to.match(/^Le registre 0x[0-9a-fA-F]{40} sur eip155:/);
    // An instant in a detail is a date in words, not ISO 8601.
    const anchor = (await detailOf(page, "anchor")) ?? "";
    expect(anchor).to.match(
      /^Racine de lot ancrée par 0x[0-9a-fA-F]{40} le .+ UTC avec \d+ attestations /,
    );
    expect(anchor).to.not.match(/\d{4}-\d\d-\d\dT/);
    // The facts beside the checks too: the accreditation now, in words from the catalogue.
    const facts = (await page.textContent(".facts")) ?? "";
    expect(facts).to.include("toujours accrédité par le même organisme");
    expect(facts).to.not.include("still accredited");
  });

  it("says a tampered credential's claims were changed in French", async () => {
    const tampered = structuredClone(web.chain.credentials[0]!) as unknown as {
      credentialSubject: { achievement: { name: string } };
    };
    tampered.credentialSubject.achievement.name = "PhD Mechatronics";
    const page = await verifyFile(tampered, "fr-FR");
    expect(await web.statusOf(page)).to.equal("invalid");
    expect(await detailOf(page, "integrity")).to.match(
      /^Une valeur du document n'a pas de sel|^Les affirmations ne redonnent pas l'empreinte/,
    );
    expect(await detailOf(page, "inclusion")).to.equal(
      "Non vérifié : la structure ou l'intégrité du fichier a échoué NOT_CHECKED",
    );
  });

  it("keeps English details for an English reader", async () => {
    const page = await verifyFile(web.chain.credentials[2]!, "en-GB");
    expect(await web.statusOf(page)).to.equal("revoked");
    expect(await detailOf(page, "revocation")).to.match(
      /^The issuer revoked credential 2 of the batch \(status read /,
    );
  });
});
