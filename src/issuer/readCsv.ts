// Reads a CSV export (RFC 4180: comma-separated, fields in double quotes may hold commas, line
// breaks and "" for a quote; CRLF or LF; an optional UTF-8 byte-order mark) as a stream of rows,
// each with the line it starts on. A malformed row is reported and skipped and the next row reads
// as usual: a stray or unclosed quote, a wrong number of fields, bytes that are not UTF-8 and an
// oversized row are row-level problems, never the end of the file. (csv-parse stops emitting rows
// after an oversized record and cannot resynchronise after an unclosed quote, hence this scanner.)
import { isUtf8 } from "node:buffer";
import { InputFileError } from "./errors.ts";

export type CsvProblemCode =
  | "CSV_QUOTE_UNCLOSED"
  | "CSV_QUOTE_STRAY"
  | "CSV_FIELD_COUNT"
  | "CSV_ROW_TOO_LARGE"
  | "CSV_NOT_UTF8";

export type CsvItem =
  | { kind: "row"; line: number; cells: string[] }
  | { kind: "problem"; line: number; code: CsvProblemCode; reason: string; column?: string };

export interface CsvOptions {
  /** Names the file in errors. */
  file: string;
  /** Largest row in bytes; larger rows are reported and skipped (default 1 MiB). */
  maxRowBytes?: number;
}

export interface CsvTable {
  /** Column names from the first line, trimmed. */
  header: string[];
  rows: AsyncGenerator<CsvItem>;
}

export const DEFAULT_MAX_ROW_BYTES = 1 << 20;

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

type Scan =
  | { kind: "end" }
  | { kind: "incomplete" }
  | { kind: "record"; cells: Buffer[]; end: number }
  | {
      kind: "problem";
      code: CsvProblemCode;
      reason: (line: number) => string;
      /** Where reading resumes: after the record's own end, or after the line it starts on. */
      resume: number | "next-line";
    };

/** Opens the table: reads the header line, then yields every other row or its problem. */
export async function readCsv(
  chunks: AsyncIterable<Uint8Array>,
  options: CsvOptions,
): Promise<CsvTable> {
  const items = scanRows(chunks, options.maxRowBytes ?? DEFAULT_MAX_ROW_BYTES);
  const first = await items.next();
  if (first.done) throw new InputFileError("INPUT_EMPTY", options.file, "is empty: no header line");
  const headerItem = first.value;
  if (headerItem.kind === "problem") {
    throw new InputFileError(
      "INPUT_FORMAT_INVALID",
      options.file,
      `line ${headerItem.line}, the header: ${headerItem.reason}`,
      { line: headerItem.line },
    );
  }
  const header = headerItem.cells.map((name) => name.trim());
  header.forEach((name, i) => {
    if (name === "") {
      throw new InputFileError(
        "INPUT_FORMAT_INVALID",
        options.file,
        `line ${headerItem.line}, the header: column ${i + 1} has no name`,
        { line: headerItem.line, column: i + 1 },
      );
    }
    const earlier = header.indexOf(name);
    if (earlier !== i) {
      throw new InputFileError(
        "INPUT_FORMAT_INVALID",
        options.file,
        `line ${headerItem.line}, the header: column "${name}" appears twice (columns ${earlier + 1} and ${i + 1})`,
        { line: headerItem.line, column: name },
      );
    }
  });
  return { header, rows: checkRows(items, header) };
}

async function* checkRows(items: AsyncGenerator<CsvItem>, header: string[]) {
  for await (const item of items) {
    if (item.kind === "row" && item.cells.length !== header.length) {
      yield {
        kind: "problem" as const,
        line: item.line,
        code: "CSV_FIELD_COUNT" as const,
        reason: `has ${item.cells.length} fields; the header has ${header.length} (a comma or quote out of place?)`,
      };
    } else if (item.kind === "problem" && item.code === "CSV_NOT_UTF8" && item.column) {
      const index = Number(item.column);
      yield { ...item, column: header[index] ?? `#${index + 1}` };
    } else {
      yield item;
    }
  }
}

async function* scanRows(
  chunks: AsyncIterable<Uint8Array>,
  maxRowBytes: number,
): AsyncGenerator<CsvItem> {
  const source = chunks[Symbol.asyncIterator]();
  let buf: Buffer = Buffer.alloc(0);
  let pos = 0;
  let line = 1;
  let eof = false;
  let started = false;
  /** After a row too large to hold: drop bytes up to the end of its first line. */
  let skipping = false;

  const more = async (): Promise<void> => {
    const next = await source.next();
    if (next.done) {
      eof = true;
      return;
    }
    const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    buf = pos >= buf.length ? chunk : Buffer.concat([buf.subarray(pos), chunk]);
    pos = 0;
    if (!started && buf.length >= 3) {
      started = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
    }
  };

  for (;;) {
    if (skipping) {
      const lf = buf.indexOf(LF, pos);
      if (lf === -1) {
        pos = buf.length;
        if (eof) return;
        await more();
        continue;
      }
      pos = lf + 1;
      line += 1;
      skipping = false;
    }
    if (!started && !eof && buf.length - pos < 3) {
      await more();
      continue;
    }
    started = true;
    const scan = scanRecord(buf, pos, eof);
    if (scan.kind === "end") return;
    if (scan.kind === "incomplete") {
      if (buf.length - pos > maxRowBytes) {
        yield {
          kind: "problem",
          line,
          code: "CSV_ROW_TOO_LARGE",
          reason: `is larger than ${maxRowBytes} bytes (a field of that size cannot go into a credential, or a quote is never closed)`,
        };
        const lf = buf.indexOf(LF, pos);
        if (lf === -1) {
          pos = buf.length;
          skipping = true;
        } else {
          pos = lf + 1;
          line += 1;
        }
        continue;
      }
      await more();
      continue;
    }
    if (scan.kind === "problem") {
      yield { kind: "problem", line, code: scan.code, reason: scan.reason(line) };
      let resume = scan.resume;
      if (resume === "next-line") {
        const lf = buf.indexOf(LF, pos);
        resume = lf === -1 ? buf.length : lf + 1;
      }
      line += countLines(buf, pos, resume);
      pos = resume;
      continue;
    }
    const rowLine = line;
    const bytes = scan.end - pos;
    line += countLines(buf, pos, scan.end);
    const start = pos;
    pos = scan.end;
    if (bytes > maxRowBytes) {
      yield {
        kind: "problem",
        line: rowLine,
        code: "CSV_ROW_TOO_LARGE",
        reason: `is ${bytes} bytes, larger than ${maxRowBytes} bytes (a field of that size cannot go into a credential)`,
      };
      continue;
    }
    if (scan.cells.every((cell) => cell.length === 0)) continue; // blank line or ",,,"
    if (!isUtf8(buf.subarray(start, scan.end))) {
      const bad = scan.cells.findIndex((cell) => !isUtf8(cell));
      yield {
        kind: "problem",
        line: rowLine,
        code: "CSV_NOT_UTF8",
        reason: "holds bytes that are not UTF-8: export the file as UTF-8 (CSV UTF-8 in Excel)",
        column: String(bad),
      };
      continue;
    }
    yield { kind: "row", line: rowLine, cells: scan.cells.map((cell) => cell.toString("utf8")) };
  }
}

