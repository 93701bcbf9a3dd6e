// The errors of delivery: a recipients file that cannot be read, rows that cannot be mailed, and
// a mail server that cannot be reached or refuses us. Codes are in src/errorCodes.ts.
import { CredanchorError } from "../errors.ts";

/** The recipients CSV cannot be used at all (unreadable, a column missing). */
export class RecipientsFileError extends CredanchorError {
  override readonly name = "RecipientsFileError";
  constructor(file: string, problem: string, details: Record<string, unknown> = {}) {
    super("RECIPIENTS_INVALID", `${file}: ${problem}.`, { file, ...details });
  }
}

/** The mail server could not be reached, dropped the connection, or asked us to come back later. */
export class MailServerError extends CredanchorError {
  override readonly name = "MailServerError";
  declare readonly code: "MAIL_SERVER_UNREACHABLE" | "MAIL_LOGIN_FAILED";
}
