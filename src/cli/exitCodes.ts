// The exit codes of the credanchor command, stable for scripts. An error exits with the code of its
// category in src/errorCodes.ts (src/cli/output.ts, EXIT_FOR_CATEGORY), never of its spelling.
export const EXIT = {
  /** Done; for `verify`, every credential is valid. */
  ok: 0,
  /** `verify`: at least one credential is not valid (invalid, revoked, suspended, expired, not accredited). */
  notValid: 1,
  /** Bad usage or bad input (a file, row or field named in the message). Nothing was changed. */
  badInput: 2,
  /** A network fault: an RPC endpoint or a content store could not be reached; `verify`: unverifiable. */
  unreachable: 3,
  /** The registry refused the transaction (a named contract error). */
  refused: 4,
  /** A bug: please report it with the message. */
  internal: 70,
} as const;