/** Scans one record starting at `start`; `eof` says no bytes follow the buffer. */
function scanRecord(buf: Buffer, start: number, eof: boolean): Scan {
  const length = buf.length;
  if (start >= length) return eof ? { kind: "end" } : { kind: "incomplete" };
  const cells: Buffer[] = [];
  let i = start;
  for (;;) {
    if (buf[i] === QUOTE) {
      const openedAt = i;
      const parts: Buffer[] = [];
      let from = i + 1;
      let j = from;
      for (;;) {
        const q = buf.indexOf(QUOTE, j);
        if (q === -1) {
          if (!eof) return { kind: "incomplete" };
          const openLine = countLines(buf, start, openedAt);
          return {
            kind: "problem",
            code: "CSV_QUOTE_UNCLOSED",
            reason: (line) =>
              `has a quote opened on line ${line + openLine} that is never closed (reading resumes on the next line)`,
            resume: "next-line",
          };
        }
        if (q + 1 >= length && !eof) return { kind: "incomplete" };
        if (buf[q + 1] === QUOTE) {
          parts.push(buf.subarray(from, q + 1));
          from = q + 2;
          j = from;
          continue;
        }
        parts.push(buf.subarray(from, q));
        i = q + 1;
        break;
      }
      cells.push(parts.length === 1 ? parts[0]! : Buffer.concat(parts));
      const next = buf[i];
      if (i >= length) return { kind: "record", cells, end: i };
      if (next === COMMA) {
        i += 1;
        if (i >= length && eof) {
          cells.push(Buffer.alloc(0));
          return { kind: "record", cells, end: i };
        }
        if (i >= length) return { kind: "incomplete" };
        continue;
      }
      if (next === LF) return { kind: "record", cells, end: i + 1 };
      if (next === CR) {
        if (i + 1 >= length && !eof) return { kind: "incomplete" };
        if (i + 1 >= length || buf[i + 1] === LF) {
          return { kind: "record", cells, end: Math.min(i + 2, length) };
        }
      }
      // Resuming needs the end of the record's first line.
      if (!eof && buf.indexOf(LF, start) === -1) return { kind: "incomplete" };
      const openLine = countLines(buf, start, openedAt);
      const closeLine = countLines(buf, start, i);
      const shown = JSON.stringify(String.fromCharCode(next ?? 0));
      return {
        kind: "problem",
        code: "CSV_QUOTE_STRAY",
        reason: (line) =>
          `has a quoted field opened on line ${line + openLine} followed by ${shown} on line ${line + closeLine}: a quote inside a quoted field must be doubled ("")`,
        resume: "next-line",
      };
    }
    // An unquoted field runs to the next comma or line break; a quote inside it is a mistake.
    let j = i;
    let strayQuote = -1;
    while (j < length) {
      const c = buf[j];
      if (c === COMMA || c === LF) break;
      if (c === QUOTE && strayQuote === -1) strayQuote = j;
      j++;
    }
    if (j >= length && !eof) return { kind: "incomplete" };
    if (strayQuote !== -1) {
      const lf = buf.indexOf(LF, j);
      if (lf === -1 && !eof) return { kind: "incomplete" };
      return {
        kind: "problem",
        code: "CSV_QUOTE_STRAY",
        reason: () =>
          `has a quote inside an unquoted field (column ${cells.length + 1}): put the whole field in quotes and double the quote ("")`,
        resume: lf === -1 ? length : lf + 1,
      };
    }
    const endOfLine = j >= length || buf[j] === LF;
    const cellEnd = endOfLine && j > i && buf[j - 1] === CR ? j - 1 : j;
    cells.push(buf.subarray(i, cellEnd));
    if (endOfLine) return { kind: "record", cells, end: Math.min(j + 1, length) };
    i = j + 1;
    if (i >= length) {
      if (!eof) return { kind: "incomplete" };
      cells.push(Buffer.alloc(0));
      return { kind: "record", cells, end: i };
    }
  }
}

function countLines(buf: Buffer, from: number, to: number): number {
  let lines = 0;
  for (let at = buf.indexOf(LF, from); at !== -1 && at < to; at = buf.indexOf(LF, at + 1)) {
    lines++;
  }
  return lines;
}
