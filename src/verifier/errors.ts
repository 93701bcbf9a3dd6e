// Errors of the verifier. Findings about a credential are never thrown: they are checks in the
// report. Only a caller's mistake (bad options) is.
import { CredanchorError } from "../errors.ts";

/** A verifier option is missing or malformed. */
export class VerifyOptionsError extends CredanchorError {
  override readonly name = "VerifyOptionsError";
  declare readonly code: "VERIFY_OPTIONS_INVALID";
  readonly option: string;

  constructor(option: string, problem: string) {
    super("VERIFY_OPTIONS_INVALID", `verify option ${option}: ${problem}`, { option });
    this.option = option;
  }
}
