// One run per output folder at a time: <out>/.lock holds the running process's id. A lock left by
// a process that no longer exists (a killed run) is taken over, which is what lets a rerun resume.
import { open, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { CredanchorError } from "../errors.ts";

export const LOCK_FILE = ".lock";

export interface OutputLock {
  release(): Promise<void>;
}

export async function lockOutput(dir: string): Promise<OutputLock> {
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, "wx", 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number((await readFile(file, "utf8").catch(() => "")).trim());
    if (Number.isSafeInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
      throw new CredanchorError(
        "OUTPUT_LOCKED",
        `${dir} is in use by another credanchor run (process ${holder}): wait for it to finish, or use another --out folder.`,
        { dir, pid: holder },
      );
    }
    await rm(file, { force: true }); // left by a run that was killed
  }
  throw new CredanchorError("OUTPUT_LOCKED", `${dir}: could not take ${file}; try again.`, { dir });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
