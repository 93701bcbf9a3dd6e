// The page's side of a share link: read the fragment (no network), then open it, inflating an
// inline credential or fetching an encrypted copy from trustless gateways (every block checked
// against the CID) and decrypting it with the key in the link. Gateways named by the link are
// only places to fetch from: the bytes must match the CID, so a link cannot choose what is
// trusted, only where the copy is looked for.
import { ENVELOPE_KEY_BYTES } from "../storage/envelope.ts";
import { fetchAndOpen } from "../storage/fetchAndOpen.ts";
import { createGatewaySource } from "../storage/gatewaySource.ts";
import { parseCid } from "../storage/parseCid.ts";
import { fromBase64url } from "./base64url.ts";
import { inflateRaw } from "./compression.ts";
import { ShareLinkError } from "./errors.ts";

/** Public trustless gateways tried when neither the link nor the caller names any. */
export const DEFAULT_SHARE_GATEWAYS: readonly string[] = ["https://trustless-gateway.link"];

/** No credential is this large; a link inflating past it is refused. */
const MAX_CREDENTIAL_BYTES = 1024 * 1024;

/** What a share link carries, read from its fragment. */
export type ShareReference =
  | { kind: "inline"; compressed: Uint8Array }
  | { kind: "ipfs"; cid: string; key: Uint8Array; gateways: string[] };

/**
 * Reads the share link in `link` (a whole URL, or its fragment with or without "#"): null when
 * the fragment is not a share link at all, a ShareLinkError when it is one but damaged.
 */
export function readShareLink(link: string): ShareReference | null {
  const hashAt = link.indexOf("#");
  const fragment = new URLSearchParams(hashAt === -1 ? link : link.slice(hashAt + 1));
  const inline = fragment.get("c");
  if (inline !== null) {
    const compressed = fromBase64url(inline);
    if (compressed === undefined || compressed.length === 0) {
      throw new ShareLinkError("its credential (c=) is not base64url");
    }
    return { kind: "inline", compressed };
  }
  const cid = fragment.get("cid");
  if (cid === null) return null;
  try {
    parseCid(cid, "a share link");
  } catch {
    throw new ShareLinkError(`"${cid}" (cid=) is not a CID`, { cid });
  }
  const key = fromBase64url(fragment.get("k") ?? "");
  if (key === undefined || key.length !== ENVELOPE_KEY_BYTES) {
    throw new ShareLinkError("its key (k=) is missing or not 32 bytes", { cid });
  }
  const gateways = fragment.getAll("gw").filter((g) => /^https?:\/\//.test(g));
  return { kind: "ipfs", cid, key, gateways };
}

export interface OpenShareOptions {
  signal?: AbortSignal;
  /**
   * Gateways tried after the link's own (default: none when the link names some, so the CID is
   * asked only where the holder put the copy; else DEFAULT_SHARE_GATEWAYS).
   */
  gateways?: readonly string[];
  /** Longest wait for one block from one gateway (default 10 s). */
  timeoutMs?: number;
}

/** The credential's JSON text the reference carries, fetched and decrypted when it is on IPFS. */
export async function openShare(
  reference: ShareReference,
  options: OpenShareOptions = {},
): Promise<string> {
  let bytes: Uint8Array;
  if (reference.kind === "inline") {
    const inflated = await inflateRaw(reference.compressed, MAX_CREDENTIAL_BYTES);
    if (inflated === undefined) {
      throw new ShareLinkError("its credential (c=) is not compressed data, or is cut short");
    }
    bytes = inflated;
  } else {
    const fallback =
      options.gateways ?? (reference.gateways.length > 0 ? [] : DEFAULT_SHARE_GATEWAYS);
    const gateways = [...new Set([...reference.gateways, ...fallback])];
    const source = createGatewaySource({
      gateways,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
    bytes = await fetchAndOpen(source, reference.cid, reference.key, {
      maxBytes: MAX_CREDENTIAL_BYTES,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ShareLinkError("what it carries is not UTF-8 text");
  }
}
