// LinkedIn's "Add to profile" link for a certification (the add-certification URL LinkedIn
// documents for issuers, https://addtoprofile.linkedin.com): the holder opens it signed in and
// LinkedIn fills the form. Nothing is sent anywhere until the holder saves it there.

const ADD_TO_PROFILE = "https://www.linkedin.com/profile/add";

export interface LinkedInCertification {
  /** The certification's name: the achievement, e.g. "BEng Mechatronics". */
  name: string;
  /** The issuing organisation's name, e.g. "Northwind Polytechnic". */
  organizationName: string;
  /** LinkedIn's numeric id of the organisation's page, when known (links the logo). */
  organizationId?: string;
  /** Year and month (1-12) of issue, when the holder shows the award date. */
  issueYear?: number;
  issueMonth?: number;
  /** Where the credential can be checked: the share link. */
  certUrl: string;
  /** The credential's id. */
  certId?: string;
}

export function linkedInAddUrl(certification: LinkedInCertification): string {
  const query = new URLSearchParams({ startTask: "CERTIFICATION_NAME" });
  query.set("name", certification.name);
  if (certification.organizationId !== undefined) {
    query.set("organizationId", certification.organizationId);
  } else {
    query.set("organizationName", certification.organizationName);
  }
  if (certification.issueYear !== undefined)
    query.set("issueYear", String(certification.issueYear));
  if (certification.issueMonth !== undefined)
    query.set("issueMonth", String(certification.issueMonth));
  query.set("certUrl", certification.certUrl);
  if (certification.certId !== undefined) query.set("certId", certification.certId);
  return `${ADD_TO_PROFILE}?${query}`;
}

/**
 * The certification a credential (full or disclosed) describes, with `certUrl` as its link: the
 * achievement's name, the issuer's name, the award date when shown, the credential's id.
 */
export function linkedInCertificationOf(
  credential: object,
  certUrl: string,
): LinkedInCertification {
  const c = credential as {
    id?: unknown;
    validFrom?: unknown;
    issuer?: { name?: unknown };
    credentialSubject?: { achievement?: { name?: unknown } };
  };
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const certification: LinkedInCertification = {
    name: text(c.credentialSubject?.achievement?.name),
    organizationName: text(c.issuer?.name),
    certUrl,
  };
  const date = /^(\d{4})-(\d{2})/.exec(text(c.validFrom));
  if (date !== null) {
    certification.issueYear = Number(date[1]);
    certification.issueMonth = Number(date[2]);
  }
  if (typeof c.id === "string") certification.certId = c.id;
  return certification;
}
