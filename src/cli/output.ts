// How the CLI speaks: human lines on stdout by default, one JSON document with --json; errors on
// stderr as one line naming the input and what to do, or as JSON with --json. The SDK never prints.
import { CredanchorError, type ErrorCategory, errorCategoryOf } from "../errors.ts";
import { EXIT } from "./exitCodes.ts";

export interface Output {
  json: boolean;
  /** A line for people (suppressed with --json). */
  line(text: string): void;
  /** The command's result: printed as JSON with --json, else by `human`. */
  result<T>(value: T, human: (value: T) => string): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    line(text) {
      if (!json) process.stdout.write(`${text}\n`);
    },
    result(value, human) {
      process.stdout.write(
        json ? `${JSON.stringify(value, jsonReplacer, 2)}\n` : `${human(value)}\n`,
      );
    },
  };
}

export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return `0x${Buffer.from(value).toString("hex")}`;
  return value;
}

/** The exit code of each error category (src/errorCodes.ts): the code's spelling never decides. */
export const EXIT_FOR_CATEGORY = {
  input: EXIT.badInput,
  unreachable: EXIT.unreachable,
  refused: EXIT.refused,
  internal: EXIT.internal,
} as const satisfies Record<ErrorCategory, number>;

/** Maps an error to its exit code: a CredanchorError by its code's category, anything else 70. */
export function exitCodeFor(error: unknown): number {
  return EXIT_FOR_CATEGORY[
    error instanceof CredanchorError ? errorCategoryOf(error.code) : "internal"
  ];
}

/** Prints an error the way a user can act on, and returns the exit code. */
export function reportError(error: unknown, json: boolean): number {
  const code = exitCodeFor(error);
  if (json) {
    const body =
      error instanceof CredanchorError
        ? { error: { code: error.code, message: error.message, details: error.details } }
        : { error: { code: "INTERNAL", message: String((error as Error)?.message ?? error) } };
    process.stderr.write(`${JSON.stringify(body, jsonReplacer)}\n`);
  } else if (error instanceof CredanchorError) {
    process.stderr.write(`credanchor: ${error.message} [${error.code}]\n`);
  } else {
    const e = error as Error;
    process.stderr.write(`credanchor: internal error: ${e?.stack ?? String(error)}\n`);
  }
  return code;
}
