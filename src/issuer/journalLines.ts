// The on-disk form of an append-only journal (the issue run's, the delivery's): one JSON value a
// line, each appended whole. What follows the last newline is an append a kill cut short: it never
// counted, so it is not returned, and a repairing reader truncates it away before appending again.
import { readFile, truncate } from "node:fs/promises";

/** The complete lines of `file` (none when it does not exist), without a cut-short last append. */
export async function readJournalLines(
  file: string,
  options: { repair: boolean },
): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const lines = text.split("\n");
  const cut = lines.pop() ?? "";
  if (cut !== "" && options.repair) {
    await truncate(file, Buffer.byteLength(text, "utf8") - Buffer.byteLength(cut, "utf8"));
  }
  return lines;
}
