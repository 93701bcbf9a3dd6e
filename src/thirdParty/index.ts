// Verification of other issuers' Open Badges 3.0 / VC 2.0 credentials (docs/format.md, section
// 16), as an add-on to the verifier: `verify(text, { rpcUrls, thirdParty: checkThirdParty })`.
// Its own entry point (@credanchor/sdk/third-party) because it carries the general JSON-LD path
// (jsonld, rdf-canonize), which a page verifying credanchor credentials does not need.
export { checkThirdParty } from "./checkThirdParty.ts";
export { FetchFault, fetchJson } from "./fetchJson.ts";
export { jsonldCanonicalizer } from "./jsonldCanonicalizer.ts";
export { didWebUrl, type KeyResolution, resolveIssuerKey } from "./resolveIssuerKey.ts";
