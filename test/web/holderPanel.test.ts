// The holder's side of the page in a real browser (Debian's Chromium via playwright-core): a
// graduate opens their own file, sees it drawn as a certificate, switches off fields by their
// human names, downloads the copy and makes a share link that carries only what they chose; an
// employer opening that link sees it valid without the hidden fields. Against registries on a
// running `hardhat node`. The certificate's screenshot is decoded and checked, not only taken.
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import type { Page } from "playwright-core";
import { PNG } from "pngjs";
import { verify } from "../../src/verifier/index.ts";
import { ARTIFACTS, FINISHED, usePageHarness } from "./pageHarness.ts";

describe("web page: the holder chooses what to show", function () {
  this.timeout(60_000);
  const web = usePageHarness();

  async function openOwnFile(credential: object, url?: string, locale?: string): Promise<Page> {
    const page = await web.open(url, locale === undefined ? {} : { locale });
    await page.setInputFiles("#file-input", {
      name: "my.credential.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(credential)),
    });
    expect(await (await page.waitForSelector(FINISHED)).getAttribute("data-status")).to.equal(
      "valid",
    );
    await page.waitForSelector("#holder-panel:not([hidden])");
    return page;
  }

  /** Clicks the share panel's button and waits for the link it makes. */
  async function makeShareLink(page: Page): Promise<string> {
    await page.click("#make-share-link");
    await page.waitForFunction(
      () => (document.querySelector("#share-link") as HTMLInputElement | null)?.value !== "",
    );
    return page.inputValue("#share-link");
  }

  /** The SVG the certificate image shows. */
  async function certificateSvg(page: Page): Promise<string> {
    const src = (await page.getAttribute("#certificate-image", "src")) ?? "";
    expect(src).to.match(/^data:image\/svg\+xml;charset=utf-8,/);
    return decodeURIComponent(src.slice(src.indexOf(",") + 1));
  }

  /** The switch whose row shows `text`, by its checkbox id. */
  async function switchShowing(page: Page, text: string): Promise<string> {
    const id = await page.evaluate((wanted) => {
      const rows = Array.from(document.querySelectorAll("#field-switches label"));
      return rows.find((row) => row.textContent?.includes(wanted))?.getAttribute("for") ?? null;
    }, text);
    expect(id, `a switch showing "${text}"`).to.be.a("string");
    return id!;
  }

  it("draws the credential as a certificate, names every switch by a human label, and lists what always shows", async () => {
    const page = await openOwnFile(web.chain.v2);
    const svg = await certificateSvg(page);
    expect(svg).to.include("Holder").and.to.include("BEng Mechatronics");
    const labels = await page.$$eval("#field-switches .field-switch__label", (spans) =>
      spans.map((s) => s.textContent ?? ""),
    );
    expect(labels.length).to.be.greaterThan(3);
    expect(
      labels.filter((label) => label.startsWith("/")),
      "raw pointers",
    ).to.deep.equal([]);
    expect(await page.textContent("#always-shown")).to.match(/^Always shown: .+\.$/);
    expect(await page.textContent("#copy-summary")).to.include("every field");

    // The screenshot is decoded and must show a drawn certificate, not an empty box.
    const file = path.join(ARTIFACTS, "web-holder-certificate.png");
    await rm(file, { force: true });
    await page.locator("#certificate-image").screenshot({ path: file });
    const png = PNG.sync.read(await readFile(file));
    expect(png.width).to.be.greaterThan(300);
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4 * 97) colours.add(png.data.readUInt32BE(i));
    expect(colours.size, "distinct colours sampled in the certificate").to.be.greaterThan(20);
  });

  it("names the holder's identifiers by their kind, not by number, in English and French", async () => {
    const labels = async (page: Page) =>
      page.$$eval("#field-switches .field-switch__label", (spans) =>
        spans.map((s) => s.textContent ?? ""),
      );
    const english = await labels(await openOwnFile(web.chain.v2));
    expect(english).to.include.members([
      "Holder's e-mail",
      "Identifier in the school's system (hashed)",
      "Identifier in the school's system: hash salt",
    ]);
    expect(english.filter((label) => /identifier \d/i.test(label))).to.deep.equal([]);
    const french = await labels(await openOwnFile(web.chain.v2, undefined, "fr-FR"));
    expect(french).to.include.members([
      "Courriel du titulaire",
      "Identifiant dans le système de l'école (haché)",
      "Identifiant dans le système de l'école : sel du hachage",
    ]);
  });

  it("hides a field the holder switches off: from the drawing, the download and the share link", async () => {
    const page = await openOwnFile(web.chain.v2);
    await page.uncheck(`#${await switchShowing(page, "Holder 7")}`);
    expect(await certificateSvg(page)).to.not.include("Holder 7");
    expect(await page.textContent("#copy-summary")).to.match(/hides 1 of \d+ fields/);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("#download-copy"),
    ]);
    expect(download.suggestedFilename()).to.match(/\.disclosed\.credential\.json$/);
    const copy = JSON.parse(await readFile((await download.path())!, "utf8"));
    expect(JSON.stringify(copy)).to.not.include("Holder 7");
    const { chainId, credentialRegistry, accreditationRegistry } = web.chain.genuine;
    const report = await verify(copy, {
      rpcUrls: [web.node.url],
      trust: [{ chainId, credentialRegistry, accreditationRegistry, label: "Northwind" }],
    });
    expect(report.status).to.equal("valid");

    const link = await makeShareLink(page);
    const employer = await web.open(link);
    expect(await (await employer.waitForSelector(FINISHED)).getAttribute("data-status")).to.equal(
      "valid",
    );
    expect(await employer.textContent("#result")).to.not.include("Holder 7");
    expect(await employer.textContent("#result")).to.include("BEng Mechatronics");
  });

  it("works the same from a page opened as a file (file://)", async () => {
    const page = await openOwnFile(web.chain.v2, web.pageUrl("file"));
    expect(await certificateSvg(page)).to.include("Holder 7");
    await page.uncheck(`#${await switchShowing(page, "Holder 7")}`);
    expect(await certificateSvg(page)).to.not.include("Holder 7");
  });

  it("shows an employer the certificate before the checks, drawn without what the holder hid", async () => {
    const page = await openOwnFile(web.chain.v2);
    await page.uncheck(`#${await switchShowing(page, "Holder 7")}`);
    const link = await makeShareLink(page);
    const employer = await web.open(link);
    await employer.waitForSelector(FINISHED);
    const order = await employer.$$eval("#result > *", (parts) => parts.map((p) => p.id));
    expect(order.indexOf("certificate")).to.be.greaterThan(order.indexOf("status"));
    expect(order.indexOf("certificate")).to.be.lessThan(order.indexOf("result-trust"));
    const src = (await employer.getAttribute("#certificate img", "src")) ?? "";
    const svg = decodeURIComponent(src.slice(src.indexOf(",") + 1));
    expect(svg).to.include("BEng Mechatronics").and.to.not.include("Holder 7");
    expect(
      await employer.isHidden("#holder-panel"),
      "no holder switches for a shared copy",
    ).to.equal(true);
  });

  it("speaks the reader's language: a French browser gets the panel and the certificate in French", async () => {
    const page = await openOwnFile(web.chain.v2, undefined, "fr-FR");
    expect(await page.textContent("#holder-panel h2")).to.equal(
      "Votre attestation ? Choisissez ce que vous montrez",
    );
    expect(await page.textContent("#always-shown")).to.match(/^Toujours affichés : .+\.$/);
    expect(await page.textContent("#download-copy")).to.equal("Télécharger cette copie");
    expect(await certificateSvg(page)).to.include('lang="fr"');
    expect(await page.textContent("#share-panel h2")).to.equal("Partager");
    expect(await page.textContent("#make-share-link")).to.equal("Créer un lien de partage");
  });
});
