// Share links opened in the verifier page in a real browser (Debian's Chromium via playwright-core),
// as an employer opens the link a graduate sent: the credential inside the link, or an encrypted
// copy fetched from a trustless gateway on 127.0.0.1 (test/share/localGateway.ts, started here),
// verified against the registries on a running `hardhat node`. Screenshots go to
// test-artifacts/web-share-*.png.
import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect } from "chai";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { disclose } from "../../src/credential/index.ts";
import { shareLink } from "../../src/share/index.ts";
import { PROJECT_ROOT, type RunningNode, startHardhatNode } from "../deploy/hardhatNode.ts";
import { type LocalGateway, startLocalGateway } from "../share/localGateway.ts";
import { type AnchoredCredentials, anchorCredentials } from "./anchoredCredentials.ts";
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
const FINISHED = '#status[data-status]:not([data-status="pending"])';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("web verifier page: share links", function () {
  this.timeout(60_000);

  let pageDir: string;
  let node: RunningNode;
  let chain: AnchoredCredentials;
  let host: StaticServer;
  let gateway: LocalGateway;
  let browser: Browser;
  let trust: string;

  before(async function () {
    this.timeout(300_000);
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install Debian's Chromium with \`apt-get install chromium\` (CI does). This test never downloads a browser.`,
      );
    }
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
      startLocalGateway().then((started) => {
        gateway = started;
      }),
    ]);
    for (const outcome of startup) if (outcome.status === "rejected") throw outcome.reason;
    chain = await anchorCredentials(node.url);
    trust = `eip155:${chain.genuine.chainId}:${chain.genuine.credentialRegistry}=Northwind test registries`;
    host = await serveStatic(pageDir, new Map());
    await mkdir(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await Promise.allSettled([
      browser?.close(),
      host?.close(),
      gateway?.close(),
      chain?.connection.close(),
      node?.stop(),
      pageDir === undefined ? undefined : rm(pageDir, { recursive: true, force: true }),
    ]);
  });

  let contexts: BrowserContext[] = [];
  let pageErrors: string[] = [];

  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
    const errors = pageErrors;
    pageErrors = [];
    expect(errors, "errors thrown in the page").to.deep.equal([]);
  });

  const pageUrlFor = (origin: "http" | "file") =>
    origin === "http" ? `${host.url}/` : pathToFileURL(path.join(pageDir, "index.html")).href;

  /** Sets the verifier's own RPC URL and trusted registry (as a user does once), then opens `link`. */
  async function openLink(link: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(link.slice(0, link.indexOf("#")));
    await page.fill("#rpc-url", node.url);
    await page.fill("#trusted-registries", trust);
    await page.goto(link);
    return page;
  }

  async function statusOf(page: Page): Promise<string | null> {
    return (await page.waitForSelector(FINISHED)).getAttribute("data-status");
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    const file = path.join(ARTIFACTS, `web-share-${name}.png`);
    await rm(file, { force: true });
    await page.screenshot({ path: file, fullPage: true });
    const png = await readFile(file);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE), `${file} is a PNG`).to.equal(true);
    expect(png.length, `${file} has content`).to.be.greaterThan(10_000);
  }

  for (const origin of ["http", "file"] as const) {
    describe(origin === "http" ? "served over http" : "opened from file://", () => {
      it("shows a credential carried in the link as valid, and says the link cannot be taken back", async () => {
        const link = await shareLink(chain.credentials[0]!, {
          pageUrl: pageUrlFor(origin),
          kind: "inline",
        });
        const page = await openLink(link);
        expect(await statusOf(page)).to.equal("valid");
        expect(await page.isVisible("#share-note")).to.equal(true);
        expect(await page.textContent("#share-note")).to.include("carries the credential itself");
        expect(await page.textContent("#share-note")).to.include("cannot be taken back");
        await screenshot(page, `${origin}-inline`);
      });

      it("fetches an encrypted copy from a trustless gateway, decrypts it and shows it as valid", async () => {
        const seen = gateway.requests.length;
        const link = await shareLink(chain.credentials[1]!, {
          pageUrl: pageUrlFor(origin),
          kind: "ipfs",
          store: gateway,
          gateways: [gateway.url],
        });
        const page = await openLink(link);
        expect(await statusOf(page)).to.equal("valid");
        const cid = new URLSearchParams(link.slice(link.indexOf("#") + 1)).get("cid")!;
        expect(gateway.requests.slice(seen)).to.include(`/ipfs/${cid}?format=raw`);
        const note = await page.textContent("#share-note");
        expect(note).to.include(cid).and.include("decrypted in this page");
        expect(note).to.include("credanchor unshare");
        await screenshot(page, `${origin}-ipfs`);
      });
    });
  }

  it("shows a signed v2 credential opened by share link as valid, its signature checked", async () => {
    const link = await shareLink(chain.v2, { pageUrl: pageUrlFor("http"), kind: "inline" });
    const page = await openLink(link);
    expect(await statusOf(page)).to.equal("valid");
    expect(await page.getAttribute('[data-check="signature"]', "data-result")).to.equal("pass");
  });

  it("shows a disclosed copy shared through IPFS as valid, without the claims the holder hid", async () => {
    const copy = disclose(chain.credentials[0]!, ["/credentialSubject/result"]);
    const link = await shareLink(copy, {
      pageUrl: pageUrlFor("http"),
      kind: "ipfs",
      store: gateway,
      gateways: [gateway.url],
    });
    const page = await openLink(link);
    expect(await statusOf(page)).to.equal("valid");
    expect(await page.textContent("#result")).to.not.include("Holder 0");
    expect(await page.textContent("#result")).to.include("Upper second class");
  });

  it("says the copy is gone, with no verdict, once the holder took it down", async () => {
    const link = await shareLink(chain.credentials[0]!, {
      pageUrl: pageUrlFor("http"),
      kind: "ipfs",
      store: gateway,
      gateways: [gateway.url],
    });
    gateway.remove(new URLSearchParams(link.slice(link.indexOf("#") + 1)).get("cid")!);
    const page = await openLink(link);
    await page.waitForSelector("#form-error:not([hidden])");
    expect(await page.textContent("#form-error")).to.include("no longer on IPFS");
    expect(await page.isVisible("#status")).to.equal(false);
  });

  it("says the copy could not be fetched, never invalid, when its gateway is down", async () => {
    const dead = await startLocalGateway();
    await dead.close();
    const link = await shareLink(chain.credentials[0]!, {
      pageUrl: pageUrlFor("http"),
      kind: "ipfs",
      store: gateway,
      gateways: [dead.url],
    });
    const page = await openLink(link);
    await page.waitForSelector("#form-error:not([hidden])");
    expect(await page.textContent("#form-error")).to.include(
      "Could not fetch the shared copy, which says nothing about the credential",
    );
    expect(await page.isVisible("#status")).to.equal(false);
  });

  it("lets a holder who pasted their file make a share link that opens as valid, and a LinkedIn link to it", async () => {
    const credential = chain.credentials[0]!;
    const page = await openLink(`${host.url}/#`);
    await page.fill("#credential-json", JSON.stringify(credential, null, 2));
    await page.click("#verify-button");
    expect(await statusOf(page)).to.equal("valid");
    expect(await page.textContent("#share-panel")).to.include("cannot be taken back");
    await page.click("#make-share-link");
    await page.waitForSelector("#share-link:visible");
    const link = await page.inputValue("#share-link");
    expect(link.startsWith(`${host.url}/#c=`)).to.equal(true);
    const linkedIn = new URL((await page.getAttribute("#share-linkedin", "href"))!);
    expect(linkedIn.searchParams.get("certUrl")).to.equal(link);
    expect(linkedIn.searchParams.get("certId")).to.equal(credential.id);
    await screenshot(page, "make-link");

    const employer = await openLink(link);
    expect(await statusOf(employer)).to.equal("valid");
  });

  it("warns a holder on a page opened from a file that its links open only on that computer", async () => {
    const page = await openLink(`${pageUrlFor("file")}#`);
    await page.fill("#credential-json", JSON.stringify(chain.credentials[0]!));
    await page.click("#verify-button");
    expect(await statusOf(page)).to.equal("valid");
    expect(await page.textContent("#share-warning")).to.include("opens only here");
  });

  it("names a link cut short, with no verdict", async () => {
    const link = await shareLink(chain.credentials[0]!, {
      pageUrl: pageUrlFor("http"),
      kind: "inline",
    });
    const page = await openLink(link.slice(0, -60));
    await page.waitForSelector("#form-error:not([hidden])");
    expect(await page.textContent("#form-error")).to.include("share link cannot be opened");
    expect(await page.isVisible("#status")).to.equal(false);
  });
});
