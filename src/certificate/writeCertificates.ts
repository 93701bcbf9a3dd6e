// One PDF certificate per graduate of an issue run's output folder (<out>/credentials/*), written
// to <out>/certificates/<id>.certificate.pdf beside the template they were drawn from
// (template.svg), its SvgRenderingTemplate (render-method.json) and a list of what was written
// (certificates.json: each credential's id, PDF, link and template digest). Links with a key in
// them are the holder's: the folder stays as private as the output folder (0700 / 0600).
// Node only. How a link and its QR code are made is the caller's (the CLI passes share links).
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CredentialJsonError, parseCredentialJson } from "../credential/index.ts";
import { CredanchorError } from "../errors.ts";
import { CREDENTIAL_SUFFIX, CREDENTIALS_DIR } from "../issuer/index.ts";
import { credentialCertificatePdf, QR_MAX_BYTES, unprintableCharacters } from "./certificatePdf.ts";
import { type CertificateStyle, certificateViewOf } from "./certificateView.ts";
import { DEFAULT_TEMPLATE } from "./defaultTemplate.ts";
import { type SvgRenderingTemplate, svgRenderingTemplateOf } from "./renderMethod.ts";
import { renderTemplate } from "./renderTemplate.ts";

export const CERTIFICATES_DIR = "certificates";
export const CERTIFICATE_SUFFIX = ".certificate.pdf";
export const TEMPLATE_FILE = "template.svg";
export const RENDER_METHOD_FILE = "render-method.json";
export const CERTIFICATES_LIST = "certificates.json";

export interface WriteCertificatesOptions {
  /** An svg-mustache SVG template; default the default diploma. */
  template?: string;
  /** Where the issuer publishes the template (the render method's id); default template.svg. */
  templateId?: string;
  style?: Partial<CertificateStyle>;
  language?: string;
  /** A TrueType/OpenType font for names the standard PDF fonts cannot print (certificatePdf.ts). */
  font?: Uint8Array;
  /**
   * The link a graduate's certificate carries (its share link); undefined: none. `previous` is
   * the link an earlier run printed for this holder file (certificates.json), so a rerun can keep
   * it instead of sharing another copy.
   */
  linkOf?: (
    credential: object,
    id: string,
    previous: string | undefined,
  ) => Promise<string | undefined>;
  /** The QR code of a link as an SVG document; without it the PDF has no QR code. */
  qrSvgOf?: (link: string) => Promise<string>;
  onProgress?: (done: number, total: number) => void;
}

/** One certificate written. */
export interface CertificateEntry {
  /** The holder file's id (`<id>.credential.json`). */
  id: string;
  credentialId: string;
  pdf: string;
  link: string | null;
  qr: boolean;
}

export interface CertificatesReport {
  outDir: string;
  folder: string;
  renderMethod: SvgRenderingTemplate;
  certificates: CertificateEntry[];
  /** Certificates whose link was too long for a QR code (the link is printed on page 2). */
  withoutQr: number;
  /**
   * Holder files not printed: characters the standard PDF fonts lack, no --font given (no link
   * was made for them either).
   */
  unprintable: Array<{ id: string; file: string; characters: string }>;
  seconds: number;
}

