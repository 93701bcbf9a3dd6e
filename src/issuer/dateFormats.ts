// The date formats a column mapping may declare ("DD/MM/YYYY", "M/D/YYYY", "YYYY.MM.DD"): the
// pattern of each is compiled once, and a cell in that format is rewritten as YYYY-MM-DD.

type DatePattern = { regex: RegExp; order: Array<"Y" | "M" | "D"> };
const datePatterns = new Map<string, DatePattern | undefined>();

/** The compiled pattern of a declared format; undefined unless it has YYYY, M(M) and D(D) once each. */
export function dateFormatPattern(format: string): DatePattern | undefined {
  if (datePatterns.has(format)) return datePatterns.get(format);
  const order: Array<"Y" | "M" | "D"> = [];
  let source = "";
  for (let i = 0; i < format.length; ) {
    const rest = format.slice(i);
    const token = /^(YYYY|MM|DD|M|D)/.exec(rest)?.[1];
    if (token !== undefined) {
      order.push(token[0] as "Y" | "M" | "D");
      source += token === "YYYY" ? "(\\d{4})" : token.length === 2 ? "(\\d{2})" : "(\\d{1,2})";
      i += token.length;
    } else {
      source += format[i]!.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      i += 1;
    }
  }
  const valid = ["Y", "M", "D"].every((part) => order.filter((p) => p === part).length === 1);
  const pattern = valid ? { regex: new RegExp(`^${source}$`), order } : undefined;
  datePatterns.set(format, pattern);
  return pattern;
}

/**
 * "31/07/2025" with "DD/MM/YYYY" -> "2025-07-31"; undefined when it does not fit or names no such
 * day ("31/02/2025"), so the cell reaches validation, and its error, as written.
 */
export function reformatDate(text: string, format: string): string | undefined {
  const pattern = dateFormatPattern(format);
  const match = pattern?.regex.exec(text);
  if (pattern === undefined || match === null || match === undefined) return undefined;
  const parts: Record<string, string> = {};
  pattern.order.forEach((part, i) => {
    parts[part] = match[i + 1]!;
  });
  const [year, month, day] = [Number(parts.Y), Number(parts.M), Number(parts.D)];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${parts.Y}-${parts.M!.padStart(2, "0")}-${parts.D!.padStart(2, "0")}`;
}
