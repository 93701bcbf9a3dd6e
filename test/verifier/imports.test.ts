// The web page builds on src/verifier, so its module graph must load in a browser: no Node
// built-ins, no Hardhat, no IPFS, no WebAssembly tree builder or worker threads.
import { readFileSync } from "node:fs";
import { expect } from "chai";

/** Every module reached from `entry` through runtime (non-type) imports and re-exports. */
function runtimeImports(entry: URL): string[] {
  const seen = new Set<string>();
  const visit = (url: URL) => {
    if (seen.has(url.href)) return;
    seen.add(url.href);
    const source = readFileSync(url, "utf8");
    const statements = source.matchAll(/^(?:import|export) (?!type )[^;]*?from "([^"]+)";/gms);
    for (const [statement, specifier] of statements) {
      const names = /\{([^}]*)\}/s
        .exec(statement)?.[1]
        ?.split(",")
        .map((n) => n.trim());
      if (names?.filter((n) => n !== "").every((n) => n.startsWith("type "))) continue;
      if (specifier!.startsWith(".")) visit(new URL(specifier!, url));
      else seen.add(specifier!);
    }
  };
  visit(entry);
  return [...seen].map((s) => (s.startsWith("file:") ? s.slice(s.indexOf("/src/") + 1) : s));
}

describe("verifier: module boundaries", () => {
  const reached = runtimeImports(new URL("../../src/verifier/index.ts", import.meta.url));

  it("reaches only browser-safe packages", () => {
    const packages = reached.filter((m) => !m.startsWith("src/"));
    for (const name of packages) {
      expect(name, name).to.match(
        /^(viem(\/.*)?|@noble\/hashes\/.*|canonicalize|multiformats\/bases\/base58|@digitalbazaar\/(credentials|data-integrity|multikey)-context(\/.*)?|@digitalcredentials\/open-badges-context\/.*)$/,
      );
    }
  });

  it("leaves other issuers' credentials and the general JSON-LD path to @credanchor/sdk/third-party", () => {
    expect(reached).to.not.include("jsonld");
    expect(reached).to.not.include("rdf-canonize");
    expect(reached.filter((m) => m.startsWith("src/thirdParty/"))).to.deep.equal([]);
  });

  it("leaves out the Merkle tree builder, storage, the CLI and Hardhat", () => {
    const local = reached.filter((m) => m.startsWith("src/"));
    expect(local).to.include("src/merkle/verifyProof.ts");
    for (const module of local) {
      expect(module).to.not.match(/^src\/(storage|cli|issuer)\//);
      expect(module).to.not.match(/^src\/merkle\/(buildTree|hashPool|keccakWasm|index)\.ts$/);
    }
  });
});
