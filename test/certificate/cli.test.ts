// `credanchor certificates` as a registrar runs it on the output folder of a real `credanchor
// issue` run: one PDF per graduate beside the template and its SvgRenderingTemplate, each PDF's
// QR code decoding (pdftoppm + jsqr) to that graduate's share link, whose encrypted copy on the
// embedded IPFS node opens to their credential.
import { execFile } from "node:child_process";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect } from "chai";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { templateDigest } from "../../src/certificate/index.ts";
import type { CertificatesReport } from "../../src/certificate/writeCertificates.ts";
import { readShareLink, shareableCredential } from "../../src/share/index.ts";
import { createEmbeddedStore, openEnvelope } from "../../src/storage/index.ts";
import { type IssuedFolder, issueFolder } from "../helpers/issuedFolder.ts";
import { runCli } from "../helpers/runCli.ts";

const jsQR = jsQRModule.default;
const run = promisify(execFile);
const GRADUATES = 3;

async function scanQr(pdfFile: string): Promise<string | undefined> {
  const prefix = `${pdfFile}.page`;
  await run("pdftoppm", [
    "-png",
    "-r",
    "150",
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

describe("credanchor certificates", function () {
  this.timeout(180_000);
  let issued: IssuedFolder;

  before(async () => {
    issued = await issueFolder(GRADUATES);
  });
  after(async () => {
    await issued?.remove();
  });

  it("writes one PDF per graduate whose QR code opens that graduate's credential", async () => {
    const out = await issued.fresh("linked");
    const ipfsDir = join(issued.dir, "certificates-ipfs");
    const result = await runCli([
      "certificates",
      out,
      "--page-url",
      "https://verify.northwind-poly.example/",
      "--ipfs-dir",
      ipfsDir,
      "--signatory",
      "Prof. Ada Stone",
      "--signatory-title",
      "Registrar",
      "--title",
      "Diploma",
      "--no-progress",
    ]);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.include(`${GRADUATES} certificates written`);
    expect(result.stdout).to.include("as a QR code and in text");

    const folder = join(out, "certificates");
    const report = JSON.parse(
      await readFile(join(folder, "certificates.json"), "utf8"),
    ) as CertificatesReport;
    const ids = (await readdir(join(out, "credentials"))).map((n) => n.split(".")[0]).sort();
    expect(report.certificates.map((c) => c.id)).to.deep.equal(ids);
    // The template beside the PDFs, named by its digest.
    const template = await readFile(join(folder, "template.svg"), "utf8");
    const method = JSON.parse(await readFile(join(folder, "render-method.json"), "utf8"));
    expect(method).to.include({ type: "SvgRenderingTemplate", mediaType: "image/svg+xml" });
    expect(method.digestMultibase).to.equal(templateDigest(template));
    // Links with keys: as private as the output folder.
    expect((await stat(folder)).mode & 0o077).to.equal(0);

    const store = await createEmbeddedStore({ directory: ipfsDir });
    try {
      for (const entry of report.certificates) {
        expect(entry.pdf).to.equal(join(folder, `${entry.id}.certificate.pdf`));
        expect(entry.qr, entry.id).to.equal(true);
        expect(await scanQr(entry.pdf), entry.id).to.equal(entry.link);
        const reference = readShareLink(entry.link!);
        if (reference?.kind !== "ipfs") throw new Error(`not an IPFS share link: ${entry.link}`);
        const opened = openEnvelope(await store.get(reference.cid), reference.key);
        const file = JSON.parse(
          await readFile(join(out, "credentials", `${entry.id}.credential.json`), "utf8"),
        );
        expect(JSON.parse(new TextDecoder().decode(opened))).to.deep.equal(
          shareableCredential(file),
        );
        expect(entry.credentialId).to.equal(file.id);
        const { stdout: text } = await run("pdftotext", [entry.pdf, "-"]);
        expect(text).to.include("Diploma");
        expect(text).to.include(file.credentialSubject.identifier[0].identityHash);
        expect(text).to.include("Prof. Ada Stone");
      }
    } finally {
      await store.close();
    }
    // A rerun (another template, say) prints the same links: no second copy is shared.
    const again = await runCli([
      "certificates",
      out,
      "--page-url",
      "https://verify.northwind-poly.example/",
      "--ipfs-dir",
      ipfsDir,
      "--title",
      "Degree",
      "--no-progress",
    ]);
    expect(again.code, again.stderr).to.equal(0);
    const rerun = JSON.parse(
      await readFile(join(folder, "certificates.json"), "utf8"),
    ) as CertificatesReport;
    expect(rerun.certificates.map((c) => c.link)).to.deep.equal(
      report.certificates.map((c) => c.link),
    );
    const { stdout: retitled } = await run("pdftotext", [rerun.certificates[0]!.pdf, "-"]);
    expect(retitled).to.include("Degree");
  });

  it("without a page URL writes certificates with no link nor QR code, and says how to add them", async () => {
    const out = await issued.fresh("unlinked");
    const result = await runCli(["certificates", out, "--no-progress"]);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.include("no link nor QR code: give --page-url");
    const pdfs = (await readdir(join(out, "certificates"))).filter((n) => n.endsWith(".pdf"));
    expect(pdfs).to.have.length(GRADUATES);
    expect(await scanQr(join(out, "certificates", pdfs[0]!))).to.equal(undefined);
  });

  it("names what is wrong: a folder with no holder files, a colour, a template that is not SVG", async () => {
    const empty = await runCli(["certificates", issued.dir, "--no-progress"]);
    expect(empty.code).to.not.equal(0);
    expect(empty.stderr).to.include(join(issued.dir, "credentials"));
    const colour = await runCli(["certificates", issued.out, "--primary", "red;x"]);
    expect(colour.code).to.not.equal(0);
    expect(colour.stderr).to.include('--primary "red;x" is not a colour');
    const notSvg = await runCli(["certificates", issued.out, "--template", issued.export]);
    expect(notSvg.code).to.not.equal(0);
    expect(notSvg.stderr).to.include("is not an SVG document");
  });
});

describe("credanchor certificates, a name the standard PDF fonts cannot print", function () {
  this.timeout(180_000);
  let issued: IssuedFolder;

  before(async () => {
    // The example export's 25th graduate is Idris Yılmaz: "ı" (dotless i) is not in Windows-1252.
    issued = await issueFolder(25);
  });
  after(async () => {
    await issued?.remove();
  });

  it("writes the others, names the holder file and the character, and prints all with --font", async () => {
    const out = await issued.fresh("fonts");
    const plain = await runCli(["certificates", out, "--no-progress"]);
    expect(plain.code).to.not.equal(0);
    expect(plain.stdout).to.include("24 certificates written");
    expect(plain.stderr).to.include("1 certificates were not written");
    expect(plain.stderr).to.include(join(out, "credentials", "NP-2021-1024.credential.json"));
    expect(plain.stderr).to.include('"ı"').and.include("--font");
    const folder = join(out, "certificates");
    expect((await readdir(folder)).filter((n) => n.endsWith(".pdf"))).to.have.length(24);

    const withFont = await runCli([
      "certificates",
      out,
      "--font",
      "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
      "--no-progress",
    ]);
    expect(withFont.code, withFont.stderr).to.equal(0);
    expect((await readdir(folder)).filter((n) => n.endsWith(".pdf"))).to.have.length(25);
    const { stdout: text } = await run("pdftotext", [
      join(folder, "NP-2021-1024.certificate.pdf"),
      "-",
    ]);
    expect(text).to.include("Idris Yılmaz");
  });
});
