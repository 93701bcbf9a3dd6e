// Rules for text inside credentials: valid Unicode that encodes to UTF-8, no invisible control
// characters, bounded size. Shared by the record validator and the canonicaliser.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const encoder = new TextEncoder();

/** True when the string has no unpaired UTF-16 surrogate, i.e. it has a UTF-8 encoding. */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** The length of `text` in UTF-8, counted without encoding it (a lone surrogate counts as U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 2; // the pair: 2 units, 4 bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

export type TextProblem =
  | { kind: "lone-surrogate"; position: number }
  | { kind: "replacement-character"; position: number }
  | { kind: "control-character"; position: number; codePoint: number };

/**
 * Finds the first reason a string cannot go into a credential. U+FFFD is refused too: it is what
 * a decoder leaves where the source bytes were not UTF-8, so the export needs fixing upstream.
 */
export function findTextProblem(text: string, multiline: boolean): TextProblem | undefined {
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) return { kind: "lone-surrogate", position: surrogate.index };
  const replacement = text.indexOf("\uFFFD");
  if (replacement >= 0) return { kind: "replacement-character", position: replacement };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isControl(code) && !(multiline && (code === 0x09 || code === 0x0a || code === 0x0d))) {
      return { kind: "control-character", position: i, codePoint: code };
    }
  }
  return undefined;
}

/** C0 controls, DEL and C1 controls. Tab, line feed and carriage return only in multi-line text. */
function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

export function describeTextProblem(problem: TextProblem): string {
  switch (problem.kind) {
    case "lone-surrogate":
      return `has an unpaired UTF-16 surrogate at position ${problem.position} (not encodable as UTF-8)`;
    case "replacement-character":
      return `has U+FFFD at position ${problem.position}: the source was not valid UTF-8; re-export it as UTF-8`;
    case "control-character":
      return `has control character U+${problem.codePoint.toString(16).toUpperCase().padStart(4, "0")} at position ${problem.position}`;
  }
}
