// Errors of the batch pipeline. Each names the input it is about (the file, the line, the column
// or field, the output folder) and says what to do next, under a stable code.
import { CredanchorError } from "../errors.ts";

/** One bad input row: where it is and why it cannot become a credential. */
export interface RowProblem {
  file: string;
  /** Line of the file where the row (or JSON element) starts, from 1. */
  line: number;
  /** The input column (CSV header or JSON key path) the problem is in, when known. */
  column?: string;
  /** The credential record field the problem is in, when known (e.g. "achievement.name"). */
  field?: string;
  /** Stable code: CSV_*, JSON_*, INPUT_*, or a CREDENTIAL_* code of the record validator. */
  code: string;
  reason: string;
}

/** Names a problem the way a registrar finds it: file, line, column (field), reason. */
export function describeRowProblem(problem: RowProblem): string {
  const where = [
    problem.column === undefined ? undefined : `column "${problem.column}"`,
    problem.field === undefined || problem.field === problem.column
      ? undefined
      : `field ${problem.field}`,
  ].filter((part) => part !== undefined);
  const place = where.length > 0 ? `, ${where.join(", ")}` : "";
  return `${problem.file}:${problem.line}${place}: ${problem.reason}`;
}

/** Some rows are bad, so nothing was built, stored or anchored. */
export class InputRowsInvalidError extends CredanchorError {
  override readonly name = "InputRowsInvalidError";
  declare readonly code: "INPUT_ROWS_INVALID";
  readonly problems: readonly RowProblem[];

  constructor(file: string, rows: number, problems: readonly RowProblem[]) {
    const first = problems[0] === undefined ? "" : ` First: ${describeRowProblem(problems[0])}.`;
    super(
      "INPUT_ROWS_INVALID",
      `${problems.length} of ${rows} rows in ${file} cannot be issued, so nothing was anchored.${first} Fix the rows, or pass --skip-invalid <rejects.csv> to issue the others.`,
      { file, rows, invalid: problems.length, problems },
    );
    this.problems = problems;
  }
}

/** The input file as a whole cannot be read: missing, empty, no header, not a JSON array. */
export class InputFileError extends CredanchorError {
  override readonly name = "InputFileError";
  declare readonly code: "INPUT_UNREADABLE" | "INPUT_FORMAT_INVALID" | "INPUT_EMPTY";

  constructor(
    code: "INPUT_UNREADABLE" | "INPUT_FORMAT_INVALID" | "INPUT_EMPTY",
    file: string,
    problem: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(code, `${file}: ${problem}`, { file, ...details }, options);
  }
}

/** The column-mapping file is not usable. */
export class MappingError extends CredanchorError {
  override readonly name = "MappingError";
  declare readonly code: "MAPPING_INVALID";

  constructor(file: string, entry: string, problem: string) {
    super("MAPPING_INVALID", `${file}: ${entry} ${problem}`, { file, entry });
  }
}

/** A batch option is out of range or missing (type, issuer name, batch size). */
export class IssueOptionError extends CredanchorError {
  override readonly name = "IssueOptionError";
  declare readonly code: "ISSUE_OPTION_INVALID";

  constructor(option: string, problem: string) {
    super("ISSUE_OPTION_INVALID", `${option} ${problem}`, { option });
  }
}

export type JournalCode = "JOURNAL_MISMATCH" | "JOURNAL_CORRUPT" | "INPUT_CHANGED";

/**
 * The output folder holds another run (other input, options, chain or registry), a journal that
 * cannot be read, or the input changed under a run: never resume across such a difference.
 */
export class JournalError extends CredanchorError {
  override readonly name = "JournalError";
  declare readonly code: JournalCode;

  constructor(code: JournalCode, file: string, problem: string, details = {}) {
    super(code, `${file}: ${problem}`, { file, ...details });
  }
}

/** What the pipeline rebuilt from its own staging disagrees with what its journal recorded. */
export class StagingError extends CredanchorError {
  override readonly name = "StagingError";
  declare readonly code: "STAGING_CORRUPT";

  constructor(file: string, problem: string) {
    super(
      "STAGING_CORRUPT",
      `${file}: ${problem}. Do not edit the output folder during a run; to start over, use a new --out folder.`,
      { file },
    );
  }
}
