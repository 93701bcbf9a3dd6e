// Reads a JSON document another issuer publishes (a did:web DID document, a status list): over
// HTTPS only, bounded in size and time, parsed with the one credential parser so a member named
// twice is refused as in a credential file. Any failure to get it is a fault (unverifiable),
// never a finding about the credential.
import { CredentialJsonError, parseCredentialJson } from "../credential/index.ts";

export type Fetch = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

/** A document could not be fetched or read: the check it served ends in "error". */
export class FetchFault extends Error {
  override name = "FetchFault";
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** The most a DID document or status list may take: a 131,072-bit list is ~22 KB. */
const MAX_BYTES = 1_048_576;

export async function fetchJson(
  url: string,
  what: string,
  fetch: Fetch | undefined,
  timeoutMs: number,
): Promise<unknown> {
  if (!url.startsWith("https://")) {
    throw new FetchFault(
      "NOT_HTTPS",
      `the ${what} ${url} is not an https URL: it is never fetched`,
    );
  }
  if (fetch === undefined) {
    throw new FetchFault("FETCH_UNAVAILABLE", `no fetch to get the ${what} ${url} with`);
  }
  let text: string;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) {
      throw new FetchFault(
        "FETCH_FAILED",
        `the ${what} ${url} answered HTTP ${response.status}: try again later`,
      );
    }
    text = await response.text();
  } catch (error) {
    if (error instanceof FetchFault) throw error;
    throw new FetchFault(
      "FETCH_FAILED",
      `the ${what} ${url} could not be fetched (${(error as Error).message}): try again later`,
    );
  }
  if (text.length > MAX_BYTES) {
    throw new FetchFault("FETCH_TOO_LARGE", `the ${what} ${url} is over ${MAX_BYTES} bytes`);
  }
  try {
    return parseCredentialJson(text, url);
  } catch (error) {
    if (!(error instanceof CredentialJsonError)) throw error;
    throw new FetchFault("FETCH_NOT_JSON", `the ${what} ${url} is not JSON: ${error.message}`);
  }
}
