// The rejects file of --skip-invalid: the rows that were not issued, as they were written, each
// with the reason, so the file can be fixed and issued again. A CSV input gives a CSV with the
// same columns plus a "reason" column (which reading a CSV without a mapping ignores); JSON input
// gives the original objects with a "reason" member, in the input's layout (an array, or one per
// line; CLR and ELM documents one per line). A row that could not be read at all keeps only its
// reason, which names its line in the input.
import { isObject } from "../values/index.ts";
import { writeFileAtomic } from "./atomicFile.ts";
import { REJECT_REASON_COLUMN } from "./columnMapping.ts";
import type { RowProblem } from "./errors.ts";
import { readFilePass } from "./inputFile.ts";
import { readCsv } from "./readCsv.ts";
import { readJsonArray, readJsonLines } from "./readJson.ts";
import { readDocuments } from "./readRecords.ts";
import type { InputSource } from "./validateInput.ts";

/** Writes the rejected rows of `source` to `file` (atomically), each with its problems. */
export async function writeRejects(
  file: string,
  source: Pick<InputSource, "file" | "format">,
  problems: readonly RowProblem[],
): Promise<void> {
  await writeFileAtomic(file, await rejectsText(source, problems));
}

/** The rejects file's content; see the module comment for its layout. */
export async function rejectsText(
  source: Pick<InputSource, "file" | "format">,
  problems: readonly RowProblem[],
): Promise<string> {
  const reasons = new Map<number, string[]>();
  for (const problem of problems) {
    const list = reasons.get(problem.line) ?? [];
    list.push(reasonOf(problem));
    reasons.set(problem.line, list);
  }
  const reasonAt = (line: number) => reasons.get(line)?.join("; ");
  const chunks = readFilePass(source.file).chunks;
  if (source.format === "csv") return rejectedCsv(chunks, source.file, reasonAt);
  const items =
    source.format === "json"
      ? readJsonArray(chunks, { file: source.file })
      : source.format === "jsonl"
        ? readJsonLines(chunks, { file: source.file })
        : readDocuments(chunks, source.file);
  const lines: string[] = [];
  for await (const item of items) {
    const reason = reasonAt(item.line);
    if (reason === undefined) continue;
    const value = item.kind === "value" ? item.value : undefined;
    const object = isObject(value) ? value : value === undefined ? {} : { value };
    lines.push(JSON.stringify({ [REJECT_REASON_COLUMN]: reason, ...object }));
  }
  if (source.format === "json") return `[\n${lines.join(",\n")}\n]\n`;
  return lines.map((line) => `${line}\n`).join("");
}

async function rejectedCsv(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
  reasonAt: (line: number) => string | undefined,
): Promise<string> {
  const table = await readCsv(chunks, { file });
  const width = table.header.length;
  let text = csvLine([...table.header, REJECT_REASON_COLUMN]);
  for await (const item of table.rows) {
    const reason = reasonAt(item.line);
    if (reason === undefined) continue;
    const cells = item.kind === "row" ? item.cells : new Array<string>(width).fill("");
    text += csvLine([...cells, reason]);
  }
  return text;
}

/** Where in the row and what: `line 7, column "Award date": is not a date: ...`. */
function reasonOf(problem: RowProblem): string {
  const where = [`line ${problem.line}`];
  if (problem.column !== undefined) where.push(`column "${problem.column}"`);
  if (problem.field !== undefined && problem.field !== problem.column) {
    where.push(`field ${problem.field}`);
  }
  return `${where.join(", ")}: ${problem.reason}`;
}

function csvLine(cells: readonly string[]): string {
  const quoted = cells.map((cell) =>
    /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell,
  );
  return `${quoted.join(",")}\n`;
}