/** Writes one PDF per holder file of `outDir`. */
export async function writeCertificates(
  outDir: string,
  options: WriteCertificatesOptions = {},
): Promise<CertificatesReport> {
  const started = performance.now();
  const credentialsDir = join(outDir, CREDENTIALS_DIR);
  const names = await holderFilesIn(credentialsDir);
  const folder = join(outDir, CERTIFICATES_DIR);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const template = options.template ?? DEFAULT_TEMPLATE;
  const renderMethod = svgRenderingTemplateOf(template, {
    id: options.templateId ?? TEMPLATE_FILE,
    name: "credanchor certificate",
  });
  await writeFile(join(folder, TEMPLATE_FILE), template, { mode: 0o600 });
  await writeFile(join(folder, RENDER_METHOD_FILE), `${JSON.stringify(renderMethod, null, 2)}\n`, {
    mode: 0o600,
  });

  const previous = await previousLinks(join(folder, CERTIFICATES_LIST));
  const certificates: CertificateEntry[] = [];
  const unprintable: CertificatesReport["unprintable"] = [];
  for (const name of names) {
    const id = name.slice(0, -CREDENTIAL_SUFFIX.length);
    const file = join(credentialsDir, name);
    const credential = await readHolderFile(file);
    if (options.font === undefined) {
      // Checked before a link (and a shared copy) is made for a certificate that cannot print.
      const certificate = certificateViewOf(credential, {
        source: file,
        ...(options.style === undefined ? {} : { style: options.style }),
        ...(options.language === undefined ? {} : { language: options.language }),
      });
      const missing = unprintableCharacters(
        renderTemplate(template, { ...credential, certificate }),
      );
      if (missing.length > 0) {
        unprintable.push({ id, file, characters: missing.join("") });
        continue;
      }
    }
    const link = await options.linkOf?.(credential, id, previous.get(id));
    const fitsQr = link !== undefined && new TextEncoder().encode(link).length <= QR_MAX_BYTES;
    const qrSvg = fitsQr && options.qrSvgOf !== undefined ? await options.qrSvgOf(link) : undefined;
    const { pdf, view } = await credentialCertificatePdf(credential, {
      template,
      source: file,
      ...(options.style === undefined ? {} : { style: options.style }),
      ...(options.language === undefined ? {} : { language: options.language }),
      ...(options.font === undefined ? {} : { font: options.font }),
      ...(link === undefined ? {} : { link }),
      ...(qrSvg === undefined ? {} : { qrSvg }),
    });
    const pdfFile = join(folder, `${id}${CERTIFICATE_SUFFIX}`);
    await writeFile(pdfFile, pdf, { mode: 0o600 });
    certificates.push({
      id,
      credentialId: view.credentialId,
      pdf: pdfFile,
      link: link ?? null,
      qr: qrSvg !== undefined,
    });
    options.onProgress?.(certificates.length + unprintable.length, names.length);
  }
  const report: CertificatesReport = {
    outDir,
    folder,
    renderMethod,
    certificates,
    withoutQr: certificates.filter((c) => c.link !== null && !c.qr).length,
    unprintable,
    seconds: (performance.now() - started) / 1000,
  };
  await writeFile(join(folder, CERTIFICATES_LIST), `${JSON.stringify(report, null, 2)}\n`, {
    mode: 0o600,
  });
  return report;
}

/** Holder file id -> the link an earlier run printed (none when there was no earlier run). */
async function previousLinks(list: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(list, "utf8");
  } catch {
    return new Map();
  }
  try {
    const earlier = JSON.parse(text) as Partial<CertificatesReport>;
    return new Map(
      (earlier.certificates ?? [])
        .filter((c) => typeof c.id === "string" && typeof c.link === "string")
        .map((c) => [c.id, c.link!] as const),
    );
  } catch {
    throw new CredanchorError(
      "OUTPUT_FOLDER_INVALID",
      `${list} is damaged (not JSON): it lists the links of an earlier run; move it away to share new copies for every graduate.`,
      { file: list },
    );
  }
}

async function holderFilesIn(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new CredanchorError(
      "OUTPUT_FOLDER_INVALID",
      `${dir} cannot be listed (${(error as NodeJS.ErrnoException).code ?? String(error)}): give the --out folder of a \`credanchor issue\` run (its holder files are in ${CREDENTIALS_DIR}/).`,
      { folder: dir },
    );
  }
  const holders = names.filter((n) => n.endsWith(CREDENTIAL_SUFFIX)).sort();
  if (holders.length === 0) {
    throw new CredanchorError(
      "OUTPUT_FOLDER_INVALID",
      `${dir} holds no holder file (*${CREDENTIAL_SUFFIX}): give the --out folder of a finished \`credanchor issue\` run.`,
      { folder: dir },
    );
  }
  return holders;
}

async function readHolderFile(file: string): Promise<Record<string, unknown>> {
  const text = await readFile(file, "utf8");
  try {
    return parseCredentialJson(text, file) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof CredentialJsonError) {
      throw new CredanchorError("CREDENTIAL_FILE_INVALID", error.message, { file });
    }
    throw error;
  }
}
