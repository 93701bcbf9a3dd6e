// The codes of the tools built on the SDK: the issuer's pipeline, delivery, the command line and
// the deploy script. Part of the one registry (./errorCodes.ts), kept apart only to keep each file
// readable; the categories mean the same here.
import type { ErrorDescriptor } from "./errorCodes.ts";

export const TOOL_ERROR_CODES = {
  // The batch pipeline (src/issuer)
  ANCHOR_EVENT_MISSING: {
    category: "input",
    description: "A root is anchored but its BatchAnchored event cannot be found",
  },
  CREDENTIAL_FILE_INVALID: { category: "input", description: "A credential file cannot be used" },
  CREDENTIAL_NOT_FOUND: {
    category: "input",
    description: "A credential named by id or file cannot be found",
  },
  INPUT_CHANGED: { category: "input", description: "The input file changed under a run" },
  INPUT_EMPTY: { category: "input", description: "The input file holds no records" },
  INPUT_FORMAT_INVALID: {
    category: "input",
    description: "The input file is not CSV or a JSON array of records",
  },
  INPUT_ROWS_INVALID: {
    category: "input",
    description: "Some input rows cannot be issued, so nothing was anchored",
  },
  INPUT_UNREADABLE: { category: "input", description: "The input file cannot be read" },
  ISSUE_OPTION_INVALID: {
    category: "input",
    description: "A batch option is out of range or missing",
  },
  JOURNAL_CORRUPT: { category: "input", description: "A run's journal cannot be read" },
  JOURNAL_MISMATCH: { category: "input", description: "The output folder holds another run" },
  MAPPING_INVALID: { category: "input", description: "The column-mapping file is not usable" },
  OUTPUT_FOLDER_INVALID: {
    category: "input",
    description: "A folder is not the output folder of an issue run",
  },
  OUTPUT_LOCKED: { category: "input", description: "The output folder is in use by another run" },
  RUN_INCOMPLETE: { category: "input", description: "The issue run has not finished" },
  SHRED_TARGET_MISSING: { category: "input", description: "Nothing was named to shred" },
  STAGING_CORRUPT: { category: "input", description: "A run's staging disagrees with its journal" },

  // Delivery to graduates (src/delivery)
  MAIL_LOGIN_FAILED: {
    category: "input",
    description: "The mail server refused the SMTP login",
  },
  MAIL_SERVER_UNREACHABLE: {
    category: "unreachable",
    description: "The mail server could not be reached or asked to try later",
  },
  RECIPIENTS_INVALID: {
    category: "input",
    description: "The recipients file cannot be used (unreadable, a column missing)",
  },
  RECIPIENTS_UNUSABLE: {
    category: "input",
    description: "Graduates cannot be mailed: bad, missing or mismatched addresses by row",
  },

  // The command line (src/cli)
  ACCOUNT_NOT_FOUND: {
    category: "input",
    description: "The named account is not among the node's accounts",
  },
  ACCOUNT_NOT_UNLOCKED: {
    category: "input",
    description: "The node does not sign for the named account",
  },
  DEPLOYMENT_AMBIGUOUS: { category: "input", description: "More than one deployment record fits" },
  DEPLOYMENT_CHAIN_MISMATCH: {
    category: "input",
    description: "A deployment record is for another chain",
  },
  DEPLOYMENT_MISSING: {
    category: "input",
    description: "No deployment record or registry address was found",
  },
  FILE_EXISTS: { category: "input", description: "An output file already exists" },
  FILE_TOO_LARGE: { category: "input", description: "A file is larger than allowed" },
  FILE_UNREADABLE: { category: "input", description: "A file cannot be read" },
  HARDHAT_UNAVAILABLE: {
    category: "input",
    description: "The command needs Hardhat, which is not installed",
  },
  KEY_INVALID: { category: "input", description: "A private key is malformed" },
  KEY_MISSING: { category: "input", description: "The command needs a signer and none was given" },
  NETWORK_EPHEMERAL: {
    category: "input",
    description: "The command reads a chain, but the network starts empty",
  },
  NETWORK_UNKNOWN: { category: "input", description: "A --network name is not known" },
  OPTION_CONFLICT: { category: "input", description: "Two options cannot be used together" },
  OPTION_INVALID: { category: "input", description: "An option's value is malformed" },
  OPTION_MISSING: { category: "input", description: "A required option is missing" },
  OPTION_REMOVED: { category: "input", description: "An option is no longer supported" },
  REGISTRY_NOT_CHOSEN: {
    category: "input",
    description: "A registry must be chosen for the command",
  },
  REGISTRY_NO_CODE: {
    category: "input",
    description: "No contract at the registry address on this chain",
  },
  SIGNER_NOT_ISSUER: {
    category: "input",
    description: "An act only the issuer account may do was asked of another signer",
  },
  SIGNING_KEY_INVALID: { category: "input", description: "An Ed25519 signing key is malformed" },
  SIGNING_KEY_MISMATCH: {
    category: "input",
    description: "The signing key is not the did:key the credentials name as issuer",
  },
  SIGNING_KEY_MISSING: {
    category: "input",
    description: "No Ed25519 signing key was given where one is needed",
  },
  STATUS_LIST_INVALID: {
    category: "input",
    description: "A status list cannot be built from the values given",
  },
  STATUS_LIST_URL_INVALID: {
    category: "input",
    description: "A credential's statusListCredential is not a URL a list can be published at",
  },

  // The deploy script (scripts/lib/errors.ts)
  DEPLOY_CHAIN_MISMATCH: {
    category: "input",
    description: "The network serves another chain than CREDANCHOR_CHAIN_ID",
  },
  DEPLOY_CONFIG_INVALID: { category: "input", description: "A deploy setting is malformed" },
  DEPLOY_RPC_UNREACHABLE: {
    category: "unreachable",
    description: "The network's RPC endpoint did not answer the deploy script",
  },
  DEPLOY_VARIABLE_MISSING: {
    category: "input",
    description: "A configuration variable the network needs is not set",
  },
  DEPLOYMENT_EXISTS: {
    category: "input",
    description: "A live deployment is already recorded for this network",
  },
} as const satisfies Record<string, ErrorDescriptor>;
