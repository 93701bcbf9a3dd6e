// A share link opens the verifier page with the credential in the URL fragment, which browsers
// never send to a server: either the credential itself, DEFLATE-compressed and base64url-encoded,
// when the link is short enough for a QR code, or the CID and key of an encrypted copy stored on
// IPFS, which the page fetches from a trustless gateway, checks against the CID and decrypts.
// The issuer's own encrypted copy ({cid, key} in the anchor proof) never goes into a share: its
// key would open every claim of the full credential, whatever a disclosed copy hides.
import type { CID } from "multiformats/cid";
import { sealCredential } from "../storage/envelope.ts";
import { toBase64url } from "./base64url.ts";
import { deflateRaw } from "./compression.ts";
import { ShareLinkTooLongError } from "./errors.ts";

/**
 * The longest link put in a QR code by default: a version-40 code at error correction level L
 * holds 2,953 bytes, and a smaller code scans more easily from paper, so links stop well short.
 */
export const DEFAULT_MAX_LINK_LENGTH = 2_300;

/** Where a shared encrypted copy is kept: any content store (embedded node, Kubo) will do. */
export interface ShareStore {
  put(bytes: Uint8Array, options?: { pin?: boolean }): Promise<CID | string>;
}

export interface ShareLinkOptions {
  /** The verifier page the link opens, e.g. "https://verify.example/" (any fragment is dropped). */
  pageUrl: string;
  /**
   * "inline": the credential in the link, however long (a full credential's random salts and
   * digests barely compress: 4 to 5 kB, too much for a QR code, fine for a browser); "ipfs": an
   * encrypted copy in `store`; "auto" (the default): inline when the link fits `maxLength`,
   * else ipfs, or ShareLinkTooLongError without a store.
   */
  kind?: "auto" | "inline" | "ipfs";
  /** Stores the encrypted copy (pinned); needed for "ipfs", and for "auto" when inline is too long. */
  store?: ShareStore;
  /** Trustless gateways the page tries first for the copy, written in the link. */
  gateways?: readonly string[];
  /** Longest inline link "auto" makes (default DEFAULT_MAX_LINK_LENGTH, for a QR code). */
  maxLength?: number;
}

/** The credential JSON as shared: the issuer's encrypted copy (its CID and key) removed. */
export function shareableCredential(credential: object): object {
  const { proof } = credential as { proof?: unknown };
  const withoutCopy = (p: unknown): unknown => {
    if (typeof p !== "object" || p === null || Array.isArray(p) || !("encryptedCopy" in p))
      return p;
    const { encryptedCopy: _private, ...rest } = p as Record<string, unknown>;
    return rest;
  };
  if (Array.isArray(proof)) {
    return { ...credential, proof: proof.map((p, i) => (i === 0 ? withoutCopy(p) : p)) };
  }
  if (proof === undefined) return credential;
  return { ...credential, proof: withoutCopy(proof) };
}

/** Makes a share link for `credential` (a full or disclosed copy); see ShareLinkOptions. */
export async function shareLink(credential: object, options: ShareLinkOptions): Promise<string> {
  const page = pageUrlOf(options.pageUrl);
  const kind = options.kind ?? "auto";
  const maxLength = options.maxLength ?? DEFAULT_MAX_LINK_LENGTH;
  const bytes = new TextEncoder().encode(JSON.stringify(shareableCredential(credential)));
  if (kind !== "ipfs") {
    const inline = `${page}#c=${toBase64url(await deflateRaw(bytes))}`;
    if (kind === "inline" || inline.length <= maxLength) return inline;
    if (options.store === undefined) {
      throw new ShareLinkTooLongError(inline.length, maxLength);
    }
  }
  if (options.store === undefined) {
    throw new TypeError('shareLink: kind "ipfs" needs a store for the encrypted copy');
  }
  const sealed = sealCredential(bytes);
  const cid = await options.store.put(sealed.envelope, { pin: true });
  const fragment = new URLSearchParams({ cid: cid.toString(), k: toBase64url(sealed.key) });
  for (const gateway of options.gateways ?? []) fragment.append("gw", gateway);
  return `${page}#${fragment}`;
}

function pageUrlOf(pageUrl: string): string {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    throw new TypeError(`shareLink: pageUrl "${pageUrl}" is not an absolute URL`);
  }
  url.hash = "";
  return url.href;
}
