// The Ed25519 key another issuer's proof names, when its DID controls it (docs/format.md, 16.4):
// a did:key is read offline; a did:web is fetched over HTTPS and must list the key in
// assertionMethod, controlled by the DID, as a Multikey or Ed25519VerificationKey2020. Any other
// method cannot be resolved here (unverifiable, never invalid).
import { ed25519KeyOfDidKey } from "../credential/index.ts";
import { isObject } from "../values/index.ts";
import { type Fetch, FetchFault, fetchJson } from "./fetchJson.ts";

export type KeyResolution =
  | { ok: true; publicKey: Uint8Array }
  /** The DID, or its document, does not hold the key: a finding (invalid). */
  | { ok: false; fault: false; code: string; message: string }
  /** The key could not be looked up (a fetch failed, a method this verifier does not read). */
  | { ok: false; fault: true; code: string; message: string };

export type ResolverPolicy = { fetch: Fetch | undefined; timeoutMs: number };

const finding = (code: string, message: string): KeyResolution => ({
  ok: false,
  fault: false,
  code,
  message,
});

/** The key of `verificationMethod`, which must belong to `issuer` (the DID before its `#`). */
export async function resolveIssuerKey(
  issuer: string,
  verificationMethod: string,
  policy: ResolverPolicy,
): Promise<KeyResolution> {
  const hash = verificationMethod.indexOf("#");
  const did = hash < 0 ? verificationMethod : verificationMethod.slice(0, hash);
  if (did !== issuer) {
    return finding(
      "VERIFICATION_METHOD_NOT_ISSUER",
      `the proof is made with ${verificationMethod}, which is not a key of the issuer ${issuer}`,
    );
  }
  if (did.startsWith("did:key:")) {
    const publicKey = ed25519KeyOfDidKey(did);
    if (publicKey === undefined || verificationMethod !== `${did}#${did.slice(8)}`) {
      return finding(
        "ISSUER_KEY_INVALID",
        `${verificationMethod} is not the verification method of an Ed25519 did:key (did:key:z6Mk…#z6Mk…)`,
      );
    }
    return { ok: true, publicKey };
  }
  if (did.startsWith("did:web:")) return resolveDidWeb(did, verificationMethod, policy);
  return {
    ok: false,
    fault: true,
    code: "ISSUER_METHOD_UNSUPPORTED",
    message: `the issuer ${issuer} cannot be resolved: this verifier reads did:key and did:web (over HTTPS) only`,
  };
}

/** https://<host>[:<port>]/<segments>/did.json, or /.well-known/did.json without segments. */
export function didWebUrl(did: string): string | undefined {
  const [host, ...segments] = did.slice("did:web:".length).split(":");
  try {
    const authority = decodeURIComponent(host ?? "");
    const path = segments.map((s) => encodeURIComponent(decodeURIComponent(s)));
    if (authority === "" || /[/@?#\s]/.test(authority) || path.some((s) => s === "")) {
      return undefined;
    }
    const url = new URL(
      `https://${authority}/${path.length === 0 ? ".well-known" : path.join("/")}/did.json`,
    );
    return url.host === authority.toLowerCase() ? url.href : undefined;
  } catch {
    return undefined;
  }
}

async function resolveDidWeb(
  did: string,
  verificationMethod: string,
  policy: ResolverPolicy,
): Promise<KeyResolution> {
  const url = didWebUrl(did);
  if (url === undefined) {
    return finding("ISSUER_DID_INVALID", `${did} is not a did:web this verifier can resolve`);
  }
  let document: unknown;
  try {
    document = await fetchJson(url, "DID document", policy.fetch, policy.timeoutMs);
  } catch (error) {
    if (!(error instanceof FetchFault)) throw error;
    return { ok: false, fault: true, code: "DID_DOCUMENT_UNREACHABLE", message: error.message };
  }
  const absolute = (id: unknown) =>
    typeof id === "string" && id.startsWith("#") ? `${did}${id}` : id;
  if (!isObject(document) || document.id !== did) {
    return finding(
      "DID_DOCUMENT_INVALID",
      `the DID document at ${url} is not the document of ${did}`,
    );
  }
  const methods = Array.isArray(document.verificationMethod) ? document.verificationMethod : [];
  const assertion = Array.isArray(document.assertionMethod) ? document.assertionMethod : [];
  let method: unknown;
  for (const entry of assertion) {
    if (absolute(entry) === verificationMethod) {
      method = methods.find((m) => isObject(m) && absolute(m.id) === verificationMethod);
    } else if (isObject(entry) && absolute(entry.id) === verificationMethod) {
      method = entry;
    }
    if (method !== undefined) break;
  }
  const notHeld = (why: string) =>
    finding("ISSUER_KEY_NOT_FOUND", `the DID document of ${did} (${url}) ${why}`);
  if (!isObject(method)) return notHeld(`lists no ${verificationMethod} in assertionMethod`);
  if (method.controller !== did)
    return notHeld(`says ${verificationMethod} is not controlled by it`);
  if (method.type !== "Multikey" && method.type !== "Ed25519VerificationKey2020") {
    return notHeld(`gives ${verificationMethod} as a ${String(method.type)}, not an Ed25519 key`);
  }
  const publicKey =
    typeof method.publicKeyMultibase === "string"
      ? ed25519KeyOfDidKey(`did:key:${method.publicKeyMultibase}`)
      : undefined;
  if (publicKey === undefined) {
    return notHeld(`gives ${verificationMethod} no Ed25519 publicKeyMultibase (z6Mk…)`);
  }
  return { ok: true, publicKey };
}
