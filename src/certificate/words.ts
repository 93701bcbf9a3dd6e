// The few words a certificate prints around the credential's own text, per language. The default
// template reads them as {{certificate.words.*}}; an issuer's own template may print its own.
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

const WORDS: Readonly<Record<string, CertificateWords>> = {
  en: {
    language: "en",
    certificate: "Certificate",
    certifies: "This is to certify that",
    awarded: "has been awarded",
    nameHidden: "(name hidden by the holder)",
    dateHidden: "(date hidden by the holder)",
    awardedOn: "Date of award",
    signature: "Signature",
    credits: "{count} credits",
    moreResults: "and {count} more results in the credential",
    credentialNumber: "Credential",
    scanToVerify: "Scan to verify",
    verifyAt: "Verify this certificate:",
  },
  fr: {
    language: "fr",
    certificate: "Certificat",
    certifies: "Il est certifié que",
    awarded: "a obtenu",
    nameHidden: "(nom masqué par le titulaire)",
    dateHidden: "(date masquée par le titulaire)",
    awardedOn: "Date d'obtention",
    signature: "Signature",
    credits: "{count} crédits",
    moreResults: "et {count} autres résultats dans l'attestation",
    credentialNumber: "Attestation",
    scanToVerify: "Scanner pour vérifier",
    verifyAt: "Vérifier ce certificat :",
  },
};

/** The words of `language` (its primary tag), English when there are none. */
export function wordsOf(language = "en"): CertificateWords {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? "en";
  return WORDS[primary] ?? WORDS.en!;
}
