// Credentials opened by link: the page's own address may carry one (#url=… or ?credential=…),
// and any URL can be fetched. A failed download is a problem with the link, not a verdict. A link
// carries a credential and nothing else: whoever sends it must not choose what the page trusts.
import { t } from "./language.ts";

/** The credential URL a link to this page carries, or null. The fragment wins over the query. */
export function credentialLinkFrom(location: { hash: string; search: string }): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, "")).get("url");
  const fromQuery = new URLSearchParams(location.search).get("credential");
  const link = (fromHash ?? fromQuery)?.trim();
  return link === undefined || link === "" ? null : link;
}

/** Downloads the credential's JSON text; throws an Error whose message says what went wrong. */
export async function fetchCredentialText(link: string, base: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(link, base);
  } catch {
    throw new Error(`"${link}" is not a URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`Only http:// and https:// links can be opened (got ${url.protocol}).`);
  }
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" }, credentials: "omit" });
  } catch {
    throw new Error(t("linkUnreachable", { url: url.href }));
  }
  if (!response.ok) {
    throw new Error(t("linkHttp", { url: url.href, status: response.status }));
  }
  return response.text();
}
