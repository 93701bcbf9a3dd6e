// Every code a CredanchorError can carry, with its category and what it means: one registry, in
// the manner of Hardhat's error descriptors. The category, not the code's spelling, decides how a
// caller reacts (the CLI's exit code, a verifier's "unverifiable"). A new code goes here first;
// test/errors/registry.test.ts fails on any code thrown in src/ or scripts/ that is missing.

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

const input = (description: string) => ({ category: "input", description }) as const;

export const ERROR_CODES = {
  // Credentials (src/credential)
  ANCHOR_INVALID: input("Anchor data (root, proof path, transaction) cannot be attached"),
  CLAIM_ENCODING_INVALID: input("A claim salt or digest is not the fixed-size hex required"),
  CREDENTIAL_DATES_OUT_OF_ORDER: input("A record's dates are in the wrong order"),
  CREDENTIAL_DATE_INVALID: input("A record's date is not a valid date"),
  CREDENTIAL_FIELD_INVALID: input("A record's field has a value it cannot have"),
  CREDENTIAL_FIELD_MISSING: input("A record lacks a required field"),
  CREDENTIAL_FIELD_TOO_LARGE: input("A record's field is longer than allowed"),
  CREDENTIAL_FIELD_UNKNOWN: input("A record has a field the credential format does not know"),
  CREDENTIAL_INTEGRITY_FAILED: input("A credential fails verifyIntegrity"),
  CREDENTIAL_JSON_INVALID: input("A credential file is not credential JSON"),
  CREDENTIAL_TEXT_INVALID: input("A record's text has characters it may not contain"),
  CREDENTIAL_TOO_LARGE: input("A credential is larger than allowed"),
  CREDENTIAL_TYPE_INVALID: input("A credential type name has no on-chain bytes20 id"),
  DISCLOSURE_CLAIM_HIDDEN: input("A disclosure asks for a claim that is already hidden"),
  DISCLOSURE_CLAIM_MANDATORY: input("A disclosure tries to hide a claim that must be shown"),
  DISCLOSURE_POINTER_UNKNOWN: input("A disclosure names a claim the credential does not have"),
  JSON_NOT_CANONICALIZABLE: input("A value is outside what RFC 8785 can canonicalise"),
  JSON_POINTER_INVALID: input("A string is not a JSON Pointer (RFC 6901)"),
  SOURCE_FIELD_INVALID: input("A CLR or ELM document has a field that cannot be mapped"),
  SOURCE_FIELD_MISSING: input("A CLR or ELM document lacks a field the mapping needs"),

  // Merkle trees (src/merkle)
  MERKLE_BYTES32_INVALID: input("A digest, leaf or root is not 32 bytes of hex"),
  MERKLE_INDEX_OUT_OF_RANGE: input("A leaf index is not a leaf of the tree"),
  MERKLE_TREE_EMPTY: input("A tree was asked for with no credential digests"),
  MERKLE_TREE_TOO_LARGE: input("More credential digests than one tree can hold"),

  // Off-chain storage (src/storage)
  ENVELOPE_DECRYPTION_FAILED: input("An envelope's key is wrong or its bytes were altered"),
  ENVELOPE_KEY_INVALID: input("An envelope key is not 32 bytes"),
  ENVELOPE_MALFORMED: input("Bytes are not a credanchor envelope"),
  ENVELOPE_VERSION_UNSUPPORTED: input("An envelope was written by an unknown format version"),
  MANIFEST_INDEX_OUT_OF_RANGE: input("A credential index lies outside the batch manifest"),
  MANIFEST_MALFORMED: input("Bytes do not follow the batch manifest format"),
  MANIFEST_ROOT_MISMATCH: input("A manifest's digests do not build the root it claims"),
  RECOVERED_PROOF_MISMATCH: input("A recovered proof does not lead to the anchored root"),
  STORAGE_CID_INVALID: input("A CID is malformed or names a codec or hash not supported"),
  STORAGE_CONTENT_INTEGRITY: input("A store returned bytes that do not hash to the CID"),
  STORAGE_CONTENT_NOT_FOUND: input("The store answered and does not hold the content"),
  STORAGE_CONTENT_TOO_LARGE: input("Content is larger than the reader allows"),
  STORAGE_CONTENT_UNSUPPORTED: input("A CID names something other than a file of bytes"),
  STORAGE_UNREACHABLE: {
    category: "unreachable",
    description: "A content store could not be asked, or did not answer in time",
  },

  // Chains and registries (src/chain)
  ACCOUNT_UNFUNDED: input("The sending account cannot pay the gas"),
  BATCH_NOT_ANCHORED: input("No batch with this root is anchored by this issuer"),
  CHAIN_ID_INVALID: input("A chain id is not a CAIP-2 eip155 id"),
  CREDENTIAL_CHAIN_MISMATCH: input("A credential is anchored on another chain than the one used"),
  CREDENTIAL_PROOF_MISMATCH: input("A credential's proof does not lead to its anchored root"),
  CREDENTIAL_REGISTRY_MISMATCH: input("A credential names another registry than the one used"),
  DEPLOYMENT_INVALID: input("A deployment record is not valid"),
  DEPLOYMENT_NAME_INVALID: input("A deployment name is not a valid file name"),
  INDEX_OUT_OF_RANGE: input("A credential index lies outside its batch"),
  REASON_INVALID: input("A status-change reason is unknown or too long"),
  REGISTRY_DEPLOY_FAILED: input("Creating a registry contract made no contract"),
  REGISTRY_REVERTED: {
    category: "refused",
    description: "The registry refused the transaction with a named contract error",
  },
  RPC_CHAIN_MISMATCH: input("The RPC endpoint serves another chain than expected"),
  RPC_RESPONSE_INVALID: input("The endpoint did not answer as a credanchor registry would"),
  RPC_UNREACHABLE: {
    category: "unreachable",
    description: "No RPC endpoint answered (network error, timeout, HTTP or JSON-RPC error)",
  },
  RPC_URL_INVALID: input("An RPC URL is not an http(s) URL"),
  RPC_URL_MISSING: input("No RPC URL was given where one is needed"),
  TRANSACTION_REJECTED: input("The node refused the transaction (nonce, fee, gas)"),

  // The batch pipeline (src/issuer)
  ANCHOR_EVENT_MISSING: input("A root is anchored but its BatchAnchored event cannot be found"),
  CREDENTIAL_FILE_INVALID: input("A credential file cannot be used"),
  CREDENTIAL_NOT_FOUND: input("A credential named by id or file cannot be found"),
  INPUT_CHANGED: input("The input file changed under a run"),
  INPUT_EMPTY: input("The input file holds no records"),
  INPUT_FORMAT_INVALID: input("The input file is not CSV or a JSON array of records"),
  INPUT_ROWS_INVALID: input("Some input rows cannot be issued, so nothing was anchored"),
  INPUT_UNREADABLE: input("The input file cannot be read"),
  ISSUE_OPTION_INVALID: input("A batch option is out of range or missing"),
  JOURNAL_CORRUPT: input("A run's journal cannot be read"),
  JOURNAL_MISMATCH: input("The output folder holds another run"),
  MAPPING_INVALID: input("The column-mapping file is not usable"),
  OUTPUT_FOLDER_INVALID: input("A folder is not the output folder of an issue run"),
  OUTPUT_LOCKED: input("The output folder is in use by another run"),
  RUN_INCOMPLETE: input("The issue run has not finished"),
  SHRED_TARGET_MISSING: input("Nothing was named to shred"),
  STAGING_CORRUPT: input("A run's staging disagrees with its journal"),

  // The verifier (src/verifier)
  VERIFY_OPTIONS_INVALID: input("A verifier option is missing or malformed"),

  // The command line (src/cli)
  ACCOUNT_NOT_FOUND: input("The named account is not among the node's accounts"),
  ACCOUNT_NOT_UNLOCKED: input("The node does not sign for the named account"),
  DEPLOYMENT_AMBIGUOUS: input("More than one deployment record fits"),
  DEPLOYMENT_CHAIN_MISMATCH: input("A deployment record is for another chain"),
  DEPLOYMENT_MISSING: input("No deployment record or registry address was found"),
  FILE_EXISTS: input("An output file already exists"),
  FILE_TOO_LARGE: input("A file is larger than allowed"),
  FILE_UNREADABLE: input("A file cannot be read"),
  HARDHAT_UNAVAILABLE: input("The command needs Hardhat, which is not installed"),
  KEY_INVALID: input("A private key is malformed"),
  KEY_MISSING: input("The command needs a signer and none was given"),
  NETWORK_EPHEMERAL: input("The command reads a chain, but the network starts empty"),
  NETWORK_UNKNOWN: input("A --network name is not known"),
  OPTION_CONFLICT: input("Two options cannot be used together"),
  OPTION_INVALID: input("An option's value is malformed"),
  OPTION_MISSING: input("A required option is missing"),
  OPTION_REMOVED: input("An option is no longer supported"),
  REGISTRY_NOT_CHOSEN: input("A registry must be chosen for the command"),
  REGISTRY_NO_CODE: input("No contract at the registry address on this chain"),

  // The deploy script (scripts/lib/errors.ts)
  DEPLOY_CHAIN_MISMATCH: input("The network serves another chain than CREDANCHOR_CHAIN_ID"),
  DEPLOY_CONFIG_INVALID: input("A deploy setting is malformed"),
  DEPLOY_RPC_UNREACHABLE: {
    category: "unreachable",
    description: "The network's RPC endpoint did not answer the deploy script",
  },
  DEPLOY_VARIABLE_MISSING: input("A configuration variable the network needs is not set"),
  DEPLOYMENT_EXISTS: input("A live deployment is already recorded for this network"),
} as const satisfies Record<string, ErrorDescriptor>;

/** A code a CredanchorError can carry. */
export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/** The category of a code; a code missing from the registry is a bug, so "internal". */
export function errorCategoryOf(code: string): ErrorCategory {
  return isErrorCode(code) ? ERROR_CODES[code].category : "internal";
}
