// Building on worker threads: builds running at the same time share the pool and still get
// their own trees, and nothing is left behind that keeps a process running.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import { buildMerkleTree } from "../../src/merkle/index.ts";
import { randomDigests } from "./reference.ts";

describe("merkle: worker threads", function () {
  this.timeout(60_000);

  it("build several threaded trees at the same time, each the same as built alone", async () => {
    const batches = [1, 2, 3].map((seed) => randomDigests(20_000 + seed, seed));
    const alone = [];
    for (const batch of batches) alone.push((await buildMerkleTree(batch, { threads: 1 })).root);
    const together = await Promise.all(
      batches.map((batch) => buildMerkleTree(batch, { threads: 2 })),
    );
    expect(together.map((tree) => tree.root)).to.deep.equal(alone);
  });

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
