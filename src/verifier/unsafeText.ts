// Text from a credential is untrusted and may carry characters that change how it reads without
// showing themselves: bidirectional overrides (U+202E turns "gpj.exe" around), isolates, marks
// and control codes. These helpers find them and make them visible, for tables and pages.

/**
 * Bidirectional formatting characters, the Unicode line separators and C0/C1 controls other than
 * tab, line feed and return.
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the job
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, "gu");
/** The same, plus tab and line breaks: a one-line cell must not be broken by them either. */
const UNSAFE_ONE_LINE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the job
  /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;

/** "<U+202E>" for a code point. */
export function codePointLabel(char: string): string {
  return `<U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}>`;
}

/** Whether `text` holds a bidirectional formatting or control character (tab and newlines aside). */
export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE.test(text);
}

/** Splits `text` into plain runs and unsafe characters, so a page can mark each one. */
export function splitUnsafe(text: string): { text: string; unsafe: boolean }[] {
  const parts: { text: string; unsafe: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(UNSAFE_ALL)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), unsafe: false });
    parts.push({ text: match[0], unsafe: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), unsafe: false });
  return parts;
}

/**
 * `text` with each unsafe character replaced by `replace(char)`; `oneLine` counts tab and line
 * breaks as unsafe too.
 */
export function replaceUnsafe(
  text: string,
  replace: (char: string) => string,
  options: { oneLine?: boolean } = {},
): string {
  return text.replace(options.oneLine ? UNSAFE_ONE_LINE : UNSAFE_ALL, replace);
}

/** One line of text with every control, line break and bidirectional character shown as <U+XXXX>. */
export function neutralise(text: string): string {
  return replaceUnsafe(text, codePointLabel, { oneLine: true });
}
