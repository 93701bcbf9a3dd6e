// Deployment records on disk, one <name>.json per deployment in a folder the caller names (the
// deploy script's deployments/, or the CLI's --deployments). Node-only: browser code parses a
// record it already holds with deploymentRecord.ts. Writes are atomic, so a crash never leaves
// half a JSON.
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { CredanchorError } from "../errors.ts";
import { type DeploymentRecord, parseDeploymentRecord } from "./deploymentRecord.ts";

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** True when `name` can name a record file (letters, digits, ".", "_", "-"). */
export function isDeploymentName(name: string): boolean {
  return NAME.test(name);
}

/** The file of the record `name` in `dir`. */
export function deploymentPath(name: string, dir: string): string {
  if (!isDeploymentName(name)) {
    throw new CredanchorError(
      "DEPLOYMENT_NAME_INVALID",
      `"${name}" is not a deployment name (letters, digits, ".", "_", "-").`,
      { name },
    );
  }
  return path.join(dir, `${name}.json`);
}

/** The record `name` in `dir`, checked, or undefined when there is no such file. */
export async function readDeploymentFile(
  name: string,
  dir: string,
): Promise<DeploymentRecord | undefined> {
  const file = deploymentPath(name, dir);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CredanchorError("DEPLOYMENT_INVALID", `${file} is not JSON: fix or delete it.`, {
      file,
    });
  }
  return { ...parseDeploymentRecord(json, file), network: name };
}

/** The names of the records in `dir`, sorted; none when the folder does not exist. */
export async function listDeploymentFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir))
      .filter((f) => f.endsWith(".json") && isDeploymentName(f.slice(0, -".json".length)))
      .map((f) => f.slice(0, -".json".length))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** Writes `record` as `<dir>/<record.network>.json` (temp file + rename) and returns the path. */
export async function writeDeploymentFile(record: DeploymentRecord, dir: string): Promise<string> {
  const file = deploymentPath(record.network, dir);
  await mkdir(dir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(record, null, 2)}\n`);
  await rename(temp, file);
  return file;
}
