// What every browser test of the verifier page starts from: Debian's Chromium (playwright-core,
// never a downloaded browser), a running `hardhat node` with the test registries and credentials
// (anchoredCredentials.ts), the page built from the current sources and served over http, and
// optionally a trustless gateway on 127.0.0.1 (test/share/localGateway.ts, a test double of a
// public gateway). Call usePageHarness() inside a describe: it registers the hooks that start and
// stop all of it, and fails any test during which the page threw.
import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect } from "chai";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { PROJECT_ROOT, type RunningNode, startHardhatNode } from "../deploy/hardhatNode.ts";
import { type LocalGateway, startLocalGateway } from "../share/localGateway.ts";
import { type AnchoredCredentials, anchorCredentials } from "./anchoredCredentials.ts";
import { buildPage } from "./builtPage.ts";
import { type StaticServer, serveStatic } from "./staticServer.ts";

export const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];
/** A verdict the page has finished: the banner's status is no longer "pending". */
export const FINISHED = '#status[data-status]:not([data-status="pending"])';
export const ARTIFACTS = path.join(PROJECT_ROOT, "test-artifacts");
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PageHarnessOptions {
  /**
   * Files the static server also serves under /credentials/<name>, made once the chain is up
   * (async for files that take work to make, such as another issuer's signed badge).
   */
  files?(chain: AnchoredCredentials): Map<string, unknown> | Promise<Map<string, unknown>>;
  /** Start a trustless gateway too. */
  gateway?: boolean;
}

export interface PageOptions {
  /** The browser's language, e.g. "fr-FR" (default "en-GB"). */
  locale?: string;
  /** Set the verifier's RPC URL and trusted registry first, as a user does once (default true). */
  settings?: boolean;
  /** The trusted registries typed in the settings (default the test registries); null: none. */
  trust?: string | null;
}

export interface PageHarness {
  readonly browser: Browser;
  readonly node: RunningNode;
  readonly chain: AnchoredCredentials;
  readonly host: StaticServer;
  readonly pageDir: string;
  readonly gateway: LocalGateway;
  /** The trust line for the test registries, as the page's settings take it. */
  readonly trust: string;
  /** The built page's address, served over http or opened as a file. */
  pageUrl(origin?: "http" | "file"): string;
  /** A page in a fresh browser context at `url` (default: the page over http). */
  open(url?: string, options?: PageOptions): Promise<Page>;
  /** The verdict the page reaches. */
  statusOf(page: Page): Promise<string | null>;
  /** Saves a full-page screenshot to test-artifacts/<name>.png and checks it is a real PNG. */
  screenshot(page: Page, name: string): Promise<Buffer>;
}

export function usePageHarness(options: PageHarnessOptions = {}): PageHarness {
  const state: Partial<Record<keyof PageHarness, unknown>> = {};
  let contexts: BrowserContext[] = [];
  let pageErrors: string[] = [];

  before(async function () {
    this.timeout(300_000);
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install Debian's Chromium with \`apt-get install chromium\` (CI does). These tests never download a browser.`,
      );
    }
    const startup = await Promise.allSettled([
      chromium
        .launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
        .then((browser) => {
          state.browser = browser;
        }),
      startHardhatNode().then((node) => {
        state.node = node;
      }),
      buildPage().then((dir) => {
        state.pageDir = dir;
      }),
      options.gateway
        ? startLocalGateway().then((gateway) => {
            state.gateway = gateway;
          })
        : undefined,
    ]);
    for (const outcome of startup) if (outcome.status === "rejected") throw outcome.reason;
    const chain = await anchorCredentials((state.node as RunningNode).url);
    state.chain = chain;
    state.trust = `eip155:${chain.genuine.chainId}:${chain.genuine.credentialRegistry}=Northwind test registries`;
    state.host = await serveStatic(
      state.pageDir as string,
      ((await options.files?.(chain)) ?? new Map()) as Parameters<typeof serveStatic>[1],
    );
    await mkdir(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await Promise.allSettled([
      (state.browser as Browser | undefined)?.close(),
      (state.host as StaticServer | undefined)?.close(),
      (state.gateway as LocalGateway | undefined)?.close(),
      (state.chain as AnchoredCredentials | undefined)?.connection.close(),
      (state.node as RunningNode | undefined)?.stop(),
      state.pageDir === undefined
        ? undefined
        : rm(state.pageDir as string, { recursive: true, force: true }),
    ]);
  });

  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
    const errors = pageErrors;
    pageErrors = [];
    expect(errors, "errors thrown in the page").to.deep.equal([]);
  });

  const harness = {
    pageUrl(origin: "http" | "file" = "http") {
      return origin === "http"
        ? `${harness.host.url}/`
        : pathToFileURL(path.join(harness.pageDir, "index.html")).href;
    },
    async open(url = harness.pageUrl(), pageOptions: PageOptions = {}) {
      const context = await harness.browser.newContext({
        viewport: { width: 1100, height: 900 },
        locale: pageOptions.locale ?? "en-GB",
        acceptDownloads: true,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on("pageerror", (error) => pageErrors.push(error.message));
      // As a user does: the settings are typed on the page itself, then the link (its query or
      // fragment naming a credential) is opened with them in place.
      const bare = url.split(/[?#]/)[0] ?? url;
      await page.goto(bare);
      if (pageOptions.settings !== false) {
        await page.fill("#rpc-url", harness.node.url);
        const trust = pageOptions.trust === undefined ? harness.trust : pageOptions.trust;
        if (trust !== null) await page.fill("#trusted-registries", trust);
      }
      if (bare !== url) await page.goto(url);
      return page;
    },
    async statusOf(page: Page) {
      return (await page.waitForSelector(FINISHED)).getAttribute("data-status");
    },
    async screenshot(page: Page, name: string) {
      const file = path.join(ARTIFACTS, `${name}.png`);
      await rm(file, { force: true });
      await page.screenshot({ path: file, fullPage: true });
      const png = await readFile(file);
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE), `${file} is a PNG`).to.equal(true);
      expect(png.length, `${file} has content`).to.be.greaterThan(10_000);
      return png;
    },
  } as PageHarness;
  for (const name of ["browser", "node", "chain", "host", "pageDir", "gateway", "trust"] as const) {
    Object.defineProperty(harness, name, {
      get() {
        if (state[name] === undefined) throw new Error(`the page harness has no ${name} (yet)`);
        return state[name];
      },
    });
  }
  return harness;
}
