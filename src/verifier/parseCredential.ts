// A credential may come as a parsed value or as the JSON text of a file or a paste box. Text that
// is not JSON (or a file that could not be read) becomes a marker the structure check reports as
// a failure naming the problem, never an exception.

export class UnparsableCredential {
  /** The structure check's code: NOT_JSON, UNREADABLE, or the caller's own. */
  readonly code: string;
  readonly problem: string;
  constructor(code: string, problem: string) {
    this.code = code;
    this.problem = problem;
  }
}

export function parseCredential(input: unknown): unknown {
  if (typeof input !== "string") return input;
  try {
    return JSON.parse(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input);
  } catch (error) {
    return new UnparsableCredential("NOT_JSON", `not JSON: ${(error as Error).message}`);
  }
}
