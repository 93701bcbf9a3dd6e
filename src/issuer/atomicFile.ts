// Output files appear whole or not at all: each is written to a temporary name in the same folder
// and renamed over its final name, so a process killed mid-write leaves at most a temporary file,
// which the next run removes. Renames of equal content are idempotent, so rewriting a file on a
// rerun never duplicates it.
import { closeSync, openSync, renameSync, writeFileSync } from "node:fs";
import { open, readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { threadId } from "node:worker_threads";

const TEMP_MARK = ".tmp-";
let counter = 0;

export interface AtomicWriteOptions {
  /** File mode of the new file (default 0o600: outputs may hold keys and personal data). */
  mode?: number;
  /** Flush the bytes to disk before the rename (for files a journal entry will point at). */
  durable?: boolean;
}

/** Writes `data` to `path` through a temporary sibling and a rename. */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const temp = temporaryName(path);
  const handle = await open(temp, "w", options.mode ?? 0o600);
  try {
    await handle.writeFile(data);
    if (options.durable) await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

/**
 * writeFileAtomic without the event loop: for worker threads writing many small files, where a
 * thread-pool round trip per open, write, close and rename costs more than the calls themselves.
 */
export function writeFileAtomicSync(path: string, data: string, mode = 0o600): void {
  const temp = temporaryName(path);
  const fd = openSync(temp, "w", mode);
  try {
    writeFileSync(fd, data);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/** A sibling name no other writer of this process (any thread) uses. */
function temporaryName(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}${TEMP_MARK}${process.pid}-${threadId}-${counter++}`,
  );
}

/** True for the names writeFileAtomic uses for its temporary files. */
export function isTemporaryName(name: string): boolean {
  return name.startsWith(".") && name.includes(TEMP_MARK);
}

/** Removes temporary files a killed run left in `dir` (not recursive). Returns how many. */
export async function removeTemporaryFiles(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  const stale = names.filter(isTemporaryName);
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
  return stale.length;
}

/** Makes the creation and renames of entries in `dir` durable. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
