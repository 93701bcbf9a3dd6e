// The verdict next to the person, on the web page in Chromium: whose credential it is, the
// achievement, the award date and the results at the top, beside the verdict; when and why a
// revoked one was; field rows labelled in words, never JSON Pointers; and all of it in French for
// a reader whose browser asks for French. Credentials anchored on a running `hardhat node`, the
// built page served over http, Debian's Chromium through playwright-core; screenshots go to
// test-artifacts/web-verdict-*.png.
import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import { type Browser, chromium, type Page } from "playwright-core";
import { type CredanchorCredential, disclose } from "../../src/credential/index.ts";
import { PROJECT_ROOT, type RunningNode, startHardhatNode } from "../deploy/hardhatNode.ts";
import { type AnchoredCredentials, anchorCredentials } from "./anchoredCredentials.ts";
import { buildPage } from "./builtPage.ts";
import { type StaticServer, serveStatic } from "./staticServer.ts";

const CHROMIUM = "/usr/bin/chromium";
const FINISHED = '#status[data-status]:not([data-status="pending"])';
const ARTIFACTS = path.join(PROJECT_ROOT, "test-artifacts");
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("web page: the verdict next to the person", function () {
  this.timeout(60_000);
  let pageDir: string;
  let node: RunningNode;
  let chain: AnchoredCredentials;
  let host: StaticServer;
  let browser: Browser;
  let trust: string;
  const credentials = new Map<string, CredanchorCredential>();

  before(async function () {
    this.timeout(300_000);
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
    const startup = await Promise.allSettled([
      chromium
        .launch({
          executablePath: CHROMIUM,
          headless: true,
          args: ["--no-sandbox", "--disable-gpu"],
        })
        .then((launched) => {
          browser = launched;
        }),
      startHardhatNode().then((started) => {
        node = started;
      }),
      buildPage().then((dir) => {
        pageDir = dir;
      }),
    ]);
    for (const outcome of startup) if (outcome.status === "rejected") throw outcome.reason;
    chain = await anchorCredentials(node.url);
    trust = `eip155:${chain.genuine.chainId}:${chain.genuine.credentialRegistry}=Northwind test registries`;
    const [valid, , revoked] = chain.credentials;
    credentials.set("valid.json", valid!);
    credentials.set("revoked.json", revoked!);
    credentials.set(
      "private.json",
      disclose(valid!, ["/credentialSubject/result"], { hide: ["/validFrom"] }),
    );
    host = await serveStatic(pageDir, credentials);
    await mkdir(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await Promise.allSettled([
      browser?.close(),
      host?.close(),
      chain?.connection.close(),
      node?.stop(),
      pageDir === undefined ? undefined : rm(pageDir, { recursive: true, force: true }),
    ]);
  });

  /** Opens the page in a browser asking for `locale`, sets the RPC and trust, opens `name`. */
  async function open(name: string, locale = "en-GB"): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${host.url}/`);
    await page.fill("#rpc-url", node.url);
    await page.fill("#trusted-registries", trust);
    const link = `#url=${encodeURIComponent(`${host.url}/credentials/${name}`)}`;
    await page.goto(`${host.url}/${link}`);
    await page.waitForSelector(FINISHED);
    expect(errors, "errors thrown in the page").to.deep.equal([]);
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
    const file = path.join(ARTIFACTS, `web-verdict-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    const png = await readFile(file);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE), `${file} is a PNG`).to.equal(true);
    expect(png.length, `${file} has content`).to.be.greaterThan(10_000);
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
    await screenshot(page, "french");
  });
});
