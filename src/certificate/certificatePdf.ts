// A certificate as a PDF, made in JavaScript without a browser (pdfkit + svg-to-pdfkit), so a
// registrar can make a thousand on a server: the drawn certificate (drawCertificate's SVG) on an
// A4 landscape page, the verification QR code in the space the template leaves for it, and the
// share link in text. A link too long for the foot of the page is printed whole on a second page;
// one too long for any QR code (over 2,953 bytes) gets no QR code. Node only (pdfkit). The text
// is set in the standard PDF fonts, which print Windows-1252 only: a certificate with any other
// character (a "Ł", Cyrillic, CJK) is refused rather than printed without it, unless a font file
// that has them is given (embedded, subset; slower: it is parsed for each PDF).
/// <reference path="./svgToPdfkit.d.ts" />
import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";
import { CredanchorError } from "../errors.ts";
import { type CertificateView, certificateViewOf } from "./certificateView.ts";
import { DEFAULT_TEMPLATE, QR_BOX } from "./defaultTemplate.ts";
import type { DrawOptions } from "./drawCertificate.ts";
import { templateDigest } from "./renderMethod.ts";
import { renderTemplate } from "./renderTemplate.ts";

/** A4 landscape in points; the template's 1123 x 794 px page scaled to it. */
const PAGE = { width: 841.89, height: 595.28 } as const;
const SCALE = PAGE.width / 1123;
/** Longest link printed at the foot of the certificate; longer ones go to a second page. */
const FOOT_LINK_CHARS = 240;
/** What a version-40 QR code holds at level L. */
export const QR_MAX_BYTES = 2_953;

export interface CertificatePdfOptions {
  /** The link the QR code and the text carry (a share link); none: neither is printed. */
  link?: string;
  /** The QR code of `link` as an SVG document (src/cli/qrCode.ts qrSvg, margin 0). */
  qrSvg?: string;
  /** Where the QR code goes, in the template's pixels (default: the default template's box). */
  qrBox?: { x: number; y: number; size: number };
  /** The words printed before the link. */
  verifyAt?: string;
  /** A TrueType or OpenType font with every character drawn; default: the standard fonts. */
  font?: Uint8Array;
  /** Names the credential file in errors. */
  source?: string;
  /** PDF metadata. */
  info?: { title?: string; author?: string; subject?: string; keywords?: string };
}

/**
 * A credential's certificate as a PDF: drawn from `options.template` (default: the diploma), with
 * `link` in text and its QR code (`qrSvg`, e.g. src/cli/qrCode.ts qrSvg(link, { margin: 2 })).
 * The PDF's metadata names the credential and the template's digestMultibase.
 */
export async function credentialCertificatePdf(
  credential: object,
  options: DrawOptions & { link?: string; qrSvg?: string; font?: Uint8Array } = {},
): Promise<{ pdf: Buffer; view: CertificateView }> {
  const { link, qrSvg, font, template = DEFAULT_TEMPLATE, ...viewOptions } = options;
  const view = certificateViewOf(credential, viewOptions);
  const svg = renderTemplate(template, { ...credential, certificate: view });
  const fitsQr = link !== undefined && new TextEncoder().encode(link).length <= QR_MAX_BYTES;
  const pdf = await certificatePdf(svg, {
    ...(link === undefined ? {} : { link }),
    ...(qrSvg === undefined || !fitsQr ? {} : { qrSvg }),
    verifyAt: view.words.verifyAt,
    ...(font === undefined ? {} : { font }),
    ...(viewOptions.source === undefined ? {} : { source: viewOptions.source }),
    info: {
      title: `${view.title}: ${view.achievement.name}`,
      author: view.issuer.name,
      subject: view.credentialId,
      keywords: `SvgRenderingTemplate ${templateDigest(template)}`,
    },
  });
  return { pdf, view };
}

/**
 * A link in lines of at most 120 characters (it has no spaces to break at), none ending in "-":
 * text extraction (pdftotext, copy and paste) takes a hyphen at the end of a line for a word
 * break and drops it.
 */
function linesOf(link: string): string[] {
  const lines: string[] = [];
  for (let at = 0; at < link.length; ) {
    let end = Math.min(at + 120, link.length);
    while (end < link.length && end > at + 1 && link[end - 1] === "-") end--;
    lines.push(link.slice(at, end));
    at = end;
  }
  return lines;
}

const EMBEDDED_FONT = "credanchor-certificate-font";

