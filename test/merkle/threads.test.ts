// Building on worker threads leaves nothing behind that keeps a process running: a script that
// builds a threaded tree and does nothing else exits on its own, with status 0.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect } from "chai";

describe("merkle: worker threads", function () {
  this.timeout(60_000);

  it("let a process that built a threaded tree exit by itself", () => {
    const index = fileURLToPath(new URL("../../src/merkle/index.ts", import.meta.url));
    const script = [
      `import { buildMerkleTree } from ${JSON.stringify(index)};`,
      "const tree = await buildMerkleTree(new Uint8Array(32 * 20_000).fill(1), { threads: 2 });",
      "console.log(tree.root);",
    ].join("\n");
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
      timeout: 50_000,
    });
    expect(result.stderr).to.equal("");
    expect(result.status).to.equal(0);
    expect(result.stdout).to.match(/^0x[0-9a-f]{64}\n$/);
  });
});
