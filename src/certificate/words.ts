// The few words a certificate prints around the credential's own text, per language, from the
// string catalogue (src/labels/<language>.json, section "certificate"; a translator edits those
// files only). The default template reads them as {{certificate.words.*}}; an issuer's own
// template may print its own.
import { CATALOGUES } from "../labels/index.ts";

export interface CertificateWords {
  language: string;
  certificate: string;
  certifies: string;
  awarded: string;
  nameHidden: string;
  dateHidden: string;
  awardedOn: string;
  signature: string;
  credits: string;
  moreResults: string;
  credentialNumber: string;
  scanToVerify: string;
  verifyAt: string;
}

/** The words of `language` (its primary tag) from the string catalogue, English when it has none. */
export function wordsOf(language = "en"): CertificateWords {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? "en";
  const catalogue = Object.hasOwn(CATALOGUES, primary) ? CATALOGUES[primary]! : CATALOGUES.en!;
  return {
    language: catalogue === CATALOGUES.en ? "en" : primary,
    ...CATALOGUES.en!.certificate,
    ...catalogue.certificate,
  };
}
