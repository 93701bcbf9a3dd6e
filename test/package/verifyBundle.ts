// Builds what a web app that calls `verify` ships: Vite bundles a one-line entry importing it
// from the built @credanchor/sdk (minified, browser target, no code splitting), and the result is
// measured gzipped and searched for Node built-ins. Shared by bench/bundle.bench.ts and
// test/package/bundle.test.ts so the figure and the CI budget come from one build.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Rolldown } from "vite";
import { buildPackages } from "./buildPackages.ts";

/** 50 KB gzipped: what `verify` may add to a web page. */
export const VERIFY_BUNDLE_BUDGET = 51_200;

export interface VerifyBundle {
  code: string;
  gzipBytes: number;
  /** Every module the bundle was built from, as the bundler names them. */
  modules: string[];
  /** Node built-ins the bundle imports or was built from (empty for a browser-safe bundle). */
  nodeBuiltins: string[];
}

/** Where a web app imports `verify` from. */
export const VERIFIER_ENTRY = "@credanchor/sdk/verifier";

/** Builds the packages, then bundles `verify` as a web app importing VERIFIER_ENTRY would. */
export async function buildVerifyBundle(): Promise<VerifyBundle> {
  await buildPackages();
  // The entry sits outside the repository, so it names the built file the package exports.
  const verifier = fileURLToPath(import.meta.resolve(VERIFIER_ENTRY));
  const dir = await mkdtemp(path.join(tmpdir(), "credanchor-bundle-"));
  try {
    const entry = path.join(dir, "entry.js");
    // A side effect keeps `verify` alive: an app entry's own exports are tree-shaken away.
    await writeFile(
      entry,
      `import { verify } from ${JSON.stringify(verifier)};\nglobalThis.credanchorVerify = verify;\n`,
    );
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const imported: string[] = [];
    const result = await build({
      configFile: false,
      root: dir,
      logLevel: "silent",
      // Names each built-in as it is imported: Vite would swap it for an empty browser stub.
      plugins: [
        {
          name: "credanchor:record-node-builtins",
          enforce: "pre",
          resolveId(source, importer) {
            if (builtins.has(source) || source.startsWith("node:")) {
              imported.push(`${source} (imported by ${importer ?? "the entry"})`);
            }
            return null;
          },
        },
      ],
      build: {
        write: false,
        target: "es2022",
        minify: true,
        modulePreload: { polyfill: false },
        rolldownOptions: { input: entry, output: { codeSplitting: false } },
      },
    });
    const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
    const chunks = outputs.flatMap((o) => o.output).filter((o) => o.type === "chunk");
    if (chunks.length !== 1) throw new Error(`expected one chunk, got ${chunks.length}`);
    const chunk = chunks[0]!;
    const nodeBuiltins = [
      ...imported,
      ...chunk.imports,
      ...chunk.moduleIds.filter((m) => m.includes("__vite-browser-external")),
      ...[...chunk.code.matchAll(/["'`](node:[\w/]+)["'`]/g)].map((m) => m[1]!),
    ];
    return {
      code: chunk.code,
      gzipBytes: gzipSync(chunk.code).length,
      modules: chunk.moduleIds,
      nodeBuiltins: [...new Set(nodeBuiltins)],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
