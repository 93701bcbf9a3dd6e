// The one parser for credential files (SDK, CLI, web page). JSON.parse keeps the last of two
// members with the same name, while editors and first-wins parsers show the first: a file with a
// forged "name" before the genuine one would verify while showing the forgery. So a duplicate
// member name anywhere makes the file unreadable, and a leading UTF-8 byte-order mark (as
// Windows Notepad saves files) is accepted.
import { CredanchorError } from "../errors.ts";

export type CredentialJsonProblem = "NOT_JSON" | "DUPLICATE_MEMBER";

/** The text is not JSON, or names a member twice in one object. */
export class CredentialJsonError extends CredanchorError {
  override readonly name = "CredentialJsonError";
  declare readonly code: "CREDENTIAL_JSON_INVALID";
  readonly problem: CredentialJsonProblem;

  constructor(
    source: string,
    problem: CredentialJsonProblem,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super("CREDENTIAL_JSON_INVALID", `${source}: ${message}`, { source, problem, ...details });
    this.problem = problem;
  }
}

/** Parses credential JSON text; throws CredentialJsonError naming `source` and the member. */
export function parseCredentialJson(text: string, source = "credential"): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new CredentialJsonError(source, "NOT_JSON", `not JSON (${(error as Error).message})`);
  }
  const duplicate = findDuplicateMember(body);
  if (duplicate !== null) {
    throw new CredentialJsonError(
      source,
      "DUPLICATE_MEMBER",
      `member "${duplicate.name}" appears twice in the object at "${duplicate.pointer || "/"}": member names must be unique`,
      { member: duplicate.name, pointer: duplicate.pointer },
    );
  }
  return value;
}

type Frame = { keys: Set<string> | null; segment: string | null; index: number; pointer: string };

/**
 * The first member name that repeats within one object of `text`, which must be valid JSON
 * (JSON.parse accepted it), with the JSON Pointer of that object. Names are compared after
 * unescaping, so "a" and "\u0061" are the same name.
 */
export function findDuplicateMember(text: string): { name: string; pointer: string } | null {
  const stack: Frame[] = [];
  const childPointer = (): string => {
    const top = stack.at(-1);
    if (top === undefined) return "";
    const segment = top.keys === null ? String(top.index) : (top.segment ?? "");
    return `${top.pointer}/${segment.replaceAll("~", "~0").replaceAll("/", "~1")}`;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let end = i + 1;
      let escaped = false;
      for (; end < text.length; end++) {
        const d = text.charCodeAt(end);
        if (d === 0x22) break;
        if (d === 0x5c) {
          end++;
          escaped = true;
        }
      }
      let next = end + 1;
      while (next < text.length && /\s/.test(text[next]!)) next++;
      const top = stack.at(-1);
      if (text[next] === ":" && top !== undefined && top.keys !== null) {
        const raw = text.slice(i + 1, end);
        const name = escaped ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        if (top.keys.has(name)) return { name, pointer: top.pointer };
        top.keys.add(name);
        top.segment = name;
      }
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const pointer = childPointer();
      stack.push({ keys: c === 0x7b ? new Set() : null, segment: null, index: 0, pointer });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack.at(-1);
      if (top !== undefined && top.keys === null) top.index++;
    }
  }
  return null;
}
