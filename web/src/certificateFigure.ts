// The credential drawn as its certificate, for the verifier page to show before the checks: what
// an employer recognises. Drawn from the file as it is (a disclosed copy draws what it shows);
// the verdict beside it says whether what is drawn is true. Null for a file the template cannot
// draw (another issuer's badge, a broken file): the checks still show. Drawn from the issuer's
// template when the holder gave it and its digest matched (issuerTemplate.ts), said underneath.
import { drawCertificate } from "../../src/certificate/index.ts";
import { type Language, message } from "../../src/labels/index.ts";
import { h } from "./dom.ts";
import type { CertificateTemplate } from "./issuerTemplate.ts";
import "./certificate.css";

export function certificateFigure(
  text: string,
  language: Language,
  drawing: CertificateTemplate = { refused: false },
): HTMLElement | null {
  let svg: string;
  let name: unknown;
  try {
    const credential = JSON.parse(text) as { name?: unknown };
    name = credential.name;
    svg = drawCertificate(credential, {
      language,
      ...(drawing.template === undefined ? {} : { template: drawing.template }),
    });
  } catch {
    return null;
  }
  return h(
    "figure",
    { class: "certificate-figure", id: "certificate" },
    h("img", {
      class: "certificate",
      src: svgDataUri(svg),
      alt: message(language, "certificateAlt", {
        name: typeof name === "string" ? name : "credential",
      }),
    }),
    ...(drawing.note === undefined ? [] : [templateNote(drawing)]),
  );
}

/** Which template the certificate is drawn from, or why not the issuer's. */
function templateNote(drawing: CertificateTemplate): HTMLElement {
  return h(
    "figcaption",
    {
      id: "certificate-template-note",
      class: drawing.refused ? "hint hint--warning" : "hint",
      "data-template": drawing.template === undefined ? "default" : "issuer",
      ...(drawing.refused ? { role: "status" } : {}),
    },
    drawing.note!,
  );
}

/** The SVG as an image source: as an image it cannot run script or reach the page. */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
