import path from "node:path";
import type { Command } from "commander";
import { CredanchorError } from "../../errors.ts";
import { addStoreOptions, openContentStore, type StoreOptions } from "../contentStore.ts";
import { readInputFile, readInputText } from "../inputFiles.ts";
import { optionalPageUrl, PAGE_URL_VARIABLE } from "../pageUrl.ts";
import { OptionInvalidError } from "./args.ts";
import { outputOf } from "./report.ts";

interface CertificatesOptions extends StoreOptions {
  template?: string;
  pageUrl?: string;
  gateway?: string[];
  title?: string;
  logo?: string;
  signatory?: string;
  signatoryTitle?: string;
  primary?: string;
  accent?: string;
  language?: string;
  font?: string;
  progress?: boolean;
}

export function register(program: Command): void {
  addStoreOptions(
    program
      .command("certificates <outDir>")
      .description(
        "registrar: write one printable PDF certificate per graduate of an issue run's output folder, with the verification QR code and link",
      )
      .option(
        "--template <file>",
        "the issuer's SVG template (svg-mustache placeholders; docs/format.md) instead of the default diploma",
      )
      .option(
        "--page-url <url>",
        `the verifier page the links open (default: $${PAGE_URL_VARIABLE}); without one, no link nor QR code`,
      )
      .option("--gateway <urls...>", "trustless gateways the links name for their copies")
      .option("--title <text>", 'the heading, e.g. "Diploma" (default "Certificate")')
      .option(
        "--logo <file>",
        "the issuer's logo, a PNG or JPEG file (default: a seal of its initials)",
      )
      .option("--signatory <name>", "who signs: printed under the signature line")
      .option("--signatory-title <text>", 'the signatory\'s title, e.g. "Registrar"')
      .option("--primary <colour>", "frame and title colour, e.g. #1f3a5f")
      .option("--accent <colour>", "rule and small-print colour, e.g. #b08d3c")
      .option("--language <tag>", "words and date of the default template: en or fr", "en")
      .option(
        "--font <file>",
        "a TrueType/OpenType font for names the standard PDF fonts cannot print (Ł, Cyrillic, CJK…), e.g. DejaVuSerif.ttf",
      )
      .option("--no-progress", "no progress on stderr"),
  ).action(async (outDir: string, options: CertificatesOptions, command: Command) => {
    const out = outputOf(command);
    const pageUrl = optionalPageUrl(options.pageUrl);
    const template =
      options.template === undefined
        ? undefined
        : await readInputText(options.template, "--template");
    if (template !== undefined && !/<svg[\s>]/.test(template)) {
      throw new OptionInvalidError("--template", options.template!, "is not an SVG document");
    }
    const style = {
      ...(options.title === undefined ? {} : { title: options.title }),
      ...(options.logo === undefined ? {} : { logo: await logoOf(options.logo) }),
      ...(options.signatory === undefined
        ? {}
        : {
            signatory: {
              name: options.signatory,
              ...(options.signatoryTitle === undefined ? {} : { title: options.signatoryTitle }),
            },
          }),
      ...(options.primary === undefined ? {} : { primary: colourOf(options.primary, "--primary") }),
      ...(options.accent === undefined ? {} : { accent: colourOf(options.accent, "--accent") }),
    };
    const { writeCertificates } = await import("../../certificate/writeCertificates.ts");
    const store =
      pageUrl === undefined || (options.ipfsDir === undefined && options.kubo === undefined)
        ? undefined
        : await openContentStore(options);
    const showProgress = options.progress !== false && !out.json;
    let report: Awaited<ReturnType<typeof writeCertificates>>;
    try {
      const { shareLink } = await import("../../share/index.ts");
      const { qrSvg } = await import("../qrCode.ts");
      report = await writeCertificates(outDir, {
        ...(template === undefined ? {} : { template }),
        style,
        ...(options.language === undefined ? {} : { language: options.language }),
        ...(options.font === undefined
          ? {}
          : { font: await readInputFile(options.font, "--font") }),
        ...(pageUrl === undefined
          ? {}
          : {
              // A rerun keeps the copy an earlier run shared (same page, a store given again)
              // rather than storing another one for the same graduate.
              linkOf: (credential: object, _id: string, previous: string | undefined) =>
                previous !== undefined &&
                store !== undefined &&
                previous.startsWith(`${pageUrl}#cid=`)
                  ? Promise.resolve(previous)
                  : shareLink(credential, {
                      pageUrl,
                      kind: store === undefined ? "inline" : "auto",
                      ...(store === undefined ? {} : { store }),
                      gateways: options.gateway ?? [],
                    }),
              qrSvgOf: (link: string) => qrSvg(link, { margin: 2 }),
            }),
        onProgress: (done, total) => {
          if (showProgress && (done === total || done % 100 === 0)) {
            process.stderr.write(`certificates: ${done}/${total}\n`);
          }
        },
      });
    } finally {
      await store?.close();
    }
    out.result(
      {
        folder: report.folder,
        count: report.certificates.length,
        withoutQr: report.withoutQr,
        unprintable: report.unprintable,
        linked: pageUrl !== undefined,
        renderMethod: report.renderMethod,
        seconds: Number(report.seconds.toFixed(2)),
        certificates: report.certificates,
      },
      (r) =>
        [
          `${r.count} certificates written to ${r.folder} in ${r.seconds} s (<id>.certificate.pdf, one per graduate)`,
          `template: ${path.join(r.folder, "template.svg")} (digestMultibase ${r.renderMethod.digestMultibase}; render-method.json names it)`,
          !r.linked
            ? `no link nor QR code: give --page-url (or set ${PAGE_URL_VARIABLE}) to print each graduate's share link`
            : r.withoutQr > 0
              ? `${r.withoutQr} links carry the whole credential, too long for a QR code (printed on page 2): give --ipfs-dir or --kubo to store encrypted copies and get QR-sized links`
              : "each PDF carries its graduate's share link as a QR code and in text",
          "links with a key in them are in certificates.json: keep the folder private; `credanchor unshare --link <link>` takes a copy down",
        ].join("\n"),
    );
    if (report.unprintable.length > 0) {
      throw new CredanchorError(
        "CERTIFICATE_FONT_MISSING",
        `${report.unprintable.length} certificates were not written: the standard PDF fonts cannot print their names (${report.unprintable
          .slice(0, 5)
          .map((u) => `${u.file}: ${[...u.characters].map((c) => `"${c}"`).join(" ")}`)
          .join(
            "; ",
          )}${report.unprintable.length > 5 ? "; …" : ""}). Run again with --font <file.ttf>, a font that has them (e.g. Debian's /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf).`,
        { unprintable: report.unprintable },
      );
    }
  });
}

/** A PNG or JPEG file as a data: URI, the one kind of image the PDF draws. */
async function logoOf(file: string): Promise<string> {
  const bytes = await readInputFile(file, "--logo");
  const type = bytes
    .subarray(0, 8)
    .equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    ? "image/png"
    : bytes[0] === 0xff && bytes[1] === 0xd8
      ? "image/jpeg"
      : undefined;
  if (type === undefined) throw new OptionInvalidError("--logo", file, "is not a PNG or JPEG file");
  return `data:${type};base64,${bytes.toString("base64")}`;
}

function colourOf(value: string, option: string): string {
  if (!/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value)) {
    throw new OptionInvalidError(option, value, "is not a colour like #1f3a5f");
  }
  return value;
}
