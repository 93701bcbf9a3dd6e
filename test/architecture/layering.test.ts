// The layering of src/ is a lint rule (biome.json, style/noRestrictedImports overrides), run by
// `npm run lint`. These tests pin what the rule refuses, by linting probe files in a scratch
// copy of the configuration, and keep its list of exceptions true to the sources.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "chai";

const root = fileURLToPath(new URL("../..", import.meta.url));
const biome = join(root, "node_modules", ".bin", "biome");

interface Override {
  includes: string[];
  linter?: {
    rules?: {
      style?: {
        noRestrictedImports?: { options: { patterns: { group: string[]; message: string }[] } };
      };
    };
  };
}
const config = JSON.parse(readFileSync(join(root, "biome.json"), "utf8")) as {
  overrides: Override[];
};

/** Lints each probe (a file of src/ importing one specifier) and returns the rule's messages. */
function lintProbes(probes: Record<string, string>): Map<string, string[]> {
  const dir = mkdtempSync(join(tmpdir(), "credanchor-layering-"));
  try {
    const {
      vcs: _vcs,
      files: _files,
      ...rest
    } = JSON.parse(readFileSync(join(root, "biome.json"), "utf8"));
    writeFileSync(
      join(dir, "biome.json"),
      JSON.stringify({ ...rest, files: { includes: ["**"] } }),
    );
    for (const [file, specifier] of Object.entries(probes)) {
      mkdirSync(join(dir, dirname(file)), { recursive: true });
      writeFileSync(join(dir, file), `import { x } from "${specifier}";\n\nexport const y = x;\n`);
    }
    const run = spawnSync(biome, ["lint", "--reporter=json", "--max-diagnostics=none", "."], {
      cwd: dir,
      encoding: "utf8",
    });
    const report = JSON.parse(run.stdout) as {
      diagnostics: { category: string; location: { path: string }; message: string }[];
    };
    const messages = new Map<string, string[]>(Object.keys(probes).map((f) => [f, []]));
    for (const d of report.diagnostics) {
      if (d.category === "lint/style/noRestrictedImports") {
        messages.get(d.location.path)?.push(d.message);
      }
    }
    return messages;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("architecture: the layering lint rule", function () {
  this.timeout(60_000);
  let messages: Map<string, string[]>;
  const probes = {
    "src/storage/toMerkleIndex.ts": "../merkle/index.ts",
    "src/storage/toCredentialIndex.ts": "../credential/index.ts",
    "src/cli/toMerkleTree.ts": "../merkle/tree.ts",
    "src/cli/commands/toMerkleLeaf.ts": "../../merkle/leaf.ts",
    "src/issuer/toCredentialTypes.ts": "../credential/types.ts",
    "src/verifier/toMerkleVerifyProof.ts": "../merkle/verifyProof.ts",
    "src/issuer/toCredentialIndex.ts": "../credential/index.ts",
    "src/cli/commands/toRootErrors.ts": "../../errors.ts",
    "src/cli/commands/toCliContext.ts": "../context.ts",
    "src/credential/toHash.ts": "../hash/keccak256.ts",
    "src/verifier/checkLocally.ts": "../merkle/verifyProof.ts",
    "src/dataIntegrity/toCredentialIndex.ts": "../credential/index.ts",
    "src/dataIntegrity/toRandom.ts": "../random/index.ts",
  };

  before(() => {
    messages = lintProbes(probes);
  });

  it("refuses storage importing merkle or credential, even through their index", () => {
    expect(messages.get("src/storage/toMerkleIndex.ts")!.join()).to.match(/storage sits below/);
    expect(messages.get("src/storage/toCredentialIndex.ts")!.join()).to.match(/storage sits below/);
  });

  it("refuses dataIntegrity importing any folder above it, even through its index", () => {
    expect(messages.get("src/dataIntegrity/toCredentialIndex.ts")!.join()).to.match(
      /dataIntegrity sits beside hash/,
    );
  });

  it("refuses the CLI reaching into merkle internals", () => {
    expect(messages.get("src/cli/toMerkleTree.ts")!.join()).to.match(/CLI uses merkle only/);
    expect(messages.get("src/cli/commands/toMerkleLeaf.ts")!.join()).to.match(/CLI uses merkle/);
  });

  it("refuses a file of one folder importing a file of another that is not its index", () => {
    expect(messages.get("src/issuer/toCredentialTypes.ts")!.join()).to.match(/through its index/);
    expect(messages.get("src/verifier/toMerkleVerifyProof.ts")!.join()).to.match(/its index/);
  });

  it("allows an index, the root errors, the same folder, src/hash and a listed exception", () => {
    for (const file of [
      "src/issuer/toCredentialIndex.ts",
      "src/cli/commands/toRootErrors.ts",
      "src/cli/commands/toCliContext.ts",
      "src/credential/toHash.ts",
      "src/verifier/checkLocally.ts",
      "src/dataIntegrity/toRandom.ts",
    ]) {
      expect(messages.get(file), file).to.deep.equal([]);
    }
  });
});

describe("architecture: the exceptions to the layering rule", () => {
  const exceptions = config.overrides.flatMap((override) => {
    const patterns = override.linter?.rules?.style?.noRestrictedImports?.options.patterns ?? [];
    const file = override.includes[0]!;
    if (override.includes.length !== 1 || file.includes("*")) return [];
    const allowed = patterns[0]!.group.filter(
      (p) => p.startsWith("!") && !p.includes("*") && !p.endsWith("/index.ts"),
    );
    return [{ file, allowed: allowed.map((p) => p.slice(1)), message: patterns[0]!.message }];
  });

  it("each name a file of src/ and an import it still makes, with a reason", () => {
    expect(exceptions.length).to.be.greaterThan(0);
    const stale: string[] = [];
    for (const { file, allowed, message } of exceptions) {
      if (!existsSync(join(root, file))) {
        stale.push(`${file}: no such file`);
        continue;
      }
      const source = readFileSync(join(root, file), "utf8");
      for (const specifier of allowed) {
        if (!source.includes(`"${specifier}"`))
          stale.push(`${file}: no longer imports ${specifier}`);
        expect(message, file).to.include(specifier);
      }
    }
    expect(stale, "remove these exceptions from biome.json").to.deep.equal([]);
  });
});
