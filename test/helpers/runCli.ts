// Runs the credanchor command as a user runs it: `node src/cli/main.ts <args>` as a child process
// on real files. The one way every test (and bench) starts the CLI. The child never inherits the
// caller's CREDANCHOR_* variables, so a developer's shell cannot change what a test sees.
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { PROJECT_ROOT } from "../deploy/hardhatNode.ts";

const CLI = path.join(PROJECT_ROOT, "src/cli/main.ts");

export interface CliResult {
  /** The exit code, or null when the process died of a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `credanchor <args>` in `cwd` to its end (or its death) and returns what it printed; never
 * throws on the exit code. `env` entries set to undefined are removed from the child's environment.
 */
export async function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  cwd: string = PROJECT_ROOT,
): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: childEnvironment(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code, signal] = (await once(child, "close")) as [number | null, NodeJS.Signals | null];
  return { code, signal, stdout, stderr };
}

function childEnvironment(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("CREDANCHOR_") && value !== undefined) out[key] = value;
  }
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

/** The JSON document a `--json` run printed; fails the test with stderr when there is none. */
export function jsonOf<T = Record<string, unknown>>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(
      `expected JSON on stdout (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
    );
  }
}

/** The JSON error a failing `--json` run printed on its last stderr line. */
export function jsonError(result: CliResult): {
  code: string;
  message: string;
  details?: Record<string, unknown>;
} {
  const line = result.stderr.trim().split("\n").at(-1) ?? "";
  try {
    return (JSON.parse(line) as { error: { code: string; message: string } }).error;
  } catch {
    throw new Error(`expected a JSON error on stderr (exit ${result.code}):\n${result.stderr}`);
  }
}
