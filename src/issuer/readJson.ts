// Reads JSON input as a stream of values, each with the line it starts on: a `.json` file holding
// one array of records (split element by element, never parsed whole), or JSON Lines (one record
// per line). An element that is not valid JSON, not UTF-8 or too large is a row-level problem; the
// elements after it still read.
import { isUtf8 } from "node:buffer";
import { InputFileError } from "./errors.ts";

export type JsonProblemCode = "JSON_SYNTAX" | "JSON_NOT_UTF8" | "JSON_ELEMENT_TOO_LARGE";

export type JsonItem =
  | { kind: "value"; line: number; value: unknown }
  | { kind: "problem"; line: number; code: JsonProblemCode; reason: string };

export interface JsonReadOptions {
  /** Names the file in errors. */
  file: string;
  /** Largest element in bytes (default 1 MiB). */
  maxElementBytes?: number;
}

const DEFAULT_MAX_ELEMENT_BYTES = 1 << 20;
const LF = 0x0a;
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** The elements of a top-level JSON array. */
export async function* readJsonArray(
  chunks: AsyncIterable<Uint8Array>,
  options: JsonReadOptions,
): AsyncGenerator<JsonItem> {
  const max = options.maxElementBytes ?? DEFAULT_MAX_ELEMENT_BYTES;
  let state: "start" | "before" | "element" | "done" = "start";
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let afterComma = false;
  let parts: Buffer[] = [];
  let size = 0;
  let elementLine = 0;

  const finish = (tail: Buffer): JsonItem => {
    const bytes = parts.length === 0 ? tail : Buffer.concat([...parts, tail]);
    const total = size + tail.length;
    parts = [];
    size = 0;
    return parseElement(bytes, total, elementLine, max);
  };

  for await (const chunk of withoutBom(chunks)) {
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (state === "element") {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 0x5c) escaped = true;
          else if (c === 0x22) inString = false;
          else if (c === LF) line++;
          continue;
        }
        if (c === 0x22) inString = true;
        else if (c === 0x7b || c === 0x5b) depth++;
        else if (c === LF) line++;
        else if ((c === 0x7d || c === 0x5d) && depth > 0) depth--;
        else if (depth === 0 && (c === 0x2c || c === 0x5d)) {
          yield finish(chunk.subarray(from, i));
          afterComma = c === 0x2c;
          state = c === 0x2c ? "before" : "done";
        }
        continue;
      }
      if (WHITESPACE.has(c)) {
        if (c === LF) line++;
        continue;
      }
      if (state === "start") {
        if (c !== 0x5b) {
          throw new InputFileError(
            "INPUT_FORMAT_INVALID",
            options.file,
            `line ${line}: a .json input must be one array of records ([{...}, {...}]); use .jsonl for one record per line`,
            { line },
          );
        }
        state = "before";
      } else if (state === "before") {
        if (c === 0x5d) {
          if (afterComma) {
            yield {
              kind: "problem",
              line,
              code: "JSON_SYNTAX",
              reason: "has a comma before the closing ] (no element follows it)",
            };
          }
          state = "done";
          continue;
        }
        state = "element";
        elementLine = line;
        depth = 0;
        from = i;
        i--; // read this byte again as the element's first
      } else {
        throw new InputFileError(
          "INPUT_FORMAT_INVALID",
          options.file,
          `line ${line}: text after the closing ] of the array`,
          { line },
        );
      }
    }
    if (state === "element") {
      const rest = chunk.subarray(from);
      if (size + rest.length <= max) parts.push(Buffer.from(rest));
      size += rest.length;
    }
  }
  if (state === "start") {
    throw new InputFileError("INPUT_EMPTY", options.file, "is empty: expected an array of records");
  }
  if (state === "element") {
    yield {
      kind: "problem",
      line: elementLine,
      code: "JSON_SYNTAX",
      reason: "is cut off: the file ends inside this element (is the array closed with ]?)",
    };
  } else if (state === "before") {
    yield {
      kind: "problem",
      line,
      code: "JSON_SYNTAX",
      reason: "the file ends before the array's closing ]",
    };
  }
}

/** The records of a JSON Lines file: one JSON value per line, blank lines skipped. */
export async function* readJsonLines(
  chunks: AsyncIterable<Uint8Array>,
  options: JsonReadOptions,
): AsyncGenerator<JsonItem> {
  const max = options.maxElementBytes ?? DEFAULT_MAX_ELEMENT_BYTES;
  let pending: Buffer[] = [];
  let size = 0;
  let line = 1;
  const take = (tail: Buffer): JsonItem | undefined => {
    const bytes = pending.length === 0 ? tail : Buffer.concat([...pending, tail]);
    const total = size + tail.length;
    pending = [];
    size = 0;
    const itemLine = line++;
    if (total <= max && bytes.toString("latin1").trim() === "") return undefined;
    return parseElement(bytes, total, itemLine, max);
  };
  for await (const chunk of withoutBom(chunks)) {
    let from = 0;
    for (let lf = chunk.indexOf(LF); lf !== -1; lf = chunk.indexOf(LF, from)) {
      const item = take(chunk.subarray(from, lf));
      if (item !== undefined) yield item;
      from = lf + 1;
    }
    const rest = chunk.subarray(from);
    if (size + rest.length <= max) pending.push(Buffer.from(rest));
    size += rest.length;
  }
  if (size > 0) {
    const item = take(Buffer.alloc(0));
    if (item !== undefined) yield item;
  }
}

function parseElement(bytes: Buffer, size: number, line: number, max: number): JsonItem {
  if (size > max) {
    return {
      kind: "problem",
      line,
      code: "JSON_ELEMENT_TOO_LARGE",
      reason: `is ${size} bytes, larger than ${max} bytes (no credential record is that large)`,
    };
  }
  if (!isUtf8(bytes)) {
    return {
      kind: "problem",
      line,
      code: "JSON_NOT_UTF8",
      reason: "holds bytes that are not UTF-8: export the file as UTF-8",
    };
  }
  try {
    return { kind: "value", line, value: JSON.parse(bytes.toString("utf8")) };
  } catch (error) {
    return {
      kind: "problem",
      line,
      code: "JSON_SYNTAX",
      reason: `is not valid JSON: ${(error as Error).message}`,
    };
  }
}

/** The chunks as Buffers, without a UTF-8 byte order mark at the start of the first. */
async function* withoutBom(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  let first = true;
  for await (const raw of chunks) {
    let chunk = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    if (first) {
      first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    yield chunk;
  }
}
