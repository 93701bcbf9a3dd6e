// The errors of src/dataIntegrity: one class, its codes registered in src/errorCodes.ts.
import { CredanchorError } from "../errors.ts";

export type DataIntegrityErrorCode =
  | "DATA_INTEGRITY_CONTEXT_UNKNOWN"
  | "DATA_INTEGRITY_DOCUMENT_UNSUPPORTED"
  | "DATA_INTEGRITY_PROOF_INVALID"
  | "DATA_INTEGRITY_CANONICALIZER_MISSING"
  | "DID_KEY_INVALID"
  | "ED25519_UNAVAILABLE"
  | "STATUS_LIST_ENCODING_INVALID";

export class DataIntegrityError extends CredanchorError {
  override name = "DataIntegrityError";
  declare readonly code: DataIntegrityErrorCode;

  constructor(
    code: DataIntegrityErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, details, options);
  }
}
