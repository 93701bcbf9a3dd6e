// Another issuer's Open Badges 3.0 / VC 2.0 credential (docs/format.md, section 16): its
// eddsa-rdfc-2022 proof by a key its issuer's DID controls, then its Bitstring Status List
// entries (revocation, suspension), each list fetched over HTTPS, issued and signed by the same
// issuer and within its dates. What cannot be fetched or read is an error (unverifiable); what is
// read and wrong is a finding.
import type { StatusListEntry } from "../credential/index.ts";
import {
  DataIntegrityError,
  decodeStatusList,
  statusBitAt,
  verifyEddsaProof,
} from "../dataIntegrity/index.ts";
import { isObject } from "../values/index.ts";
import type { ThirdPartyChecker, ThirdPartyPolicy, VerificationCheck } from "../verifier/index.ts";
import { FetchFault, fetchJson } from "./fetchJson.ts";
import { jsonldCanonicalizer } from "./jsonldCanonicalizer.ts";
import { resolveIssuerKey } from "./resolveIssuerKey.ts";

type Foreign = Parameters<ThirdPartyChecker>[0];
type SignaturePolicy = ThirdPartyPolicy;
type CheckId = VerificationCheck["id"];
type Json = Record<string, unknown>;
type Purpose = "revocation" | "suspension";

function hasType(value: unknown, type: string): boolean {
  return value === type || (Array.isArray(value) && value.includes(type));
}

function check(
  id: CheckId,
  result: VerificationCheck["result"],
  code: string,
  message: string,
): VerificationCheck {
  return { id, result, code, message };
}

function notChecked(id: CheckId, why: string): VerificationCheck {
  return check(id, "skipped", "NOT_CHECKED", `not checked: ${why}`);
}

/**
 * The signature, revocation and suspension checks of another issuer's credential: verify's
 * `thirdParty` option (`verify(text, { rpcUrls, thirdParty: checkThirdParty })`).
 */
export const checkThirdParty: ThirdPartyChecker = async (reading, policy) => {
  const signature = await checkForeignSignature(
    reading.credential,
    reading.issuerId,
    reading.dataIntegrityProof,
    policy,
  );
  if (signature.result !== "pass") {
    const why = "the credential's signature was not verified";
    return [signature, notChecked("revocation", why), notChecked("suspension", why)];
  }
  const purposes: Purpose[] = ["revocation", "suspension"];
  const statuses = await Promise.all(
    purposes.map((purpose) => checkPurpose(reading, purpose, policy)),
  );
  return [signature, ...statuses];
};

/** A document's eddsa-rdfc-2022 proof, with the key its issuer's DID gives the proof's method. */
async function checkForeignSignature(
  document: Json,
  issuer: string,
  proof: { verificationMethod: string },
  policy: SignaturePolicy,
): Promise<VerificationCheck> {
  const key = await resolveIssuerKey(issuer, proof.verificationMethod, policy);
  if (!key.ok) return check("signature", key.fault ? "error" : "fail", key.code, key.message);
  try {
    const valid = await verifyEddsaProof(document, proof as never, {
      publicKey: key.publicKey,
      canonicalizer: jsonldCanonicalizer,
    });
    return valid
      ? check("signature", "pass", "SIGNATURE_VALID", `signed by ${issuer} (eddsa-rdfc-2022)`)
      : check(
          "signature",
          "fail",
          "SIGNATURE_INVALID",
          `the eddsa-rdfc-2022 signature does not verify with the key ${proof.verificationMethod} of ${issuer}: the document was changed after it was signed`,
        );
  } catch (error) {
    if (!(error instanceof DataIntegrityError)) throw error;
    // A context the SDK does not ship, a document JSON-LD safe mode refuses: not a finding.
    const code = error.code === "DATA_INTEGRITY_CONTEXT_UNKNOWN" ? "CONTEXT_UNKNOWN" : error.code;
    return check("signature", "error", code, error.message);
  }
}

async function checkPurpose(
  reading: Foreign,
  purpose: Purpose,
  policy: SignaturePolicy,
): Promise<VerificationCheck> {
  // Entries of another purpose (refresh, message) or wider than one bit are not status.
  const entries = reading.statusListEntries.filter(
    (e) => e.statusPurpose === purpose && (e.statusSize === undefined || e.statusSize === 1),
  );
  if (entries.length === 0) {
    return reading.otherStatus
      ? check(
          purpose,
          "error",
          "STATUS_TYPE_UNSUPPORTED",
          `the credential's status is of a type this verifier does not read (it reads BitstringStatusListEntry): its ${purpose} cannot be checked`,
        )
      : check(purpose, "skipped", "NO_STATUS", `the credential has no ${purpose} status entry`);
  }
  for (const entry of entries) {
    const found = await readEntry(reading, entry, purpose, policy);
    if (found.result !== "pass") return found;
  }
  const code = purpose === "revocation" ? "NOT_REVOKED" : "NOT_SUSPENDED";
  const list = entries.map((e) => e.statusListCredential).join(", ");
  return check(
    purpose,
    "pass",
    code,
    `the issuer's status list (${list}) says not ${verb(purpose)}`,
  );
}

