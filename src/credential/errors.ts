// Errors of the credential module. Each names the input it is about (the record and the field,
// the JSON Pointer, the source document) in its message and its details, under a stable code.
import { CredanchorError } from "../errors.ts";

export type CredentialInputCode =
  | "CREDENTIAL_FIELD_MISSING"
  | "CREDENTIAL_FIELD_UNKNOWN"
  | "CREDENTIAL_FIELD_INVALID"
  | "CREDENTIAL_FIELD_TOO_LARGE"
  | "CREDENTIAL_TEXT_INVALID"
  | "CREDENTIAL_DATE_INVALID"
  | "CREDENTIAL_DATES_OUT_OF_ORDER"
  | "CREDENTIAL_TOO_LARGE";

/** An input record (or the batch's issuance context) cannot become a credential. */
export class CredentialInputError extends CredanchorError {
  override readonly name = "CredentialInputError";
  declare readonly code: CredentialInputCode;
  /** How the record is named, e.g. "record 17" or "row 18". */
  readonly record: string;
  /** The field path inside the record, e.g. "achievement.name" or "results[2].value". */
  readonly field: string;

  constructor(
    code: CredentialInputCode,
    record: string,
    field: string,
    problem: string,
    details: Record<string, unknown> = {},
  ) {
    super(code, `${record}: field "${field}" ${problem}`, { record, field, ...details });
    this.record = record;
    this.field = field;
  }
}

/** A value is outside the JSON data model RFC 8785 can canonicalise. */
export class CanonicalJsonError extends CredanchorError {
  override readonly name = "CanonicalJsonError";
  declare readonly code: "JSON_NOT_CANONICALIZABLE";
  readonly pointer: string;

  constructor(pointer: string, problem: string) {
    super("JSON_NOT_CANONICALIZABLE", `value at "${pointer}" ${problem}`, { pointer });
    this.pointer = pointer;
  }
}

/** A string is not a JSON Pointer (RFC 6901). */
export class JsonPointerError extends CredanchorError {
  override readonly name = "JsonPointerError";
  declare readonly code: "JSON_POINTER_INVALID";

  constructor(pointer: string, problem: string) {
    super("JSON_POINTER_INVALID", `"${pointer}" is not a JSON Pointer: ${problem}`, { pointer });
  }
}

export type DisclosureCode =
  | "DISCLOSURE_POINTER_UNKNOWN"
  | "DISCLOSURE_CLAIM_HIDDEN"
  | "DISCLOSURE_CLAIM_MANDATORY"
  | "DISCLOSURE_TYPE_REQUIRED";

/**
 * A disclosure asks for a claim the credential does not have, can no longer reveal, or may
 * never hide.
 */
export class DisclosureError extends CredanchorError {
  override readonly name = "DisclosureError";
  declare readonly code: DisclosureCode;

  constructor(code: DisclosureCode, credentialId: string, pointer: string, problem: string) {
    super(code, `credential ${credentialId}: "${pointer}" ${problem}`, { credentialId, pointer });
  }
}

/** An operation that needs an intact credential was given one that fails verifyIntegrity. */
export class CredentialIntegrityError extends CredanchorError {
  override readonly name = "CredentialIntegrityError";
  declare readonly code: "CREDENTIAL_INTEGRITY_FAILED";

  constructor(credentialId: string, failures: readonly { message: string }[]) {
    const first = failures[0]?.message ?? "unknown failure";
    super("CREDENTIAL_INTEGRITY_FAILED", `credential ${credentialId} fails integrity: ${first}`, {
      credentialId,
      failures,
    });
  }
}

/** Anchor data (root, proof path, transaction) cannot be attached to a credential. */
export class AnchorError extends CredanchorError {
  override readonly name = "AnchorError";
  declare readonly code: "ANCHOR_INVALID";

  constructor(credentialId: string, field: string, problem: string) {
    super("ANCHOR_INVALID", `credential ${credentialId}: anchor ${field} ${problem}`, {
      credentialId,
      field,
    });
  }
}

/** A credential type name cannot be turned into its on-chain bytes20 id. */
export class CredentialTypeError extends CredanchorError {
  override readonly name = "CredentialTypeError";
  declare readonly code: "CREDENTIAL_TYPE_INVALID";

  constructor(name: string, problem: string) {
    super("CREDENTIAL_TYPE_INVALID", `credential type ${JSON.stringify(name)} ${problem}`, {
      name,
    });
  }
}

export type SourceMappingCode = "SOURCE_FIELD_MISSING" | "SOURCE_FIELD_INVALID";

/** A CLR 2.0 or European Learning Model document cannot be mapped to input records. */
export class SourceMappingError extends CredanchorError {
  override readonly name = "SourceMappingError";
  declare readonly code: SourceMappingCode;

  constructor(code: SourceMappingCode, source: string, path: string, problem: string) {
    super(code, `${source}: "${path}" ${problem}`, { source, path });
  }
}

/** A claim salt or claim digest is not the fixed-size lowercase hex the format requires. */
export class ClaimEncodingError extends CredanchorError {
  override readonly name = "ClaimEncodingError";
  declare readonly code: "CLAIM_ENCODING_INVALID";

  constructor(pointer: string, problem: string) {
    super("CLAIM_ENCODING_INVALID", `claim "${pointer}": ${problem}`, { pointer });
  }
}

/** One thing wrong with a credential file, at a JSON Pointer; `code` when a verifier names it. */
export type FormatProblem = { pointer: string; message: string; code?: "ANCHOR_PROOF_MISSING" };

/**
 * A value is not a credential readCredential can type: neither layout of a credanchor file (v1,
 * v2) nor another issuer's credential with a Data Integrity proof, or its status slot, issuer key
 * or proof set is malformed.
 */
export class CredentialFormatError extends CredanchorError {
  override readonly name = "CredentialFormatError";
  declare readonly code: "CREDENTIAL_FORMAT_INVALID";
  readonly problems: readonly FormatProblem[];

  constructor(source: string, problems: readonly FormatProblem[]) {
    const [first] = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    super(
      "CREDENTIAL_FORMAT_INVALID",
      `${source}: "${first?.pointer ?? ""}" ${first?.message ?? "is not a credential"}${more}`,
      { source, problems },
    );
    this.problems = problems;
  }
}
