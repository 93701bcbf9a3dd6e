// The web verifier page in a real browser: the built page (one HTML file), served over http and
// opened from file://, verifying credentials anchored on a running `hardhat node` with its own
// RPC calls from the browser. Drives Debian's Chromium through playwright-core (no browser
// download); screenshots go to test-artifacts/web-verifier-*.png.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect } from "chai";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { type CredanchorCredential, disclose } from "../../src/credential/index.ts";
import { CHECK_IDS } from "../../src/verifier/index.ts";
import {
  freePort,
  PROJECT_ROOT,
  type RunningNode,
  startHardhatNode,
} from "../deploy/hardhatNode.ts";
import { type AnchoredCredentials, anchorCredentials, ISSUER_NAME } from "./anchoredCredentials.ts";
import { buildPage } from "./builtPage.ts";
import { type StaticServer, serveStatic } from "./staticServer.ts";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];
const ARTIFACTS = path.join(PROJECT_ROOT, "test-artifacts");
/** The status banner once a verification has finished. */
const FINISHED = '#status[data-status]:not([data-status="pending"])';

describe("web verifier page", function () {
  this.timeout(60_000);

  let pageDir: string;
  let node: RunningNode;
  let chain: AnchoredCredentials;
  let host: StaticServer;
  let browser: Browser;
  const credentials = new Map<string, CredanchorCredential>();

  before(async function () {
    // A loaded machine may need minutes to build, start a node and deploy; nothing here sleeps.
    this.timeout(300_000);
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install Debian's Chromium with \`apt-get install chromium\` (CI does). This test never downloads a browser.`,
      );
    }
    // Each is kept as soon as it is up, so after() stops it even when another one failed.
    const startup = await Promise.allSettled([
      chromium
        .launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
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
    const [valid, other, revoked] = chain.credentials;
    const tampered = structuredClone(valid!);
    tampered.credentialSubject.achievement.name = "MEng Mechatronics with Distinction";
    credentials.set("valid.json", valid!);
    credentials.set("tampered.json", tampered);
    credentials.set("revoked.json", revoked!);
    credentials.set("disclosed.json", disclose(other!, ["/credentialSubject/result"]));
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

  // Each test gets its own browser context (its own localStorage); errors thrown in a page fail it.
  let contexts: BrowserContext[] = [];
  let pageErrors: string[] = [];

  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
    const errors = pageErrors;
    pageErrors = [];
    expect(errors, "errors thrown in the page").to.deep.equal([]);
  });

  /** Opens the page, types the node's RPC URL (which the page remembers), then goes to `url`. */
  async function openPage(pageUrl: string, url = pageUrl): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(pageUrl);
    await page.fill("#rpc-url", node.url);
    if (url !== pageUrl) await page.goto(url);
    return page;
  }

  async function statusOf(page: Page): Promise<string | null> {
    return (await page.waitForSelector(FINISHED)).getAttribute("data-status");
  }

  async function resultsOf(page: Page): Promise<Record<string, string | null>> {
    return page.$$eval("[data-check]", (items) =>
      Object.fromEntries(
        items.map((item) => [item.getAttribute("data-check"), item.getAttribute("data-result")]),
      ),
    );
  }

  /** The value column of the disclosed-fields row for exactly `pointer`, or null. */
  async function fieldValue(page: Page, pointer: string): Promise<string | null> {
    return page.$$eval(
      ".fields tbody tr",
      (rows, wanted) => {
        const row = rows.find((r) => r.querySelector("th")?.textContent === wanted);
        return row?.querySelector("td")?.textContent ?? null;
      },
      pointer,
    );
  }

  /** Drops `name` onto the page as a file dragged from the desktop would be. */
  async function dropFile(page: Page, name: string): Promise<void> {
    const text = JSON.stringify(credentials.get(name), null, 2);
    const dataTransfer = await page.evaluateHandle(
      ([fileName, content]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([content], fileName, { type: "application/json" }));
        return transfer;
      },
      [name, text] as const,
    );
    await page.dispatchEvent("#drop-zone", "dragenter", { dataTransfer });
    await page.dispatchEvent("#drop-zone", "drop", { dataTransfer });
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({
      path: path.join(ARTIFACTS, `web-verifier-${name}.png`),
      fullPage: true,
    });
  }

  it("builds to one self-contained HTML file that needs no Node built-in", async () => {
    expect(await readdir(pageDir)).to.deep.equal(["index.html"]);
    const html = await readFile(path.join(pageDir, "index.html"), "utf8");
    expect(html).to.not.match(/<script[^>]+src=|<link[^>]+stylesheet/);
    expect(html).to.not.include("__vite-browser-external");
    expect(html).to.match(/<script type="module">/);
  });

  it("is called from any origin by the hardhat node's CORS headers", async () => {
    const preflight = await fetch(node.url, {
      method: "OPTIONS",
      headers: {
        origin: "null",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(preflight.ok).to.equal(true);
    expect(preflight.headers.get("access-control-allow-origin")).to.equal("*");
    expect(preflight.headers.get("access-control-allow-headers")).to.equal("*");
  });

  for (const origin of ["http", "file"] as const) {
    describe(origin === "http" ? "served over http" : "opened from file://", () => {
      const pageUrl = () =>
        origin === "http" ? `${host.url}/` : pathToFileURL(path.join(pageDir, "index.html")).href;

      it("shows a dropped valid credential as valid, with issuer, accreditor and fields", async () => {
        const page = await openPage(pageUrl());
        await dropFile(page, "valid.json");
        expect(await statusOf(page)).to.equal("valid");
        expect(await page.textContent("#status-title")).to.equal("Valid");
        expect(Object.values(await resultsOf(page))).to.deep.equal(CHECK_IDS.map(() => "pass"));
        const facts = await page.textContent(".facts");
        expect(facts).to.include(ISSUER_NAME).and.include(chain.university);
        expect(facts)
          .to.include(chain.body)
          .and.include(chain.registry)
          .and.include("eip155:31337");
        expect(await fieldValue(page, "/credentialSubject/achievement/name")).to.equal(
          "BEng Mechatronics",
        );
        await screenshot(page, `${origin}-valid`);
      });

      it("shows a pasted credential with a changed claim as invalid", async () => {
        const page = await openPage(pageUrl());
        await page.fill("#credential-json", JSON.stringify(credentials.get("tampered.json")));
        await page.click("#verify-button");
        expect(await statusOf(page)).to.equal("invalid");
        expect(await page.textContent("#status-title")).to.equal("Invalid");
        expect((await resultsOf(page)).integrity).to.equal("fail");
        await screenshot(page, `${origin}-invalid`);
      });

      it("shows a revoked credential opened by link as revoked", async () => {
        const link = encodeURIComponent(`${host.url}/credentials/revoked.json`);
        const url = origin === "http" ? `#url=${link}` : `?credential=${link}`;
        const page = await openPage(pageUrl(), `${pageUrl()}${url}`);
        expect(await statusOf(page)).to.equal("revoked");
        expect(await page.textContent("#status-title")).to.equal("Revoked");
        expect(await resultsOf(page)).to.include({ revocation: "fail", integrity: "pass" });
        expect(await page.textContent(".facts")).to.include(`${host.url}/credentials/revoked.json`);
        await screenshot(page, `${origin}-revoked`);
      });
    });
  }

  describe("input and settings", () => {
    it("marks the fields a disclosed copy leaves out as hidden by the holder", async () => {
      const page = await openPage(`${host.url}/`);
      await page.setInputFiles("#file-input", {
        name: "disclosed.json",
        mimeType: "application/json",
        buffer: Buffer.from(JSON.stringify(credentials.get("disclosed.json"))),
      });
      expect(await statusOf(page)).to.equal("valid");
      expect(await fieldValue(page, "/credentialSubject/identifier/0/identityHash")).to.equal(
        "hidden by the holder",
      );
      expect(await fieldValue(page, "/credentialSubject/result/0/value")).to.equal(
        "Upper second class",
      );
    });

    it("reports unverifiable, not invalid, when the RPC endpoint is down", async () => {
      const page = await openPage(`${host.url}/`);
      await page.fill("#rpc-url", `http://127.0.0.1:${await freePort()}`);
      await dropFile(page, "valid.json");
      expect(await statusOf(page)).to.equal("unverifiable");
      expect((await resultsOf(page)).chain).to.equal("error");
      await screenshot(page, "unverifiable");
    });

    it("remembers the RPC URL for the next visit", async () => {
      const page = await openPage(`${host.url}/`);
      await page.reload();
      expect(await page.inputValue("#rpc-url")).to.equal(node.url);
    });

    it("shows not accredited when no trusted body accredits the issuer", async () => {
      const page = await openPage(`${host.url}/`);
      await page.fill("#trusted-bodies", "0x00000000000000000000000000000000000b0d1e");
      await dropFile(page, "valid.json");
      expect(await statusOf(page)).to.equal("not-accredited");
      expect(await page.textContent("#status-title")).to.equal("Not accredited");
      expect((await resultsOf(page))["accreditation-at-anchoring"]).to.equal("fail");
      await screenshot(page, "not-accredited");
    });

    it("names a trusted body that is not an address instead of verifying", async () => {
      const page = await openPage(`${host.url}/`);
      await page.fill("#trusted-bodies", `${chain.body}\nNorthwind Accreditation Board`);
      await page.fill("#credential-json", JSON.stringify(credentials.get("valid.json")));
      await page.click("#verify-button");
      const error = await page.waitForSelector("#form-error:not([hidden])");
      expect(await error.textContent()).to.match(/Trusted body 2 .* is not an address/);
      expect(await page.isHidden("#result")).to.equal(true);
    });
  });
});
