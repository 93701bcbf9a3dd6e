// A credential may come as a parsed value or as the JSON text of a file or a paste box. Text that
// is not JSON (or a file that could not be read) becomes a marker the structure check reports as
// a failure naming the problem, never an exception. Text goes through the one credential parser,
// so a duplicate member name is NOT_JSON's sibling DUPLICATE_MEMBER, never a silent last-wins.
import { CredentialJsonError, parseCredentialJson } from "../credential/index.ts";

export class UnparsableCredential {
  /** The structure check's code: NOT_JSON, UNREADABLE, or the caller's own. */
  readonly code: string;
  readonly problem: string;
  constructor(code: string, problem: string) {
    this.code = code;
    this.problem = problem;
  }
}

export function parseCredential(input: unknown, source: string | null): unknown {
  if (typeof input !== "string") return input;
  try {
    return parseCredentialJson(input, source ?? "credential");
  } catch (error) {
    if (!(error instanceof CredentialJsonError)) throw error;
    return new UnparsableCredential(error.problem, error.message);
  }
}
