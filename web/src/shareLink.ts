// Share links opened by the page: the credential itself in the fragment, or the CID and key of an
// encrypted copy on IPFS, fetched from trustless gateways (each block checked against the CID)
// and decrypted here. The fragment never reaches a server. A share link carries a credential and
// where to fetch it, nothing about what to trust; the note beside the report tells the reader what
// the holder shared and what taking it back can and cannot do.
import { openShare, readShareLink, type ShareReference } from "../../src/share/index.ts";
import { t } from "./language.ts";

export type OpenedShare = { text: string; source: string; note: string };

/** The share link in this page's address, or null when it carries none (or another kind of link). */
export function shareFrom(location: { hash: string }): ShareReference | null {
  return readShareLink(location.hash);
}

/**
 * Opens the share; throws an Error whose message says what went wrong and what to do (a damaged
 * link, a gateway that could not be reached, a copy no longer there).
 */
export async function openSharedCredential(reference: ShareReference): Promise<OpenedShare> {
  let text: string;
  try {
    text = await openShare(reference, { timeoutMs: 8_000 });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "STORAGE_CONTENT_NOT_FOUND") {
      throw new Error(t("shareGone", { cid: reference.kind === "ipfs" ? reference.cid : "" }));
    }
    if (code === "STORAGE_UNREACHABLE" || code === "STORAGE_CONTENT_INTEGRITY") {
      throw new Error(t("shareFetchFailed", { reason: (error as Error).message }));
    }
    throw error;
  }
  if (reference.kind === "inline") {
    return {
      text,
      source: "a share link carrying the credential",
      note: t("shareInlineNote"),
    };
  }
  return {
    text,
    source: `a share link to IPFS copy ${reference.cid}`,
    note: t("shareIpfsNote", { cid: reference.cid }),
  };
}
