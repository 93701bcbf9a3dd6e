// The credanchor JSON-LD context (https://w3id.org/credanchor/v2), shipped as data and never
// fetched: the anchor proof (a type-scoped context, its digest, claims and anchor kept as JSON
// literals) and the status members credanchor adds to a BitstringStatusListEntry (and v1's
// CredanchorBatchStatus). Protected, so no later context can change what these terms mean.

export const CREDANCHOR_CONTEXT_URL = "https://w3id.org/credanchor/v2";

const CREDANCHOR = "https://w3id.org/credanchor#";
const SEC = "https://w3id.org/security#";
const XSD = "http://www.w3.org/2001/XMLSchema#";

export const credanchorContext = {
  "@context": {
    "@version": 1.1,
    "@protected": true,
    CredanchorMerkleProof: {
      "@id": `${CREDANCHOR}CredanchorMerkleProof`,
      "@context": {
        "@protected": true,
        id: "@id",
        type: "@type",
        cryptosuite: { "@id": `${SEC}cryptosuite`, "@type": `${SEC}cryptosuiteString` },
        created: { "@id": "http://purl.org/dc/terms/created", "@type": `${XSD}dateTime` },
        proofPurpose: {
          "@id": `${SEC}proofPurpose`,
          "@type": "@vocab",
          "@context": {
            "@protected": true,
            id: "@id",
            type: "@type",
            assertionMethod: {
              "@id": `${SEC}assertionMethod`,
              "@type": "@id",
              "@container": "@set",
            },
          },
        },
        verificationMethod: { "@id": `${SEC}verificationMethod`, "@type": "@id" },
        credentialDigest: `${CREDANCHOR}credentialDigest`,
        claims: { "@id": `${CREDANCHOR}claims`, "@type": "@json" },
        anchor: { "@id": `${CREDANCHOR}anchor`, "@type": "@json" },
        encryptedCopy: { "@id": `${CREDANCHOR}encryptedCopy`, "@type": "@json" },
      },
    },
    CredanchorBatchStatus: `${CREDANCHOR}CredanchorBatchStatus`,
    chainId: `${CREDANCHOR}chainId`,
    registryAddress: `${CREDANCHOR}registryAddress`,
    issuerAddress: `${CREDANCHOR}issuerAddress`,
    credentialType: `${CREDANCHOR}credentialType`,
    batchIndex: { "@id": `${CREDANCHOR}batchIndex`, "@type": `${XSD}integer` },
    batchRoot: `${CREDANCHOR}batchRoot`,
  },
} as const;
