// Where each graduate's address comes from: a CSV the registrar keeps beside the issue run (its
// own export works: name the id and e-mail columns). Addresses never enter a credential or IPFS;
// they live in this file, the delivery journal and report in the private output folder, and mail.
import { createReadStream } from "node:fs";
import { readCsv } from "../issuer/index.ts";
import { RecipientsFileError } from "./errors.ts";

export interface Recipient {
  /** The holder file's id (`<id>.credential.json`). */
  id: string;
  email: string;
  /** Line of the CSV the address is on. */
  line: number;
}

export interface RecipientColumns {
  /** Column holding the holder file's id (default "id"). */
  id?: string;
  /** Column holding the address (default "email"). */
  email?: string;
}

/** A row that cannot be mailed, or a holder file with no usable row. */
export interface RecipientProblem {
  /** The recipients file, or the holder file when no row names it. */
  file: string;
  line?: number;
  id?: string;
  email?: string;
  code:
    | "ADDRESS_INVALID"
    | "ADDRESS_MISSING"
    | "ADDRESS_MISMATCH"
    | "ID_MISSING"
    | "ID_TWICE"
    | "ID_UNKNOWN"
    | "ROW_UNREADABLE";
  reason: string;
}

export interface RecipientList {
  file: string;
  recipients: Recipient[];
  problems: RecipientProblem[];
}

/**
 * One mailbox, as SMTP takes it (RFC 5321 Mailbox, ASCII local part or UTF-8 per SMTPUTF8): no
 * display name, no spaces, one @, a domain of dot-separated labels. Stricter than RFC 5322 on
 * purpose: a quoted local part or an address literal in a registrar's export is a typo.
 */
export function isMailAddress(value: string): boolean {
  if (value.length > 254) return false;
  const at = value.lastIndexOf("@");
  if (at < 1 || at !== value.indexOf("@")) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || !/^[^\s"(),:;<>@[\\\]]+$/u.test(local)) return false;
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) return false;
  const labels = domain.split(".");
  return (
    labels.length >= 2 &&
    labels.every((label) => /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u.test(label))
  );
}

/** Reads the recipients CSV: every row's id and address, and every row that cannot be used. */
export async function readRecipients(
  file: string,
  columns: RecipientColumns = {},
): Promise<RecipientList> {
  const idColumn = columns.id ?? "id";
  const emailColumn = columns.email ?? "email";
  const table = await readCsv(createReadStream(file), { file });
  const find = (name: string, option: string) => {
    const index = table.header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
    if (index < 0) {
      throw new RecipientsFileError(
        file,
        `has no column "${name}" (its columns: ${table.header.join(", ")}); name the column with ${option}`,
        { column: name },
      );
    }
    return index;
  };
  const idIndex = find(idColumn, "--id-column");
  const emailIndex = find(emailColumn, "--email-column");
  const recipients: Recipient[] = [];
  const problems: RecipientProblem[] = [];
  const seen = new Map<string, number>();
  for await (const item of table.rows) {
    if (item.kind === "problem") {
      problems.push({ file, line: item.line, code: "ROW_UNREADABLE", reason: item.reason });
      continue;
    }
    const id = item.cells[idIndex]!.trim();
    const email = item.cells[emailIndex]!.trim();
    const at = { file, line: item.line };
    if (id === "") {
      problems.push({ ...at, code: "ID_MISSING", reason: `the "${idColumn}" cell is empty` });
      continue;
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      problems.push({
        ...at,
        id,
        code: "ID_TWICE",
        reason: `id ${id} is also on line ${earlier}: one address per graduate`,
      });
      continue;
    }
    seen.set(id, item.line);
    if (email === "") {
      problems.push({
        ...at,
        id,
        code: "ADDRESS_MISSING",
        reason: `the "${emailColumn}" cell is empty`,
      });
    } else if (!isMailAddress(email)) {
      problems.push({
        ...at,
        id,
        email,
        code: "ADDRESS_INVALID",
        reason: `"${email}" is not an e-mail address`,
      });
    } else {
      recipients.push({ id, email, line: item.line });
    }
  }
  return { file, recipients, problems };
}

/** One line per problem, naming the row, for people. */
export function describeRecipientProblem(problem: RecipientProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file} line ${problem.line}`;
  return `${where}${problem.id === undefined ? "" : ` (${problem.id})`}: ${problem.reason}`;
}
