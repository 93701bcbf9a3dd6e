// Printable certificates, browser-safe: a credential drawn through an SVG template (the default
// diploma or the issuer's own), and the template's SvgRenderingTemplate digest. The PDF, which
// needs pdfkit, is the CLI's (certificatePdf.ts, not exported here).
export {
  type CertificateResult,
  type CertificateStyle,
  type CertificateView,
  type CertificateViewOptions,
  certificateViewOf,
  DEFAULT_STYLE,
  MAX_RESULTS,
} from "./certificateView.ts";
export { DEFAULT_TEMPLATE, QR_BOX } from "./defaultTemplate.ts";
export { type DrawOptions, drawCertificate } from "./drawCertificate.ts";
export {
  checkTemplateDigest,
  type SvgRenderingTemplate,
  svgRenderingTemplateOf,
  templateDigest,
} from "./renderMethod.ts";
export { renderTemplate } from "./renderTemplate.ts";
export { type CertificateWords, wordsOf } from "./words.ts";
