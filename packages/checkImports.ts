// Checks what a built package imports against what its package.json promises: every bare import
// of its JavaScript and .d.ts files is a declared dependency (or a Node built-in where allowed),
// and every dependency is imported somewhere. Run from a package folder after its build:
// `node ../checkImports.ts [--browser] [--optional <name>...]`; --browser forbids Node built-ins
// (the SDK must load in a web page), --optional names packages imported only dynamically, behind
// a friendly error, and not declared (Hardhat, for the CLI's in-process chain in a checkout).
import { readdir, readFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import path from "node:path";

const STATIC = /^\s*(?:import|export)\s[\w$*{}\s,]*?\bfrom\s*["']([^"'\s]+)["']/gm;
const BARE = /^\s*import\s*["']([^"'\s]+)["']/gm;
const DYNAMIC = /\bimport\(\s*["']([^"'\s]+)["']\s*\)/g;

async function* codeFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(js|d\.ts)$/.test(entry.name)) {
      yield path.join(entry.parentPath, entry.name);
    }
  }
}

/** "viem/actions" -> "viem", "@noble/hashes/sha2.js" -> "@noble/hashes", "node:fs" -> "node:fs". */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

const args = process.argv.slice(2);
const browser = args.includes("--browser");
const optional = new Set(args.filter((_, i) => args[i - 1] === "--optional"));
const manifest = JSON.parse(await readFile("package.json", "utf8")) as {
  name: string;
  files: string[];
  dependencies?: Record<string, string>;
};
const declared = new Set(Object.keys(manifest.dependencies ?? {}));
const used = new Set<string>();
const problems: string[] = [];

for (const root of manifest.files) {
  for await (const file of codeFiles(root)) {
    const text = await readFile(file, "utf8");
    for (const pattern of [STATIC, BARE, DYNAMIC]) {
      for (const [, specifier] of text.matchAll(pattern)) {
        if (!specifier || specifier.startsWith(".") || specifier.includes("${")) continue;
        const name = packageOf(specifier);
        const builtin = name.startsWith("node:") || builtinModules.includes(name);
        if (builtin) {
          if (browser) problems.push(`${file}: imports the Node built-in "${specifier}"`);
        } else if (declared.has(name)) {
          used.add(name);
        } else if (!optional.has(name)) {
          problems.push(`${file}: imports "${specifier}", which is not in dependencies`);
        }
      }
    }
  }
}
for (const name of declared) {
  if (!used.has(name)) problems.push(`package.json: "${name}" is a dependency nothing imports`);
}

if (problems.length > 0) {
  console.error(
    `${manifest.name}: ${problems.length} import problem(s)\n  ${problems.join("\n  ")}`,
  );
  process.exit(1);
}
console.log(`${manifest.name}: imports match dependencies (${[...used].sort().join(", ")})`);
