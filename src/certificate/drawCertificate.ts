// A credential drawn as a certificate: the template (the default diploma or the issuer's own
// svg-mustache SVG) filled from the credential and its certificate view. Browser-safe: the page
// shows the returned SVG, the CLI turns it into a PDF (certificatePdf.ts).
import { type CertificateViewOptions, certificateViewOf } from "./certificateView.ts";
import { DEFAULT_TEMPLATE } from "./defaultTemplate.ts";
import { renderTemplate } from "./renderTemplate.ts";

export interface DrawOptions extends CertificateViewOptions {
  /** An svg-mustache SVG template; default DEFAULT_TEMPLATE. */
  template?: string;
}

/** The SVG document of `credential` drawn as a certificate. */
export function drawCertificate(credential: unknown, options: DrawOptions = {}): string {
  const certificate = certificateViewOf(credential, options);
  const view = { ...(credential as object), certificate };
  return renderTemplate(options.template ?? DEFAULT_TEMPLATE, view);
}