function verb(purpose: Purpose): string {
  return purpose === "revocation" ? "revoked" : "suspended";
}

async function readEntry(
  reading: Foreign,
  entry: StatusListEntry,
  purpose: Purpose,
  policy: SignaturePolicy,
): Promise<VerificationCheck> {
  const url = entry.statusListCredential;
  const error = (code: string, message: string) => check(purpose, "error", code, message);
  const fail = (message: string) =>
    check(purpose, "fail", "STATUS_LIST_INVALID", `the status list ${url} ${message}`);
  let list: unknown;
  try {
    list = await fetchJson(url, "status list", policy.fetch, policy.timeoutMs);
  } catch (caught) {
    if (!(caught instanceof FetchFault)) throw caught;
    return error("STATUS_LIST_UNREACHABLE", caught.message);
  }
  if (!isObject(list) || !hasType(list.type, "BitstringStatusListCredential")) {
    return fail("is not a BitstringStatusListCredential");
  }
  const subject = list.credentialSubject;
  if (!isObject(subject) || !hasType(subject.type, "BitstringStatusList")) {
    return fail("has no BitstringStatusList subject");
  }
  if (subject.statusPurpose !== purpose) {
    return fail(`is a list for ${JSON.stringify(subject.statusPurpose)}, not ${purpose}`);
  }
  const issuer =
    typeof list.issuer === "string"
      ? list.issuer
      : isObject(list.issuer)
        ? list.issuer.id
        : undefined;
  if (issuer !== reading.issuerId) {
    return fail(
      `is issued by ${String(issuer)}, not by the credential's issuer ${reading.issuerId}`,
    );
  }
  const proofs = (Array.isArray(list.proof) ? list.proof : [list.proof]).filter(
    (p) => isObject(p) && p.type === "DataIntegrityProof" && p.cryptosuite === "eddsa-rdfc-2022",
  ) as Json[];
  if (proofs.length !== 1 || typeof proofs[0]!.verificationMethod !== "string") {
    return fail("carries no single eddsa-rdfc-2022 proof");
  }
  const signed = await checkForeignSignature(
    list,
    reading.issuerId,
    proofs[0] as { verificationMethod: string },
    policy,
  );
  if (signed.result === "error")
    return error(signed.code, `the status list ${url}: ${signed.message}`);
  if (signed.result !== "pass") return fail(`is not signed by the issuer: ${signed.message}`);
  const at = policy.now.getTime();
  const from = typeof list.validFrom === "string" ? Date.parse(list.validFrom) : Number.NaN;
  const until = typeof list.validUntil === "string" ? Date.parse(list.validUntil) : Number.NaN;
  if (
    (list.validFrom !== undefined && !(from <= at)) ||
    (list.validUntil !== undefined && !(at < until))
  ) {
    return error(
      "STATUS_LIST_OUT_OF_DATE",
      `the status list ${url} is outside its validity period (${String(list.validFrom)} to ${String(list.validUntil ?? "open")}): the issuer must publish a current one`,
    );
  }
  let bits: Uint8Array;
  try {
    bits = await decodeStatusList(subject.encodedList as string, { minBits: 0 });
  } catch (caught) {
    if (!(caught instanceof DataIntegrityError)) throw caught;
    return fail(`cannot be decoded: ${caught.message}`);
  }
  const index = Number(entry.statusListIndex);
  if (!Number.isSafeInteger(index) || index >= bits.length * 8) {
    return fail(
      `holds ${bits.length * 8} bits; the credential's index ${entry.statusListIndex} is past its end`,
    );
  }
  if (!statusBitAt(bits, index)) {
    return check(purpose, "pass", purpose === "revocation" ? "NOT_REVOKED" : "NOT_SUSPENDED", "");
  }
  return check(
    purpose,
    "fail",
    purpose === "revocation" ? "REVOKED" : "SUSPENDED",
    `the issuer ${verb(purpose)} the credential: bit ${index} of its status list ${url} is set`,
  );
}
