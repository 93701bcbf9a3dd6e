// Starts `hardhat node` as a child process on a free port, for tests that need a real JSON-RPC
// endpoint, and runs Hardhat tasks against it. The caller stops the node (by PID) when done.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import path from "node:path";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
const HARDHAT_CLI = path.join(PROJECT_ROOT, "node_modules/hardhat/dist/src/cli.js");

export interface RunningNode {
  process: ChildProcess;
  url: string;
  /** The private key of the node's first funded account, as the node prints it. */
  privateKey: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  if (address === null || typeof address === "string") throw new Error("no TCP port");
  return address.port;
}

/** Resolves once the node listens and has printed its first account's key. */
export async function startHardhatNode(): Promise<RunningNode> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [HARDHAT_CLI, "node", "--hostname", "127.0.0.1", "--port", String(port)],
    { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    process.kill(child.pid!, "SIGTERM");
    await exited;
  };
  let output = "";
  const privateKey = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const key = /Private Key: (0x[0-9a-fA-F]{64})/.exec(output);
      if (output.includes("Started HTTP") && key !== null) {
        child.stdout!.off("data", onData);
        resolve(key[1]!);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => reject(new Error(`hardhat node exited (${code}):\n${output}`)));
  });
  // Keep draining the pipes so the node never blocks on a full stdout.
  child.stdout!.resume();
  child.stderr!.resume();
  return { process: child, url: `http://127.0.0.1:${port}`, privateKey, stop };
}

export interface TaskResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `hardhat <args>` in the project with extra environment variables; never throws on exit code. */
export function runHardhat(args: string[], env: Record<string, string>): Promise<TaskResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [HARDHAT_CLI, ...args],
      { cwd: PROJECT_ROOT, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
