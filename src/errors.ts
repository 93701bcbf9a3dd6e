// The one error hierarchy of the SDK. Every error a user can meet is a CredanchorError with a
// stable `code` a program can switch on, a short message that names the input (file, row,
// field, CID, address) and what to do next, and the values that help in `details`.

export class CredanchorError extends Error {
  /** Stable, machine-readable identifier, e.g. "CREDENTIAL_FIELD_INVALID". */
  readonly code: string;
  /** The values that help a caller act: field, row, cid, address, expected, actual. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}
