// The browser verifier imports verifyMerkleProof alone: its module graph must stay plain
// synchronous JavaScript, with no WebAssembly kernels, no worker threads and no Node built-ins.
import { readFileSync } from "node:fs";
import { expect } from "chai";

/** Every module reached from `entry` through runtime (non-type) imports. */
function runtimeImports(entry: URL): string[] {
  const seen = new Set<string>();
  const visit = (url: URL) => {
    if (seen.has(url.href)) return;
    seen.add(url.href);
    const source = readFileSync(url, "utf8");
    for (const [, specifier] of source.matchAll(/^import (?!type )[^;]*?from "([^"]+)";/gms)) {
      if (specifier!.startsWith(".")) visit(new URL(specifier!, url));
      else seen.add(specifier!);
    }
  };
  visit(entry);
  return [...seen].map((s) => (s.startsWith("file:") ? s.slice(s.lastIndexOf("/") + 1) : s));
}

describe("merkle: module boundaries", () => {
  it("keeps verifyMerkleProof and merkleLeaf free of WebAssembly, workers and Node built-ins", () => {
    for (const entry of ["verifyProof.ts", "leaf.ts"]) {
      const reached = runtimeImports(new URL(`../../src/merkle/${entry}`, import.meta.url));
      expect(reached, entry).to.include(entry);
      expect(
        reached.filter((m) => !m.endsWith(".ts")),
        entry,
      ).to.deep.equal([]);
      expect(reached, entry).to.not.include.members([
        "wasmKernels.ts",
        "treeKernels.ts",
        "hexKernels.ts",
        "hashPool.ts",
        "hostedWorker.ts",
        "buildTree.ts",
      ]);
    }
  });
});
