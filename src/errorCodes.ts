// Every code a CredanchorError can carry, with its category and what it means: one registry, in
// the manner of Hardhat's error descriptors. The category, not the code's spelling, decides how a
// caller reacts (the CLI's exit code, a verifier's "unverifiable"). A new code goes here first;
// test/errors/registry.test.ts fails on any code thrown in src/ or scripts/ that is missing.

import { TOOL_ERROR_CODES } from "./toolErrorCodes.ts";

/** How a caller should react to an error. */
export const ERROR_CATEGORIES = {
  /** The caller's input, options, files or environment are wrong: fix them and run again. */
  input: "bad usage or bad input",
  /** An RPC endpoint or a content store could not be asked, or did not answer: retry later. */
  unreachable: "a network fault",
  /** The registry contract refused the transaction (a named contract error). */
  refused: "refused by the registry",
  /** A bug in credanchor: report it with the message. */
  internal: "an internal error",
} as const;

export type ErrorCategory = keyof typeof ERROR_CATEGORIES;

export interface ErrorDescriptor {
  category: ErrorCategory;
  /** One line: what went wrong, for people reading the code in a report or a log. */
  description: string;
}

/** The codes of the SDK's folders (browser-safe: the verifier's bundle carries these). */
const SDK_ERROR_CODES = {
  // Credentials (src/credential)
  ANCHOR_INVALID: {
    category: "input",
    description: "Anchor data (root, proof path, transaction) cannot be attached",
  },
  CLAIM_ENCODING_INVALID: {
    category: "input",
    description: "A claim salt or digest is not the fixed-size hex required",
  },
  CREDENTIAL_DATES_OUT_OF_ORDER: {
    category: "input",
    description: "A record's dates are in the wrong order",
  },
  CREDENTIAL_DATE_INVALID: {
    category: "input",
    description: "A record's date is not a valid date",
  },
  CREDENTIAL_FIELD_INVALID: {
    category: "input",
    description: "A record's field has a value it cannot have",
  },
  CREDENTIAL_FIELD_MISSING: { category: "input", description: "A record lacks a required field" },
  CREDENTIAL_FIELD_TOO_LARGE: {
    category: "input",
    description: "A record's field is longer than allowed",
  },
  CREDENTIAL_FIELD_UNKNOWN: {
    category: "input",
    description: "A record has a field the credential format does not know",
  },
  CREDENTIAL_FORMAT_INVALID: {
    category: "input",
    description: "A value is not a credential of a known layout (v1, v2, or a signed VC)",
  },
  CREDENTIAL_INTEGRITY_FAILED: {
    category: "input",
    description: "A credential fails verifyIntegrity",
  },
  CREDENTIAL_JSON_INVALID: {
    category: "input",
    description: "A credential file is not credential JSON",
  },
  CREDENTIAL_TEXT_INVALID: {
    category: "input",
    description: "A record's text has characters it may not contain",
  },
  CREDENTIAL_TOO_LARGE: { category: "input", description: "A credential is larger than allowed" },
  CREDENTIAL_TYPE_INVALID: {
    category: "input",
    description: "A credential type name has no on-chain bytes20 id",
  },
  DISCLOSURE_CLAIM_HIDDEN: {
    category: "input",
    description: "A disclosure asks for a claim that is already hidden",
  },
  DISCLOSURE_CLAIM_MANDATORY: {
    category: "input",
    description: "A disclosure tries to hide a claim that must be shown",
  },
  DISCLOSURE_POINTER_UNKNOWN: {
    category: "input",
    description: "A disclosure names a claim the credential does not have",
  },
  DISCLOSURE_TYPE_REQUIRED: {
    category: "input",
    description: "A disclosure tries to hide the type of an object whose values it shows",
  },
  JSON_NOT_CANONICALIZABLE: {
    category: "input",
    description: "A value is outside what RFC 8785 can canonicalise",
  },
  JSON_POINTER_INVALID: {
    category: "input",
    description: "A string is not a JSON Pointer (RFC 6901)",
  },
  SOURCE_FIELD_INVALID: {
    category: "input",
    description: "A CLR or ELM document has a field that cannot be mapped",
  },
  SOURCE_FIELD_MISSING: {
    category: "input",
    description: "A CLR or ELM document lacks a field the mapping needs",
  },

  // Data Integrity: contexts, did:key, eddsa-rdfc-2022, status lists (src/dataIntegrity)
  DATA_INTEGRITY_CANONICALIZER_MISSING: {
    category: "input",
    description:
      "A document outside credanchor's compiled vocabulary needs the general JSON-LD canonicaliser (@credanchor/sdk/jsonld), which the caller did not pass",
  },
  DATA_INTEGRITY_CONTEXT_UNKNOWN: {
    category: "input",
    description:
      "A document names a JSON-LD context credanchor does not ship (contexts are never fetched)",
  },
  DATA_INTEGRITY_DOCUMENT_UNSUPPORTED: {
    category: "input",
    description: "A document cannot be canonicalised (RDFC-1.0) in JSON-LD safe mode",
  },
  DATA_INTEGRITY_PROOF_INVALID: {
    category: "input",
    description: "A Data Integrity proof is not a well-formed eddsa-rdfc-2022 proof",
  },
  DID_KEY_INVALID: {
    category: "input",
    description: "A value is not an Ed25519 did:key (or its verification method)",
  },
  ED25519_UNAVAILABLE: {
    category: "input",
    description:
      "The runtime can verify no Ed25519 signature (no Node crypto, no WebCrypto Ed25519)",
  },
  STATUS_LIST_ENCODING_INVALID: {
    category: "input",
    description:
      "A status list bitstring or its encodedList (multibase base64url of gzip) is malformed",
  },

  // Merkle trees (src/merkle)
  MERKLE_BYTES32_INVALID: {
    category: "input",
    description: "A digest, leaf or root is not 32 bytes of hex",
  },
  MERKLE_INDEX_OUT_OF_RANGE: {
    category: "input",
    description: "A leaf index is not a leaf of the tree",
  },
  MERKLE_TREE_EMPTY: {
    category: "input",
    description: "A tree was asked for with no credential digests",
  },
  MERKLE_TREE_TOO_LARGE: {
    category: "input",
    description: "More credential digests than one tree can hold",
  },

  // Off-chain storage (src/storage)
  ENVELOPE_DECRYPTION_FAILED: {
    category: "input",
    description: "An envelope's key is wrong or its bytes were altered",
  },
  ENVELOPE_KEY_INVALID: { category: "input", description: "An envelope key is not 32 bytes" },
  ENVELOPE_MALFORMED: { category: "input", description: "Bytes are not a credanchor envelope" },
  ENVELOPE_VERSION_UNSUPPORTED: {
    category: "input",
    description: "An envelope was written by an unknown format version",
  },
  MANIFEST_INDEX_OUT_OF_RANGE: {
    category: "input",
    description: "A credential index lies outside the batch manifest",
  },
  MANIFEST_MALFORMED: {
    category: "input",
    description: "Bytes do not follow the batch manifest format",
  },
  MANIFEST_ROOT_MISMATCH: {
    category: "input",
    description: "A manifest's digests do not build the root it claims",
  },
  RECOVERED_PROOF_MISMATCH: {
    category: "input",
    description: "A recovered proof does not lead to the anchored root",
  },
  STORAGE_CID_INVALID: {
    category: "input",
    description: "A CID is malformed or names a codec or hash not supported",
  },
  STORAGE_CONTENT_INTEGRITY: {
    category: "input",
    description: "A store returned bytes that do not hash to the CID",
  },
  STORAGE_CONTENT_NOT_FOUND: {
    category: "input",
    description: "The store answered and does not hold the content",
  },
  STORAGE_CONTENT_TOO_LARGE: {
    category: "input",
    description: "Content is larger than the reader allows",
  },
  STORAGE_CONTENT_UNSUPPORTED: {
    category: "input",
    description: "A CID names something other than a file of bytes",
  },
  STORAGE_UNREACHABLE: {
    category: "unreachable",
    description: "A content store could not be asked, or did not answer in time",
  },

  // Share links (src/share)
  SHARE_LINK_INVALID: {
    category: "input",
    description: "A share link's fragment is damaged or not a share link",
  },
  SHARE_LINK_TOO_LONG: {
    category: "input",
    description: "A credential does not fit a share link and no store was given for a copy",
  },

  // Printable certificates (src/certificate)
  TEMPLATE_INVALID: {
    category: "input",
    description: "A certificate template is not an SVG template credanchor can fill",
  },
  CERTIFICATE_FONT_MISSING: {
    category: "input",
    description: "A certificate has characters the PDF's fonts cannot print",
  },
  TEMPLATE_DIGEST_MISMATCH: {
    category: "input",
    description: "A certificate template's bytes do not match the digest that names it",
  },

  // Chains and registries (src/chain)
  ACCOUNT_UNFUNDED: { category: "input", description: "The sending account cannot pay the gas" },
  BATCH_NOT_ANCHORED: {
    category: "input",
    description: "No batch with this root is anchored by this issuer",
  },
  CHAIN_ID_INVALID: { category: "input", description: "A chain id is not a CAIP-2 eip155 id" },
  CREDENTIAL_CHAIN_MISMATCH: {
    category: "input",
    description: "A credential is anchored on another chain than the one used",
  },
  CREDENTIAL_PROOF_MISMATCH: {
    category: "input",
    description: "A credential's proof does not lead to its anchored root",
  },
  CREDENTIAL_REGISTRY_MISMATCH: {
    category: "input",
    description: "A credential names another registry than the one used",
  },
  DEPLOYMENT_INVALID: { category: "input", description: "A deployment record is not valid" },
  DEPLOYMENT_NAME_INVALID: {
    category: "input",
    description: "A deployment name is not a valid file name",
  },
  INDEX_OUT_OF_RANGE: {
    category: "input",
    description: "A credential index lies outside its batch",
  },
  REASON_INVALID: {
    category: "input",
    description: "A status-change reason is unknown or too long",
  },
  REGISTRY_DEPLOY_FAILED: {
    category: "input",
    description: "Creating a registry contract made no contract",
  },
  REGISTRY_REVERTED: {
    category: "refused",
    description: "The registry refused the transaction with a named contract error",
  },
  RPC_CHAIN_MISMATCH: {
    category: "input",
    description: "The RPC endpoint serves another chain than expected",
  },
  RPC_RESPONSE_INVALID: {
    category: "input",
    description: "The endpoint did not answer as a credanchor registry would",
  },
  RPC_UNREACHABLE: {
    category: "unreachable",
    description: "No RPC endpoint answered (network error, timeout, HTTP or JSON-RPC error)",
  },
  RPC_URL_INVALID: { category: "input", description: "An RPC URL is not an http(s) URL" },
  RPC_URL_MISSING: { category: "input", description: "No RPC URL was given where one is needed" },
  TRANSACTION_REJECTED: {
    category: "input",
    description: "The node refused the transaction (nonce, fee, gas)",
  },

  // The verifier (src/verifier)
  VERIFY_OPTIONS_INVALID: {
    category: "input",
    description: "A verifier option is missing or malformed",
  },
} as const satisfies Record<string, ErrorDescriptor>;

/** Every code: the SDK's and the tools' (./toolErrorCodes.ts). */
export const ERROR_CODES = { ...SDK_ERROR_CODES, ...TOOL_ERROR_CODES } as const satisfies Record<
  string,
  ErrorDescriptor
>;

/** A code a CredanchorError can carry. */
export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/** The category of a code; a code missing from the registry is a bug, so "internal". */
export function errorCategoryOf(code: string): ErrorCategory {
  return isErrorCode(code) ? ERROR_CODES[code].category : "internal";
}