/** What the standard fonts print: Latin-1's printable range and Windows-1252's additions. */
const WIN_ANSI =
  /[^\t\n\r\u0020-\u007E\u00A0-\u00FF\u20AC\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u017D\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u017E\u0178]/gu;

/** The characters of `svg` the standard PDF fonts cannot print (each once). */
export function unprintableCharacters(svg: string): string[] {
  return [...new Set(svg.match(WIN_ANSI) ?? [])];
}

function requirePrintable(svg: string, source = "the credential"): void {
  const missing = unprintableCharacters(svg);
  if (missing.length > 0) {
    throw new CredanchorError(
      "CERTIFICATE_FONT_MISSING",
      `${source}: the standard PDF fonts cannot print ${missing
        .slice(0, 10)
        .map((c) => `"${c}"`)
        .join(
          ", ",
        )}: give a font file that has them (credanchor certificates --font <file.ttf>, e.g. Debian's /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf or a Noto Serif).`,
      { file: source, characters: missing.join("") },
    );
  }
}

/** The PDF bytes of a certificate drawn as `svg`. */
export function certificatePdf(svg: string, options: CertificatePdfOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margin: 0,
    info: {
      Title: options.info?.title ?? "Certificate",
      ...(options.info?.author === undefined ? {} : { Author: options.info.author }),
      ...(options.info?.subject === undefined ? {} : { Subject: options.info.subject }),
      ...(options.info?.keywords === undefined ? {} : { Keywords: options.info.keywords }),
      Creator: "credanchor",
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  if (options.font === undefined) requirePrintable(svg, options.source);
  else doc.registerFont(EMBEDDED_FONT, Buffer.from(options.font));
  SVGtoPDF(doc, svg, 0, 0, {
    width: PAGE.width,
    height: PAGE.height,
    warningCallback: () => {},
    ...(options.font === undefined
      ? {}
      : {
          fontCallback: (_family, bold, italic, fontOptions) => {
            Object.assign(fontOptions, { fauxBold: bold, fauxItalic: italic });
            return EMBEDDED_FONT;
          },
        }),
  });
  const { link, qrSvg } = options;
  if (link !== undefined) {
    if (qrSvg !== undefined) drawQr(doc, qrSvg, options.qrBox ?? QR_BOX);
    const verifyAt = options.verifyAt ?? "Verify this certificate:";
    doc.font("Helvetica").fontSize(6).fillColor("#444444");
    if (link.length <= FOOT_LINK_CHARS) {
      const line = `${verifyAt} ${link}`;
      const width = doc.widthOfString(line);
      const x = Math.max(24, (PAGE.width - width) / 2);
      doc.text(verifyAt, x, PAGE.height - 15, { continued: true, lineBreak: false });
      doc.text(` ${link}`, { link, lineBreak: false });
    } else {
      const note = `${verifyAt} page 2`;
      doc.text(note, (PAGE.width - doc.widthOfString(note)) / 2, PAGE.height - 15, {
        lineBreak: false,
      });
      doc.addPage({ size: [PAGE.width, PAGE.height], margin: 48 });
      doc.font("Helvetica").fontSize(11).fillColor("#222222").text(verifyAt, 48, 48);
      doc.moveDown(0.5);
      doc.font("Courier").fontSize(7).text(linesOf(link).join("\n"), { link });
    }
  }
  doc.end();
  return done;
}

/**
 * Draws a QR code SVG in `box`. The qrcode package's SVG (a white square, then the dark modules
 * as one stroked path) is drawn straight as PDF paths, three times faster than through
 * svg-to-pdfkit; any other SVG goes through svg-to-pdfkit.
 */
function drawQr(doc: PDFKit.PDFDocument, svg: string, box: { x: number; y: number; size: number }) {
  const size = box.size * SCALE;
  const modules = /viewBox="0 0 (\d+) \1"/.exec(svg)?.[1];
  const dark = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1];
  if (modules === undefined || dark === undefined) {
    SVGtoPDF(doc, svg, box.x * SCALE, box.y * SCALE, {
      width: size,
      height: size,
      warningCallback: () => {},
    });
    return;
  }
  const scale = size / Number(modules);
  doc
    .save()
    .translate(box.x * SCALE, box.y * SCALE)
    .scale(scale);
  doc.rect(0, 0, Number(modules), Number(modules)).fill("#ffffff");
  doc.path(dark).lineWidth(1).lineCap("butt").stroke("#000000");
  doc.restore();
}
