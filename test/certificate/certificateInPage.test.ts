// The whole walk of an employer handed a printed certificate: the PDF (of a signed v2 credential
// anchored on a running `hardhat node`) is printed to PNG by pdftoppm, its QR code read by jsqr
// as a phone's camera would, and the link it holds opened in the verifier page in a real browser
// (Debian's Chromium via playwright-core); the page fetches the encrypted copy from a trustless
// gateway on 127.0.0.1 (test/share/localGateway.ts, a test double of a public gateway), decrypts
// it and says VALID. Screenshot: test-artifacts/certificate-scanned.png.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect } from "chai";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { credentialCertificatePdf } from "../../src/certificate/certificatePdf.ts";
import { qrSvg } from "../../src/cli/qrCode.ts";
import { shareLink } from "../../src/share/index.ts";
import { usePageHarness } from "../web/pageHarness.ts";

const jsQR = jsQRModule.default;
const run = promisify(execFile);

describe("a printed certificate, scanned and opened in the verifier page", function () {
  this.timeout(120_000);
  const web = usePageHarness({ gateway: true });
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "credanchor-certificate-page-"));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads the QR code of the printed PDF to the share link, which the page shows as VALID", async () => {
    const link = await shareLink(web.chain.v2, {
      pageUrl: web.pageUrl(),
      kind: "ipfs",
      store: web.gateway,
      gateways: [web.gateway.url],
    });
    const { pdf } = await credentialCertificatePdf(web.chain.v2, {
      link,
      qrSvg: await qrSvg(link, { margin: 2 }),
    });
    const pdfFile = path.join(dir, "certificate.pdf");
    await writeFile(pdfFile, pdf);
    await run("pdftoppm", ["-png", "-r", "150", "-singlefile", pdfFile, path.join(dir, "printed")]);
    const image = PNG.sync.read(await readFile(path.join(dir, "printed.png")));
    const scanned = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
    expect(scanned).to.equal(link);

    // The employer's verifier page, its own RPC URL and trusted registry set once.
    const page = await web.open(scanned!);
    expect(await web.statusOf(page)).to.equal("valid");
    expect(await page.getAttribute('[data-check="signature"]', "data-result")).to.equal("pass");
    await web.screenshot(page, "certificate-scanned");
  });
});
