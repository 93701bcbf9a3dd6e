// `npm run chain` starts a dev node whose accounts are unlocked and funded: anyone who reaches it
// can spend them and sign as them. It must listen on loopback only. This runs the script's own
// command line (from package.json) and tries it from this machine's other addresses.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { freePort, PROJECT_ROOT } from "./hardhatNode.ts";

const HARDHAT_CLI = path.join(PROJECT_ROOT, "node_modules/hardhat/dist/src/cli.js");

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("npm run chain", function () {
  this.timeout(120_000);

  it("listens on 127.0.0.1 only, never on the machine's other addresses", async function () {
    const scripts = JSON.parse(await readFile(path.join(PROJECT_ROOT, "package.json"), "utf8"))
      .scripts as Record<string, string>;
    const [tool, ...args] = scripts.chain!.split(/\s+/);
    expect(tool).to.equal("hardhat");
    const port = await freePort();
    const child = spawn(process.execPath, [HARDHAT_CLI, ...args, "--port", String(port)], {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let output = "";
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes("Started HTTP")) resolve();
        });
        child.once("exit", (code) => reject(new Error(`hardhat node exited (${code}): ${output}`)));
      });
      expect(output).to.contain(`127.0.0.1:${port}`);
      expect(await reachable("127.0.0.1", port)).to.equal(true);
      const others = Object.values(networkInterfaces())
        .flat()
        .filter((a) => a !== undefined && a.family === "IPv4" && !a.internal)
        .map((a) => a!.address);
      if (others.length === 0) {
        // A machine with loopback only cannot show the difference; the address printed above
        // still pins the binding.
        this.skip();
      }
      for (const address of others) {
        expect(await reachable(address, port), address).to.equal(false);
      }
    } finally {
      const exited = once(child, "exit");
      process.kill(child.pid!, "SIGTERM");
      await exited;
    }
  });
});
