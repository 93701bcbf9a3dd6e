// The issuer's own certificate template, when the holder has it. A credential is bound to a
// template by an SvgRenderingTemplate (docs/format.md §11.3): the render-method.json the issuer
// writes beside the certificates, or a `renderMethod` the credential carries. The page draws that
// template only when its bytes match the binding's digest; otherwise it draws the default and says
// why. The template is a file dropped beside the credential, or fetched from the binding's https
// URL (the only request the page makes to an issuer, and only when the holder gave the binding).
import {
  drawCertificate,
  type SvgRenderingTemplate,
  templateDigest,
} from "../../src/certificate/index.ts";
import { CATALOGUES, type Language } from "../../src/labels/index.ts";

/** What the holder dropped beside the credential. */
export interface TemplateFiles {
  template?: { name: string; bytes: Uint8Array };
  binding?: { name: string; method: SvgRenderingTemplate | undefined };
}

/** What the certificate is drawn from: the issuer's template, or the default with a note why. */
export interface CertificateTemplate {
  /** The issuer's template, its digest checked; undefined: the default template. */
  template?: string;
  /** Said beside the certificate; none when nothing binds the credential to a template. */
  note?: string;
  /** True when a template was given or named but is not drawn. */
  refused: boolean;
}

/** Templates far larger than a page of SVG are not certificates; reading them only costs time. */
export const MAX_TEMPLATE_BYTES = 2 * 1024 * 1024;
type TemplateWords = (typeof CATALOGUES)[string]["certificateTemplate"];

/** The SvgRenderingTemplate in `value`, if it is one the page can check a template against. */
export function svgRenderingTemplateIn(value: unknown): SvgRenderingTemplate | undefined {
  const entries = Array.isArray(value) ? value : [value];
  for (const entry of entries) {
    if (entry === null || typeof entry !== "object") continue;
    const m = entry as Record<string, unknown>;
    if (
      m.type === "SvgRenderingTemplate" &&
      typeof m.id === "string" &&
      typeof m.digestMultibase === "string" &&
      /^z[1-9A-HJ-NP-Za-km-z]{40,60}$/.test(m.digestMultibase)
    ) {
      return m as unknown as SvgRenderingTemplate;
    }
  }
  return undefined;
}

/** True for a JSON document meant as a template binding (a render-method.json), usable or not. */
export function isTemplateBinding(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === "object" &&
    (value as { type?: unknown }).type === "SvgRenderingTemplate"
  );
}

/**
 * The template to draw the credential in `credentialText` with: the binding the holder gave (or
 * the credential's own `renderMethod`), and the template file given or fetched from the binding.
 */
export async function certificateTemplateFor(
  credentialText: string,
  files: TemplateFiles,
  language: Language,
  fetchTemplate: typeof fetch = fetch,
): Promise<CertificateTemplate> {
  const say = wordsIn(language);
  let credential: unknown;
  try {
    credential = JSON.parse(credentialText);
  } catch {
    return { refused: false };
  }
  const notes: string[] = [];
  if (files.binding !== undefined && files.binding.method === undefined) {
    notes.push(say("bindingInvalid", { file: files.binding.name }));
  }
  const binding =
    files.binding?.method ??
    svgRenderingTemplateIn((credential as { renderMethod?: unknown } | null)?.renderMethod);
  const refuse = (note: string): CertificateTemplate => ({
    note: [...notes, note].join(" "),
    refused: true,
  });

  let given: { name: string; bytes: Uint8Array } | undefined = files.template;
  if (binding === undefined) {
    if (given !== undefined) return refuse(say("unbound", { file: given.name }));
    return notes.length === 0 ? { refused: false } : { note: notes.join(" "), refused: false };
  }
  if (given === undefined) {
    if (!binding.id.startsWith("https://")) {
      return refuse(say("awaited", { file: binding.id }));
    }
    try {
      given = { name: binding.id, bytes: await fetchBytes(binding.id, fetchTemplate) };
    } catch (error) {
      return refuse(say("fetchFailed", { url: binding.id, reason: (error as Error).message }));
    }
  }

  let template: string;
  try {
    // Kept as given (a byte order mark included), so the digest is over the issuer's bytes.
    template = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(given.bytes);
  } catch {
    return refuse(say("invalid", { file: given.name, reason: "not UTF-8 text" }));
  }
  const actual = templateDigest(template);
  if (actual !== binding.digestMultibase) {
    return refuse(say("mismatch", { file: given.name, actual, expected: binding.digestMultibase }));
  }
  try {
    drawCertificate(credential, { language, template });
  } catch (error) {
    return refuse(say("invalid", { file: given.name, reason: (error as Error).message }));
  }
  return {
    template,
    note: [...notes, say("issuer", { file: given.name })].join(" "),
    refused: false,
  };
}

async function fetchBytes(url: string, fetchTemplate: typeof fetch): Promise<Uint8Array> {
  const response = await fetchTemplate(url, { credentials: "omit", cache: "no-cache" });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_TEMPLATE_BYTES) throw new Error(`${bytes.length} bytes`);
  return bytes;
}

/** The section's sentence `key` in `language` (English when it lacks one), placeholders filled. */
export function wordsIn(language: Language) {
  const words: TemplateWords = {
    ...CATALOGUES.en!.certificateTemplate,
    ...CATALOGUES[language]?.certificateTemplate,
  };
  return (key: keyof TemplateWords, values: Readonly<Record<string, string>> = {}): string =>
    words[key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
