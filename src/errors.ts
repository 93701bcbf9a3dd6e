// The one error hierarchy of the SDK. Every error a user can meet is a CredanchorError with a
// stable `code` a program can switch on (listed, with its category, in ./errorCodes.ts), a short
// message that names the input (file, row, field, CID, address) and what to do next, and the
// values that help in `details`. Every subclass names itself with a literal `name`, so the name
// survives minification.
import type { ErrorCode } from "./errorCodes.ts";

export {
  ERROR_CATEGORIES,
  ERROR_CODES,
  type ErrorCategory,
  type ErrorCode,
  type ErrorDescriptor,
  errorCategoryOf,
  isErrorCode,
} from "./errorCodes.ts";

export class CredanchorError extends Error {
  override name = "CredanchorError";
  /** Stable, machine-readable identifier from ERROR_CODES, e.g. "CREDENTIAL_FIELD_INVALID". */
  readonly code: ErrorCode;
  /** The values that help a caller act: field, row, cid, address, expected, actual. */
  readonly details: Readonly<Record<string, unknown>>;

  /**
   * `code` must be a key of ERROR_CODES (test/errors/registry.test.ts checks every code thrown);
   * it is typed `string` only so that an error rebuilt from a worker thread's message can keep its
   * code. Subclasses narrow `code` to their own codes, which the compiler checks against ErrorCode.
   */
  constructor(
    code: string,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code as ErrorCode;
    this.details = details;
  }
}
