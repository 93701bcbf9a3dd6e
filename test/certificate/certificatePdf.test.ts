// The PDF certificate as a person meets it: printed (rendered to PNG by poppler's pdftoppm), its
// QR code read by a decoder as a phone's camera would (jsqr over the image), the link followed to
// an encrypted copy on a trustless gateway on 127.0.0.1 (the tests' gateway, a test double of a
// public one) and opened: it is the credential. The text a reader copies (pdftotext) holds the
// link and the holder's name.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect } from "chai";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { certificatePdf, credentialCertificatePdf } from "../../src/certificate/certificatePdf.ts";
import { DEFAULT_TEMPLATE, drawCertificate, templateDigest } from "../../src/certificate/index.ts";
import { qrSvg } from "../../src/cli/qrCode.ts";
import { attachAnchor, buildCredential } from "../../src/credential/index.ts";
import { CredanchorError } from "../../src/errors.ts";
import { openShare, readShareLink, shareableCredential, shareLink } from "../../src/share/index.ts";
import { anchorV2, contextV2, fullRecord, viaJson } from "../credential/support.ts";
import { type LocalGateway, startLocalGateway } from "../share/localGateway.ts";

// jsqr is CommonJS whose module.exports is the function, with a `default` pointing to itself.
const jsQR = jsQRModule.default;
const run = promisify(execFile);
/** A font with Latin Extended-A, as Debian's fonts-dejavu-core installs it (Chromium needs it). */
const DEJAVU_SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf";

/** Prints page `page` of a PDF at `dpi` and returns what a phone's camera decodes from it. */
async function scanQr(pdfFile: string, dpi = 150): Promise<string | undefined> {
  const prefix = `${pdfFile}.page`;
  await run("pdftoppm", [
    "-png",
    "-r",
    String(dpi),
    "-f",
    "1",
    "-l",
    "1",
    "-singlefile",
    pdfFile,
    prefix,
  ]);
  const image = PNG.sync.read(await readFile(`${prefix}.png`));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

async function textOf(pdfFile: string, page: number): Promise<string> {
  const { stdout } = await run("pdftotext", ["-f", String(page), "-l", String(page), pdfFile, "-"]);
  return stdout;
}

async function pageCount(pdfFile: string): Promise<number> {
  const { stdout } = await run("pdfinfo", [pdfFile]);
  return Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1]);
}

