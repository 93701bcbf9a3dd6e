// Reading the files and folders a user names on the command line. One error for all of them
// (FILE_UNREADABLE, naming the option, the path and the system's reason) instead of a copy per
// command, so every command says the same thing about the same mistake.
import type { Dirent } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { CredanchorError } from "../errors.ts";

/** The bytes of `file`; `option` is what named it ("--font", "--list"), shown in the error. */
export async function readInputFile(file: string, option?: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CredanchorError(
      "FILE_UNREADABLE",
      `${option === undefined ? "" : `${option} `}${file}: ${code === "ENOENT" ? "no such file" : `cannot be read (${code ?? String(error)})`}.`,
      { file, ...(option === undefined ? {} : { option }) },
      { cause: error },
    );
  }
}

/** The text of `file` as UTF-8. */
export async function readInputText(file: string, option?: string): Promise<string> {
  return (await readInputFile(file, option)).toString("utf8");
}

/** The entries of folder `dir`, unsorted. */
export async function listInputFolder(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new CredanchorError(
      "FILE_UNREADABLE",
      `${dir}: cannot list the folder (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      { folder: dir },
      { cause: error },
    );
  }
}
