// The W3C VC render method's SvgRenderingTemplate for a certificate template: the template's
// bytes named by their digest (digestMultibase: multibase base58btc of the SHA-256 multihash), so
// whoever draws a credential can check the template is the one its issuer published. A format v2
// credential does not carry it (docs/format.md §"certificate templates"): it travels beside.
import { encodeBase58btc } from "../dataIntegrity/base58.ts";
import { sha256 } from "../dataIntegrity/sha256.ts";
import { CredanchorError } from "../errors.ts";

/** A render method entry as the VC render method draft spells it. */
export interface SvgRenderingTemplate {
  /** Where the template is published (a URL, or a file name beside the certificates). */
  id: string;
  type: "SvgRenderingTemplate";
  name: string;
  mediaType: "image/svg+xml";
  /** "z" + base58btc(0x12 0x20 + SHA-256 of the template's UTF-8 bytes). */
  digestMultibase: string;
}

/** The digestMultibase of a template's text. */
export function templateDigest(template: string): string {
  const digest = sha256(new TextEncoder().encode(template));
  const multihash = new Uint8Array(2 + digest.length);
  multihash.set([0x12, 0x20]);
  multihash.set(digest, 2);
  return encodeBase58btc(multihash);
}

/** The SvgRenderingTemplate naming `template`, published at `id`. */
export function svgRenderingTemplateOf(
  template: string,
  options: { id: string; name: string },
): SvgRenderingTemplate {
  return {
    id: options.id,
    type: "SvgRenderingTemplate",
    name: options.name,
    mediaType: "image/svg+xml",
    digestMultibase: templateDigest(template),
  };
}

/** Refuses a template whose bytes are not the ones `method` names. */
export function checkTemplateDigest(template: string, method: SvgRenderingTemplate): void {
  const actual = templateDigest(template);
  if (actual !== method.digestMultibase) {
    throw new CredanchorError(
      "TEMPLATE_DIGEST_MISMATCH",
      `The certificate template ${method.id} does not match its digest (${method.digestMultibase}, the file's is ${actual}): it was changed after the issuer published it; get the issuer's template again.`,
      { template: method.id, expected: method.digestMultibase, actual },
    );
  }
}
