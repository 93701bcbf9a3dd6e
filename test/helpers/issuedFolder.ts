// An output folder as a registrar has it after `credanchor issue`: the first graduates of
// examples/graduates.csv issued on the in-process chain by the real command, and copies of it,
// so each test (delivery, certificates, shred) starts from a folder nothing was done to yet.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../deploy/hardhatNode.ts";
import { runCli } from "./runCli.ts";

export const EXAMPLE = join(PROJECT_ROOT, "examples/graduates.csv");
export const MAPPING = join(PROJECT_ROOT, "examples/graduates.mapping.json");

export interface IssuedFolder {
  dir: string;
  /** The issue run's --out folder (copy it with `fresh` before delivering from it). */
  out: string;
  /** The embedded IPFS node's data folder the run stored on (issue --ipfs-dir). */
  ipfs: string;
  /** The export the batch was issued from: `Student number` and `Email` columns. */
  export: string;
  /** Student number -> e-mail, as in the export. */
  addresses: Map<string, string>;
  /** A new copy of `out`, with no delivery journal. */
  fresh(name: string): Promise<string>;
  remove(): Promise<void>;
}

/** Issues the first `count` graduates of the example export; `args` go to `issue` as well. */
export async function issueFolder(count: number, args: string[] = []): Promise<IssuedFolder> {
  const dir = await mkdtemp(join(tmpdir(), "credanchor-deliver-"));
  const lines = (await readFile(EXAMPLE, "utf8")).split("\r\n").slice(0, count + 1);
  const exportFile = join(dir, "graduates.csv");
  await writeFile(exportFile, `${lines.join("\r\n")}\r\n`);
  const out = join(dir, "issued");
  const run = await runCli([
    "issue",
    exportFile,
    "--mapping",
    MAPPING,
    "--out",
    out,
    "--ipfs-dir",
    join(dir, "ipfs"),
    "--no-progress",
    ...args,
  ]);
  if (run.code !== 0) throw new Error(`issue failed: ${run.stderr}`);
  const addresses = new Map(
    lines.slice(1).map((line) => {
      const cells = line.split(",");
      return [cells[0]!, cells[2]!] as const;
    }),
  );
  return {
    dir,
    out,
    ipfs: join(dir, "ipfs"),
    export: exportFile,
    addresses,
    async fresh(name) {
      const copy = join(dir, name);
      await cp(out, copy, { recursive: true });
      return copy;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
