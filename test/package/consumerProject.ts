// Installs the workspace packages the way a user gets them: `npm pack` into tarballs, then a new
// project in the system's temporary folder that installs only those tarballs (dependencies from
// the npm cache, or the registry when the cache lacks them), with no workspace link, no
// NODE_PATH and no npm setting that could reach back into the repository.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "../deploy/hardhatNode.ts";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface WorkspacePackage {
  name: string;
  version: string;
  /** Folder in the repository. */
  dir: string;
  exports: Record<string, unknown>;
  bin: Record<string, string>;
}

/**
 * The environment of every command run for the consumer: the caller's, minus anything that could
 * point into the repository (npm_* settings an outer `npm test` sets, NODE_OPTIONS, NODE_PATH,
 * CREDANCHOR_*), with the running Node first on PATH so npm and bins use it.
 */
export function consumerEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(npm_|NODE_OPTIONS$|NODE_PATH$|CREDANCHOR_|INIT_CWD$)/i.test(key)) continue;
    env[key] = value;
  }
  env.PATH = [path.dirname(process.execPath), process.env.PATH ?? ""].join(path.delimiter);
  return env;
}

/** Runs `command` in `cwd`; never throws on exit code. */
export function run(command: string, args: string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: consumerEnv(), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Fails with the command's output unless it exited 0. */
export function succeeded(what: string, result: RunResult): RunResult {
  if (result.code !== 0) {
    throw new Error(`${what} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** The packages of the root package.json's workspaces. */
export async function workspacePackages(): Promise<WorkspacePackage[]> {
  const root = JSON.parse(await readFile(path.join(PROJECT_ROOT, "package.json"), "utf8"));
  const patterns: string[] = Array.isArray(root.workspaces)
    ? root.workspaces
    : (root.workspaces?.packages ?? []);
  if (patterns.length === 0) throw new Error("package.json names no workspaces");
  const packages: WorkspacePackage[] = [];
  for (const pattern of patterns) {
    if (pattern.includes("*")) throw new Error(`expand the workspace pattern ${pattern}`);
    const dir = path.join(PROJECT_ROOT, pattern);
    const manifest = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8"));
    const bin =
      typeof manifest.bin === "string" ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {});
    const exports =
      typeof manifest.exports === "object" && manifest.exports !== null ? manifest.exports : {};
    packages.push({ name: manifest.name, version: manifest.version, dir, exports, bin });
  }
  return packages;
}

/** `npm pack`s every workspace into `destination`; returns each package's tarball by name. */
export async function packWorkspaces(destination: string): Promise<Map<string, string>> {
  const packed = succeeded(
    "npm pack --workspaces",
    await run(
      "npm",
      ["pack", "--workspaces", "--json", "--pack-destination", destination],
      PROJECT_ROOT,
    ),
  );
  // Lifecycle scripts may print before the JSON document.
  const json = packed.stdout.slice(packed.stdout.indexOf("["));
  const entries = JSON.parse(json) as { name: string; filename: string }[];
  return new Map(entries.map((e) => [e.name, path.join(destination, e.filename)]));
}

export interface ConsumerProject {
  dir: string;
  run(command: string, args: string[]): Promise<RunResult>;
  /** Runs `node <file>` in the project. */
  node(args: string[]): Promise<RunResult>;
  write(file: string, text: string): Promise<string>;
  remove(): Promise<void>;
}

/** A new ESM project in the system's temporary folder with `tarballs` installed. */
export async function createConsumerProject(tarballs: readonly string[]): Promise<ConsumerProject> {
  const dir = await realpath(await mkdtemp(path.join(tmpdir(), "credanchor-consumer-")));
  if (dir.startsWith(PROJECT_ROOT + path.sep)) throw new Error(`${dir} is inside the repository`);
  const project: ConsumerProject = {
    dir,
    run: (command, args) => run(command, args, dir),
    node: (args) => run(process.execPath, args, dir),
    async write(file, text) {
      const target = path.join(dir, file);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, text);
      return target;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
  try {
    await project.write(
      "package.json",
      `${JSON.stringify({ name: "credanchor-consumer", private: true, type: "module" }, null, 2)}\n`,
    );
    succeeded(
      "npm install of the tarballs",
      await project.run("npm", [
        "install",
        "--no-audit",
        "--no-fund",
        "--prefer-offline",
        "--no-package-lock",
        ...tarballs,
      ]),
    );
    return project;
  } catch (error) {
    await project.remove();
    throw error;
  }
}