describe("certificatePdf", function () {
  this.timeout(60_000);
  const credential = viaJson(
    attachAnchor(buildCredential({ record: fullRecord, index: 0, context: contextV2 }), anchorV2),
  );
  let dir: string;
  let gateway: LocalGateway;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "credanchor-certificate-"));
    gateway = await startLocalGateway();
  });
  after(async () => {
    await gateway?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("carries a QR code a phone decodes to the share link, which opens the credential", async () => {
    const link = await shareLink(credential, {
      pageUrl: "https://verify.northwind-poly.example/",
      kind: "ipfs",
      store: gateway,
      gateways: [gateway.url],
    });
    const pdf = await certificatePdf(drawCertificate(credential), {
      link,
      qrSvg: await qrSvg(link, { margin: 2 }),
    });
    const file = join(dir, "graduate.pdf");
    await writeFile(file, pdf);

    expect(pdf.subarray(0, 5).toString()).to.equal("%PDF-");
    expect(await pageCount(file)).to.equal(1);
    expect(await scanQr(file)).to.equal(link);
    const text = await textOf(file, 1);
    expect(text).to.include(link);
    for (const words of ["Northwind Polytechnic", "Tomás Okonkwo-Ribeiro", "BEng Mechatronics"]) {
      expect(text, words).to.include(words);
    }
    // Following the link: the page would fetch the sealed copy from the gateway and open it.
    const reference = readShareLink(link);
    expect(reference?.kind).to.equal("ipfs");
    const opened = await openShare(reference!, { gateways: [gateway.url] });
    expect(JSON.parse(opened)).to.deep.equal(shareableCredential(credential));
  });

  it("prints a link too long for the foot of the page whole on a second page", async () => {
    const link = await shareLink(credential, {
      pageUrl: "https://verify.northwind-poly.example/",
      kind: "inline",
    });
    expect(link.length).to.be.greaterThan(2_953); // more than any QR code holds
    const file = join(dir, "inline.pdf");
    await writeFile(file, await certificatePdf(drawCertificate(credential), { link }));
    expect(await pageCount(file)).to.equal(2);
    expect(await scanQr(file)).to.equal(undefined);
    expect((await textOf(file, 1)).replace(/\s+/g, " ")).to.include(
      "Verify this certificate: page 2",
    );
    expect((await textOf(file, 2)).replace(/\s+/g, "")).to.include(link);
  });

  it("never ends a line of a long link with a hyphen, which text extraction would drop", async () => {
    // "-" is the link's 120th character: the end of a 120-character line.
    const link = `https://verify.example/#c=${"a".repeat(93)}-${"b".repeat(3_000)}`;
    const file = join(dir, "hyphen.pdf");
    await writeFile(file, await certificatePdf(drawCertificate(credential), { link }));
    expect((await textOf(file, 2)).replace(/\s+/g, "")).to.include(link);
  });

  it("has no link nor QR code when none is given", async () => {
    const file = join(dir, "plain.pdf");
    await writeFile(file, await certificatePdf(drawCertificate(credential)));
    expect(await scanQr(file)).to.equal(undefined);
    expect(await textOf(file, 1)).to.not.include("Verify");
  });

  it("names the credential, its issuer and the template's digest in the PDF's metadata", async () => {
    const link =
      "https://verify.northwind-poly.example/#cid=bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku&k=x";
    const { pdf, view } = await credentialCertificatePdf(credential, {
      link,
      qrSvg: await qrSvg(link, { margin: 2 }),
      language: "fr",
    });
    const file = join(dir, "metadata.pdf");
    await writeFile(file, pdf);
    const { stdout } = await run("pdfinfo", [file]);
    expect(stdout).to.match(new RegExp(`^Subject:\\s+${credential.id}$`, "m"));
    expect(stdout).to.match(/^Author:\s+Northwind Polytechnic$/m);
    expect(stdout).to.include(`SvgRenderingTemplate ${templateDigest(DEFAULT_TEMPLATE)}`);
    expect(view.words.language).to.equal("fr");
    expect(await scanQr(file)).to.equal(link);
    expect(await textOf(file, 1)).to.include("Vérifier ce certificat");
  });

  it("refuses a name the standard PDF fonts cannot print, and prints it in a font that has it", async () => {
    const polish = viaJson(
      attachAnchor(
        buildCredential({
          record: { ...fullRecord, holderName: "Łukasz Żółć" },
          index: 0,
          context: contextV2,
        }),
        anchorV2,
      ),
    );
    // Printed without them, "Łukasz Żółć" would read "ukasz óc": refused, naming what is missing.
    let refused: unknown;
    try {
      await credentialCertificatePdf(polish, { source: "NP-1.credential.json" });
    } catch (error) {
      refused = error;
    }
    expect(refused).to.be.instanceOf(CredanchorError);
    expect((refused as CredanchorError).code).to.equal("CERTIFICATE_FONT_MISSING");
    expect((refused as Error).message)
      .to.include("NP-1.credential.json")
      .and.include('"Ł"');
    expect((refused as Error).message).to.include("--font");

    const font = await readFile(DEJAVU_SERIF).catch(() => {
      throw new Error(`${DEJAVU_SERIF} is missing: install Debian's fonts-dejavu-core`);
    });
    const { pdf } = await credentialCertificatePdf(polish, { font });
    const file = join(dir, "polish.pdf");
    await writeFile(file, pdf);
    expect(await textOf(file, 1)).to.include("Łukasz Żółć");
  });
});
