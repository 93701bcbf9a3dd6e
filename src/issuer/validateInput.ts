// The first pass over the input: every row is read, mapped and validated before anything is
// built, so a batch is issued whole or not at all, and every bad row is listed at once (file,
// line, column, field, reason). Row ids must be unique (case-insensitively: they name files) and
// usable as file names.
import type { Hex } from "viem";
import { buildValidatedCredential } from "../credential/buildCredential.ts";
import { MAX_CREDENTIAL_BYTES } from "../credential/constants.ts";
import { CredentialInputError } from "../credential/errors.ts";
import type { IssuanceContext } from "../credential/types.ts";
import { validateIssuanceContext, validateRecord } from "../credential/validateRecord.ts";
import type { ColumnMapping, MappedRow } from "./columnMapping.ts";
import type { RowProblem } from "./errors.ts";
import { readFilePass } from "./inputFile.ts";
import { type InputFormat, readRecords } from "./readRecords.ts";

export interface InputSource {
  file: string;
  format: InputFormat;
  mapping?: ColumnMapping;
  mappingFile?: string;
}

export interface ValidatedInput {
  file: string;
  sha256: Hex;
  bytes: number;
  /** Rows read (valid or not; blank lines are not rows). */
  rows: number;
  valid: number;
  /** Every bad row, in file order. */
  problems: RowProblem[];
  /** Lines of the rows that will not be issued. */
  rejectedLines: Set<number>;
}

const FILE_SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/**
 * A credential repeats a record's values at most twice (a result's name is in its description and
 * its result) plus a few KB of fixed members, so records under this size always make credentials
 * under MAX_CREDENTIAL_BYTES; larger ones are built once here to be sure.
 */
const SURELY_SMALL_RECORD = MAX_CREDENTIAL_BYTES / 8;

/** The label records get in validator messages. */
export function recordLabel(line: number): string {
  return `line ${line}`;
}

export async function validateInput(
  source: InputSource,
  context: IssuanceContext,
  onRow?: (rows: number, bytesRead: number) => void,
): Promise<ValidatedInput> {
  // Once per run: every record is built against the same context.
  const validContext = validateIssuanceContext(context);
  const pass = readFilePass(source.file);
  const problems: RowProblem[] = [];
  const rejectedLines = new Set<number>();
  const ids = new Map<string, number>();
  let rows = 0;
  // A CLR or ELM document on one line may hold several records; a bad one rejects its whole
  // document (the rejects file gives the document back), so records are counted by line.
  let rejectedRows = 0;
  let line = 0;
  let rowsOnLine = 0;
  const reject = (problem: RowProblem) => {
    problems.push(problem);
    if (!rejectedLines.has(problem.line)) rejectedRows += rowsOnLine;
    rejectedLines.add(problem.line);
  };
  for await (const item of readRecords(pass.chunks, source)) {
    rows++;
    onRow?.(rows, pass.bytesRead());
    const itemLine = item.kind === "problem" ? item.problem.line : item.line;
    rowsOnLine = itemLine === line ? rowsOnLine + 1 : 1;
    line = itemLine;
    if (rejectedLines.has(line)) {
      rejectedRows++;
      continue;
    }
    if (item.kind === "problem") {
      reject(item.problem);
      continue;
    }
    const { id } = item;
    const idColumn = source.mapping?.id ?? "id";
    if (id !== undefined) {
      if (!FILE_SAFE_ID.test(id)) {
        reject({
          file: source.file,
          line,
          column: idColumn,
          code: "INPUT_ID_INVALID",
          reason: `id ${JSON.stringify(id.slice(0, 80))} cannot name a file: use 1 to 128 letters, digits, ".", "_" or "-", starting with a letter or digit`,
        });
        continue;
      }
      const seen = ids.get(id.toLowerCase());
      if (seen !== undefined) {
        reject({
          file: source.file,
          line,
          column: idColumn,
          code: "INPUT_ID_DUPLICATE",
          reason: `id ${JSON.stringify(id)} is already used on line ${seen} (ids name the holder files, so they must be unique, ignoring case)`,
        });
        continue;
      }
      ids.set(id.toLowerCase(), line);
    }
    try {
      const label = recordLabel(line);
      const normalized = validateRecord(item.record, label);
      if (JSON.stringify(normalized).length > SURELY_SMALL_RECORD) {
        buildValidatedCredential({
          record: normalized,
          index: 0,
          context: validContext,
          recordLabel: label,
        });
      }
    } catch (error) {
      if (!(error instanceof CredentialInputError)) throw error;
      reject(recordProblem(error, source.file, line, item));
    }
  }
  return {
    file: source.file,
    sha256: pass.sha256(),
    bytes: pass.bytesRead(),
    rows,
    valid: rows - rejectedRows,
    problems,
    rejectedLines,
  };
}

/**
 * A validator error as a row problem: the column it came from, the field, the reason alone. A bad
 * date in a column the mapping reads with its own format is quoted as written, with that format.
 */
export function recordProblem(
  error: CredentialInputError,
  file: string,
  line: number,
  row: Pick<MappedRow, "columnOf" | "dateFormatOf">,
): RowProblem {
  let reason = error.message;
  const prefix = `${recordLabel(line)}: field "${error.field}" `;
  if (reason.startsWith(prefix)) reason = reason.slice(prefix.length);
  const format = row.dateFormatOf?.(error.field);
  if (error.code === "CREDENTIAL_DATE_INVALID" && format !== undefined) {
    const cell = JSON.stringify((error.details as { value?: unknown }).value);
    reason = `is not a date: ${cell}; the mapping reads this column as ${format} (a real day in that layout), or give YYYY-MM-DD`;
  }
  const problem: RowProblem = { file, line, field: error.field, code: error.code, reason };
  const column = row.columnOf(error.field);
  if (column !== undefined) problem.column = column;
  return problem;
}
