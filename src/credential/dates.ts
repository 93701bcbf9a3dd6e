// Dates in credentials: OB 3.0 DateTimeZ (an RFC 3339 date-time with its zone). Inputs may be a
// plain date, read as midnight UTC; every output is normalised to UTC with a "Z", so equal
// instants always serialise (and hash) the same way.

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

export type ParsedDate = { iso: string; epochMs: number };

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses an ISO 8601 date or RFC 3339 date-time with zone; undefined when it is not one. */
export function parseDate(text: string): ParsedDate | undefined {
  const dateOnly = DATE_ONLY.exec(text);
  const dateTime = dateOnly ? undefined : DATE_TIME.exec(text);
  const match = dateOnly ?? dateTime;
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(dateTime?.[4] ?? 0);
  const minute = Number(dateTime?.[5] ?? 0);
  const second = Number(dateTime?.[6] ?? 0);
  const millis = Number((dateTime?.[7] ?? "0").padEnd(3, "0"));
  const sign = dateTime?.[9] === "-" ? -1 : 1;
  const offsetHours = Number(dateTime?.[10] ?? 0);
  const offsetMinutes = Number(dateTime?.[11] ?? 0);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return undefined;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59)
    return undefined;
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  date.setUTCFullYear(year);
  const epochMs = date.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
  const normalised = new Date(epochMs);
  if (
    Number.isNaN(epochMs) ||
    normalised.getUTCFullYear() < 1 ||
    normalised.getUTCFullYear() > 9999
  ) {
    return undefined;
  }
  const iso = normalised.toISOString().replace(".000Z", "Z");
  return { iso, epochMs };
}

/** True for an RFC 3339 date-time with an explicit zone (what OB 3.0 calls DateTimeZ). */
export function isDateTimeZ(text: string): boolean {
  return DATE_TIME.test(text) && parseDate(text) !== undefined;
}

const LOCAL_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?$/;

/** True for an ISO 8601 date-time, with or without zone (what OB 3.0 calls DateTime). */
export function isDateTime(text: string): boolean {
  return LOCAL_DATE_TIME.test(text);
}
