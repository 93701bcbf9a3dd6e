// Input rows -> credential records: picks the reader for the file's format (CSV, a JSON array or
// JSON Lines of records, or CLR 2.0 / European Learning Model documents), applies the column
// mapping or the document mapping (credential/mapping.ts), and passes row-level read problems
// through with the file and line. Records are not validated here (validateInput.ts does that).
import { extname } from "node:path";
import { SourceMappingError, sourceRecordsOf } from "../credential/index.ts";
import { isObject } from "../values/index.ts";
import {
  type ColumnMapping,
  type MappedRow,
  mappedColumns,
  mappingFromHeader,
  mapRow,
  REJECT_REASON_COLUMN,
} from "./columnMapping.ts";
import { InputFileError, MappingError, type RowProblem } from "./errors.ts";
import { readCsv } from "./readCsv.ts";
import { type JsonItem, readJsonArray, readJsonLines } from "./readJson.ts";

/**
 * csv, json (one array of records) and jsonl (one record per line) hold records; clr and elm hold
 * CLR 2.0 ClrCredentials or ELM credentials (one document, an array of them, or one per line),
 * each mapped to one record per achievement it holds.
 */
export type InputFormat = "csv" | "json" | "jsonl" | "clr" | "elm";

export type InputItem =
  | ({ kind: "record"; line: number } & MappedRow)
  | { kind: "problem"; problem: RowProblem };

export interface ReadRecordsOptions {
  /** Names the file in problems. */
  file: string;
  format: InputFormat;
  /** Without one: CSV headers are record field paths, JSON records are records as they are. */
  mapping?: ColumnMapping;
  /** Names the mapping file in errors. */
  mappingFile?: string;
}

const FORMATS: Record<string, InputFormat> = {
  ".csv": "csv",
  ".json": "json",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
};

/** The format a file name implies: .csv, .json, .jsonl or .ndjson. */
export function inputFormatOf(file: string): InputFormat {
  const format = FORMATS[extname(file).toLowerCase()];
  if (format === undefined) {
    throw new InputFileError(
      "INPUT_FORMAT_INVALID",
      file,
      "has an unknown extension: use .csv, .json (one array of records) or .jsonl (one record per line), or --format clr|elm for CLR 2.0 or European Learning Model documents",
    );
  }
  return format;
}

/** Every row of the input as a mapped record or a problem, in file order. */
export async function* readRecords(
  chunks: AsyncIterable<Uint8Array>,
  options: ReadRecordsOptions,
): AsyncGenerator<InputItem> {
  if (options.format === "csv") {
    yield* readCsvRecords(chunks, options);
    return;
  }
  if (options.format === "clr" || options.format === "elm") {
    yield* readSourceRecords(chunks, options, options.format);
    return;
  }
  const items =
    options.format === "json"
      ? readJsonArray(chunks, { file: options.file })
      : readJsonLines(chunks, { file: options.file });
  for await (const item of items) {
    if (item.kind === "problem") {
      const { line, code, reason } = item;
      yield { kind: "problem", problem: { file: options.file, line, code, reason } };
      continue;
    }
    const value = item.value;
    if (!isObject(value)) {
      yield {
        kind: "problem",
        problem: {
          file: options.file,
          line: item.line,
          code: "JSON_NOT_OBJECT",
          reason: "is not a JSON object (each record is one {...})",
        },
      };
      continue;
    }
    const object = value as Record<string, unknown>;
    if (options.mapping !== undefined) {
      yield {
        kind: "record",
        line: item.line,
        ...mapRow(options.mapping, (path) => at(object, path)),
      };
    } else {
      const { id, [REJECT_REASON_COLUMN]: _reason, ...record } = object;
      if (id !== undefined && id !== null && typeof id !== "string" && typeof id !== "number") {
        yield {
          kind: "problem",
          problem: {
            file: options.file,
            line: item.line,
            column: "id",
            code: "INPUT_ID_INVALID",
            reason: "id must be a string or a number",
          },
        };
        continue;
      }
      yield {
        kind: "record",
        line: item.line,
        id: id === undefined || id === null ? undefined : String(id).trim() || undefined,
        record,
        columnOf: (field) => field,
      };
    }
  }
}

