// The page draws a credential with its issuer's own certificate template when the holder gives it
// (template.svg and render-method.json dropped with the credential, or the template fetched from
// the binding's https URL), and only when the template's digest is the one the binding names: a
// changed template is refused, said so, and the default certificate drawn. In Chromium, against
// the test registries; the issuer's web server is a route of the browser (page.route).
import { expect } from "chai";
import type { Page } from "playwright-core";
import { svgRenderingTemplateOf } from "../../src/certificate/index.ts";
import { FINISHED, usePageHarness } from "./pageHarness.ts";

const MARK = "Northwind Polytechnic: official diploma";
const TEMPLATE = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400" viewBox="0 0 800 400">
<rect width="800" height="400" fill="#fdfaf0"/>
<text x="400" y="120" text-anchor="middle" font-size="28">${MARK}</text>
<text x="400" y="200" text-anchor="middle" font-size="36">{{certificate.holder.name}}</text>
<text x="400" y="260" text-anchor="middle" font-size="24">{{certificate.achievement.name}}</text>
</svg>
`;
const TEMPLATE_URL = "https://certificates.northwind-poly.example/diploma.svg";

type Upload = { name: string; mimeType: string; buffer: Buffer };
const json = (name: string, value: unknown): Upload => ({
  name,
  mimeType: "application/json",
  buffer: Buffer.from(JSON.stringify(value)),
});
const svg = (name: string, text: string): Upload => ({
  name,
  mimeType: "image/svg+xml",
  buffer: Buffer.from(text),
});
const binding = (id: string) =>
  json("render-method.json", svgRenderingTemplateOf(TEMPLATE, { id, name: "Northwind diploma" }));

describe("web page: the issuer's certificate template", function () {
  this.timeout(60_000);
  const web = usePageHarness();

  /** Chooses `files` in the page's file input and waits for the verdict. */
  async function choose(page: Page, files: Upload[]): Promise<void> {
    await page.setInputFiles("#file-input", files);
    expect(await (await page.waitForSelector(FINISHED)).getAttribute("data-status")).to.equal(
      "valid",
    );
  }

  /** The SVG the page's certificate (above the checks) shows. */
  async function drawn(page: Page, selector = "#certificate img"): Promise<string> {
    const src = (await page.getAttribute(selector, "src")) ?? "";
    return decodeURIComponent(src.slice(src.indexOf(",") + 1));
  }

  const credential = () => json("S-7.credential.json", web.chain.v2);

  it("draws the issuer's template dropped beside the credential, once its digest matches", async () => {
    const page = await web.open();
    await choose(page, [credential(), svg("template.svg", TEMPLATE), binding("template.svg")]);
    const certificate = await drawn(page);
    expect(certificate).to.include(MARK).and.to.include("Holder 7");
    expect(await page.getAttribute("#certificate-template-note", "data-template")).to.equal(
      "issuer",
    );
    expect(await page.textContent("#certificate-template-note")).to.include(
      "issuer's certificate template (template.svg)",
    );
    // The holder's copies are drawn with it too.
    expect(await drawn(page, "#certificate-image")).to.include(MARK);
    await web.screenshot(page, "web-certificate-template-issuer");
  });

  it("refuses a template changed after the issuer named it, says why, and draws the default", async () => {
    const page = await web.open();
    const changed = TEMPLATE.replace("official diploma", "honorary doctorate");
    await choose(page, [credential(), svg("template.svg", changed), binding("template.svg")]);
    const certificate = await drawn(page);
    expect(certificate).to.not.include("honorary doctorate");
    expect(certificate).to.include("BEng Mechatronics").and.to.include("Holder 7");
    expect(await page.getAttribute("#certificate-template-note", "data-template")).to.equal(
      "default",
    );
    expect(await page.textContent("#certificate-template-note")).to.match(
      /template\.svg is not the one the issuer named .*the default certificate is drawn instead/,
    );
    expect(await drawn(page, "#certificate-image")).to.not.include("honorary doctorate");
    await web.screenshot(page, "web-certificate-template-refused");
  });

  it("refuses a template nothing binds, and one whose binding is missing asks for it", async () => {
    const page = await web.open();
    await choose(page, [credential(), svg("template.svg", TEMPLATE)]);
    expect(await drawn(page)).to.not.include(MARK);
    expect(await page.textContent("#certificate-template-note")).to.include(
      "nothing names its digest",
    );
    const other = await web.open();
    await choose(other, [credential(), binding("template.svg")]);
    expect(await drawn(other)).to.not.include(MARK);
    expect(await other.textContent("#certificate-template-note")).to.include(
      "drop that file with the credential",
    );
  });

  it("draws a template dropped after the credential, for the credential shown", async () => {
    const page = await web.open();
    await choose(page, [credential()]);
    expect(await drawn(page)).to.not.include(MARK);
    expect(await page.$("#certificate-template-note")).to.equal(null);
    await page.setInputFiles("#file-input", [
      svg("template.svg", TEMPLATE),
      binding("template.svg"),
    ]);
    await page.waitForSelector('#certificate-template-note[data-template="issuer"]');
    expect(await drawn(page))
      .to.include(MARK)
      .and.to.include("Holder 7");
  });

  it("fetches the template from the binding's https URL, and refuses one the server changed", async () => {
    /** A page whose browser reaches the issuer's server, serving `body` at TEMPLATE_URL. */
    const withServer = async (body: string) => {
      const page = await web.open();
      await page.route(TEMPLATE_URL, (route) =>
        route.fulfill({
          status: 200,
          contentType: "image/svg+xml",
          headers: { "access-control-allow-origin": "*" },
          body,
        }),
      );
      await choose(page, [credential(), binding(TEMPLATE_URL)]);
      return page;
    };
    const page = await withServer(TEMPLATE);
    expect(await drawn(page)).to.include(MARK);
    expect(await page.textContent("#certificate-template-note")).to.include(TEMPLATE_URL);

    const changed = await withServer(TEMPLATE.replace("official diploma", "honorary doctorate"));
    expect(await drawn(changed)).to.not.include("honorary doctorate");
    expect(await changed.getAttribute("#certificate-template-note", "data-template")).to.equal(
      "default",
    );
  });
});
