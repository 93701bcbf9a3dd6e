// The verdict next to the person, on the web page in Chromium: whose credential it is, the
// achievement, the award date and the results at the top, beside the verdict; when and why a
// revoked one was; field rows labelled in words, never JSON Pointers; and all of it in French for
// a reader whose browser asks for French. Credentials anchored on a running `hardhat node`, the
// built page served over http, Debian's Chromium through playwright-core; screenshots go to
// test-artifacts/web-verdict-*.png.
import { expect } from "chai";
import type { Page } from "playwright-core";
import { disclose } from "../../src/credential/index.ts";
import { FINISHED, usePageHarness } from "./pageHarness.ts";

describe("web page: the verdict next to the person", function () {
  this.timeout(60_000);
  const web = usePageHarness({
    files: (chain) => {
      const [valid, , revoked] = chain.credentials;
      return new Map<string, unknown>([
        ["valid.json", valid!],
        ["revoked.json", revoked!],
        ["private.json", disclose(valid!, ["/credentialSubject/result"], { hide: ["/validFrom"] })],
      ]);
    },
  });

  /** Opens the page in a browser asking for `locale`, sets the RPC and trust, opens `name`. */
  async function open(name: string, locale = "en-GB"): Promise<Page> {
    const link = `#url=${encodeURIComponent(`${web.host.url}/credentials/${name}`)}`;
    const page = await web.open(`${web.host.url}/${link}`, { locale });
    await page.waitForSelector(FINISHED);
    return page;
  }

  /** The summary under the verdict: row key -> [term, value]. */
  async function summary(page: Page): Promise<Record<string, [string, string]>> {
    return page.$$eval("#subject [data-subject]", (rows) =>
      Object.fromEntries(
        rows.map((row) => [
          row.getAttribute("data-subject"),
          [row.querySelector("dt")?.textContent ?? "", row.querySelector("dd")?.textContent ?? ""],
        ]),
      ),
    );
  }

  /** Whether the summary is drawn right after the banner, before the checks and fields. */
  async function summaryFollowsVerdict(page: Page): Promise<boolean> {
    return page.$eval("#status", (banner) => banner.nextElementSibling?.id === "subject");
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    await web.screenshot(page, `web-verdict-${name}`);
  }

  it("shows the holder, achievement, award date and results right beside VALID", async () => {
    const page = await open("valid.json");
    expect(await page.getAttribute("#status", "data-status")).to.equal("valid");
    expect(await summaryFollowsVerdict(page)).to.equal(true);
    expect(await summary(page)).to.deep.equal({
      holder: ["Holder", "Holder 0"],
      achievement: ["Achievement", "BEng Mechatronics"],
      "award-date": ["Award date", "July 14, 2025"],
      results: ["Results", "Classification: Upper second class"],
    });
    // The summary is on screen at the top, not fifteen rows down.
    const box = await page.locator("#subject").boundingBox();
    expect(box).to.not.equal(null);
    expect(box!.y).to.be.lessThan(900);
    await screenshot(page, "valid");
  });

  it("labels every field in words, keeping the pointer only in the tooltip", async () => {
    const page = await open("valid.json");
    const heads = await page.$$eval(".fields tbody th", (cells) =>
      cells.map((c) => ({ text: c.textContent ?? "", pointer: c.getAttribute("data-pointer") })),
    );
    expect(heads.length).to.be.greaterThan(10);
    for (const head of heads) expect(head.text, head.pointer ?? "").to.not.include("/");
    const name = heads.find((h) => h.pointer === "/credentialSubject/identifier/0/identityHash");
    expect(name?.text).to.equal("Holder's name");
    const grade = heads.find((h) => h.pointer === "/credentialSubject/result/0/value");
    expect(grade?.text).to.equal("Result “Classification”");
  });

  it("says the name and award date were hidden by the holder", async () => {
    const page = await open("private.json");
    expect(await page.getAttribute("#status", "data-status")).to.equal("valid");
    const rows = await summary(page);
    expect(rows.holder).to.deep.equal(["Holder", "name hidden by the holder"]);
    expect(rows["award-date"]).to.deep.equal(["Award date", "hidden by the holder"]);
    expect(rows.results).to.deep.equal(["Results", "Classification: Upper second class"]);
  });

  it("says when and why a revoked credential was revoked, in the banner", async () => {
    const page = await open("revoked.json");
    expect(await page.getAttribute("#status", "data-status")).to.equal("revoked");
    const change = await page.textContent("#status #status-change");
    expect(change).to.match(
      /^Revoked on \w+ \d{1,2}, \d{4} at \d{1,2}:\d\d [AP]M UTC, reason: issued in error \(1\)$/,
    );
    expect((await summary(page)).holder).to.deep.equal(["Holder", "Holder 2"]);
    await screenshot(page, "revoked");
  });

  it("speaks French to a reader whose browser asks for French", async () => {
    const page = await open("revoked.json", "fr-FR");
    expect(await summary(page)).to.deep.equal({
      holder: ["Titulaire", "Holder 2"],
      achievement: ["Formation", "BEng Mechatronics"],
      "award-date": ["Date d'obtention", "14 juillet 2025"],
      results: ["Résultats", "Classification: Upper second class"],
    });
    expect(await page.textContent("#status-change")).to.match(
      /^Révoquée le .*2\d{3}.* UTC, motif : émise par erreur \(1\)$/,
    );
    const name = await page.textContent(
      '.fields th[data-pointer="/credentialSubject/identifier/0/identityHash"]',
    );
    expect(name).to.equal("Nom du titulaire");
    expect(await page.textContent("#status-title")).to.equal("Révoquée");
    expect(await page.textContent('[data-check="revocation"] .check__name')).to.equal(
      "Attestation non révoquée",
    );
    expect(await page.textContent('[data-check="revocation"] .check__result')).to.equal("Échoué");
    expect(await page.textContent("#facts-title")).to.equal("Émetteur et ancrage");
    expect(await page.textContent("#fields-title")).to.equal("Champs montrés");
    // The page's own words too, from the same catalogue.
    expect(await page.evaluate(() => document.documentElement.lang)).to.equal("fr");
    expect(await page.textContent("h1")).to.equal("Vérifier une attestation de formation");
    expect(await page.textContent("#verify-button")).to.equal("Vérifier");
    expect(await page.textContent(".settings legend")).to.equal("Réseau et confiance");
    expect(await page.getAttribute("#trusted-bodies", "placeholder")).to.equal(
      "0x… une adresse par ligne",
    );
    expect(
      await page.$eval("#trust-title + p code, .settings .hint code", (c) => c.textContent),
    ).to.equal("npx hardhat node");
    expect(await page.title()).to.equal("Vérificateur d'attestations · credanchor");
    expect(await page.textContent("#issued-by")).to.match(
      /^Délivrée par Northwind Polytechnic \(0x[0-9a-fA-F]{40}\), accréditée par .+ \(DE\) pour .+ au moment de l'ancrage\.$/,
    );
    await screenshot(page, "french");
  });
});
