// The whole walk of an employer handed a printed certificate: the PDF (of a signed v2 credential
// anchored on a running `hardhat node`) is printed to PNG by pdftoppm, its QR code read by jsqr
// as a phone's camera would, and the link it holds opened in the verifier page in a real browser
// (Debian's Chromium via playwright-core); the page fetches the encrypted copy from a trustless
// gateway on 127.0.0.1 (test/share/localGateway.ts, a test double of a public gateway), decrypts
// it and says VALID. Screenshot: test-artifacts/certificate-scanned.png.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect } from "chai";
import jsQRModule from "jsqr";
import { type Browser, chromium } from "playwright-core";
import { PNG } from "pngjs";
import { credentialCertificatePdf } from "../../src/certificate/certificatePdf.ts";
import { qrSvg } from "../../src/cli/qrCode.ts";
import { shareLink } from "../../src/share/index.ts";
import { PROJECT_ROOT, type RunningNode, startHardhatNode } from "../deploy/hardhatNode.ts";
import { type LocalGateway, startLocalGateway } from "../share/localGateway.ts";
import { type AnchoredCredentials, anchorCredentials } from "../web/anchoredCredentials.ts";
import { buildPage } from "../web/builtPage.ts";
import { type StaticServer, serveStatic } from "../web/staticServer.ts";

const jsQR = jsQRModule.default;
const run = promisify(execFile);
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"];
const FINISHED = '#status[data-status]:not([data-status="pending"])';

describe("a printed certificate, scanned and opened in the verifier page", function () {
  this.timeout(120_000);
  let dir: string;
  let pageDir: string;
  let node: RunningNode;
  let chain: AnchoredCredentials;
  let host: StaticServer;
  let gateway: LocalGateway;
  let browser: Browser;

  before(async function () {
    this.timeout(300_000);
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install Debian's Chromium with \`apt-get install chromium\` (CI does). This test never downloads a browser.`,
      );
    }
    dir = await mkdtemp(path.join(tmpdir(), "credanchor-certificate-page-"));
    const startup = await Promise.allSettled([
      chromium
        .launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
        .then((launched) => {
          browser = launched;
        }),
      startHardhatNode().then((started) => {
        node = started;
      }),
      buildPage().then((built) => {
        pageDir = built;
      }),
      startLocalGateway().then((started) => {
        gateway = started;
      }),
    ]);
    for (const outcome of startup) if (outcome.status === "rejected") throw outcome.reason;
    chain = await anchorCredentials(node.url);
    host = await serveStatic(pageDir, new Map());
  });

  after(async () => {
    await Promise.allSettled([
      browser?.close(),
      host?.close(),
      gateway?.close(),
      chain?.connection.close(),
      node?.stop(),
      pageDir === undefined ? undefined : rm(pageDir, { recursive: true, force: true }),
      dir === undefined ? undefined : rm(dir, { recursive: true, force: true }),
    ]);
  });

  it("reads the QR code of the printed PDF to the share link, which the page shows as VALID", async () => {
    const link = await shareLink(chain.v2, {
      pageUrl: `${host.url}/`,
      kind: "ipfs",
      store: gateway,
      gateways: [gateway.url],
    });
    const { pdf } = await credentialCertificatePdf(chain.v2, {
      link,
      qrSvg: await qrSvg(link, { margin: 2 }),
    });
    const pdfFile = path.join(dir, "certificate.pdf");
    await writeFile(pdfFile, pdf);
    await run("pdftoppm", ["-png", "-r", "150", "-singlefile", pdfFile, path.join(dir, "printed")]);
    const image = PNG.sync.read(await readFile(path.join(dir, "printed.png")));
    const scanned = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
    expect(scanned).to.equal(link);

    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      // The verifier's own RPC URL and trusted registry, as an employer sets them once.
      await page.goto(`${host.url}/`);
      await page.fill("#rpc-url", node.url);
      await page.fill(
        "#trusted-registries",
        `eip155:${chain.genuine.chainId}:${chain.genuine.credentialRegistry}=Northwind test registries`,
      );
      await page.goto(scanned!);
      const status = await (await page.waitForSelector(FINISHED)).getAttribute("data-status");
      expect(status).to.equal("valid");
      expect(await page.getAttribute('[data-check="signature"]', "data-result")).to.equal("pass");
      const artifacts = path.join(PROJECT_ROOT, "test-artifacts");
      await mkdir(artifacts, { recursive: true });
      await page.screenshot({
        path: path.join(artifacts, "certificate-scanned.png"),
        fullPage: true,
      });
      expect(errors, "errors thrown in the page").to.deep.equal([]);
    } finally {
      await context.close();
    }
  });
});
