// The general JSON-LD canonicaliser (jsonld in safe mode with the SDK's offline context loader,
// then rdf-canonize) for other issuers' credentials, which credanchor's compiled vocabulary need
// not cover. It lives here, outside `verify`'s module graph, because it weighs ~100 KB.
/// <reference path="../dataIntegrity/generalPath.d.ts" />
import jsonld from "jsonld";
import rdfCanonize from "rdf-canonize";
import { type Canonicalizer, canonicalizeWith } from "../dataIntegrity/index.ts";

/** RDFC-1.0 canonical N-Quads of any document whose contexts the SDK ships. */
export const jsonldCanonicalizer: Canonicalizer = (document) =>
  canonicalizeWith(jsonld, rdfCanonize, document);