async function* readCsvRecords(
  chunks: AsyncIterable<Uint8Array>,
  options: ReadRecordsOptions,
): AsyncGenerator<InputItem> {
  const table = await readCsv(chunks, { file: options.file });
  let mapping = options.mapping;
  if (mapping === undefined) {
    const implied = mappingFromHeader(table.header);
    if (implied.unknown.length > 0) {
      throw new InputFileError(
        "INPUT_FORMAT_INVALID",
        options.file,
        `line 1: column "${implied.unknown[0]}" is not a record field; name columns after record fields (holderName, validFrom, achievement.name, ...) or pass --mapping <map.json>`,
        { line: 1, column: implied.unknown[0], unknown: implied.unknown },
      );
    }
    mapping = implied.mapping;
  } else {
    const missing = mappedColumns(mapping).filter((column) => !table.header.includes(column));
    if (missing.length > 0) {
      throw new MappingError(
        options.mappingFile ?? "the column mapping",
        `column "${missing[0]}"`,
        `is not in the header of ${options.file} (its columns: ${table.header.join(", ")})`,
      );
    }
  }
  const index = new Map(table.header.map((name, i) => [name, i]));
  for await (const item of table.rows) {
    if (item.kind === "problem") {
      const { line, code, reason, column } = item;
      const problem: RowProblem = { file: options.file, line, code, reason };
      if (column !== undefined) problem.column = column;
      yield { kind: "problem", problem };
      continue;
    }
    const cells = item.cells;
    yield {
      kind: "record",
      line: item.line,
      ...mapRow(mapping, (column) => {
        const i = index.get(column);
        return i === undefined ? undefined : cells[i];
      }),
    };
  }
}

/**
 * The documents of a clr/elm file: a JSON array of them (streamed), or else the whole file as one
 * document, or, when it is not one JSON value, one document per line.
 */
export async function* readDocuments(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
): AsyncGenerator<JsonItem> {
  const parts: Buffer[] = [];
  const iterator = chunks[Symbol.asyncIterator]();
  let first: number | undefined;
  while (first === undefined) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = Buffer.from(next.value);
    parts.push(chunk);
    first = chunk.find((byte) => ![0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf].includes(byte));
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    yield* parts;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield next.value;
    }
  }
  if (first === 0x5b) {
    yield* readJsonArray(all(), { file });
    return;
  }
  const whole: Buffer[] = [];
  for await (const chunk of all()) whole.push(Buffer.from(chunk));
  const bytes = Buffer.concat(whole);
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    yield* readJsonLines(
      (async function* () {
        yield bytes;
      })(),
      { file },
    );
    return;
  }
  const blankLines = /^\s*/.exec(text)![0].split("\n").length - 1;
  yield { kind: "value", line: 1 + blankLines, value };
}

/** Each document mapped to its records; a document that cannot be mapped is one problem. */
async function* readSourceRecords(
  chunks: AsyncIterable<Uint8Array>,
  options: ReadRecordsOptions,
  format: "clr" | "elm",
): AsyncGenerator<InputItem> {
  const { file } = options;
  if (options.mapping !== undefined) {
    throw new InputFileError(
      "INPUT_FORMAT_INVALID",
      file,
      `is read as ${format.toUpperCase()} documents, which map to records by their standard: drop --mapping (it maps the columns of csv, json or jsonl records)`,
    );
  }
  const label = format === "clr" ? "CLR 2.0 credential" : "ELM credential";
  for await (const item of readDocuments(chunks, file)) {
    if (item.kind === "problem") {
      const { line, code, reason } = item;
      yield { kind: "problem", problem: { file, line, code, reason } };
      continue;
    }
    let records: ReturnType<typeof sourceRecordsOf>;
    try {
      records = sourceRecordsOf(format, item.value);
    } catch (error) {
      if (!(error instanceof SourceMappingError)) throw error;
      const { path } = error.details as { path: string };
      const reason = `${error.message}; is this a ${label}?`;
      yield {
        kind: "problem",
        problem: { file, line: item.line, field: path, code: error.code, reason },
      };
      continue;
    }
    for (const { path, record } of records) {
      yield { kind: "record", line: item.line, record, columnOf: () => path };
    }
  }
}

/** The value at a dotted key path of a JSON object ("student.name"). */
function at(object: Record<string, unknown>, path: string): unknown {
  if (path in object) return object[path];
  let value: unknown = object;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
