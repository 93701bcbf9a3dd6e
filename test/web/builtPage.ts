// Builds the verifier page with web/vite.config.ts into a fresh folder, so the browser test always
// exercises the current sources and never touches web/dist.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "vite";
import { PROJECT_ROOT } from "../deploy/hardhatNode.ts";

/** Returns the folder holding the built page (index.html and whatever else the build wrote). */
export async function buildPage(): Promise<string> {
  const outDir = await mkdtemp(path.join(tmpdir(), "credanchor-web-"));
  await build({
    configFile: path.join(PROJECT_ROOT, "web/vite.config.ts"),
    build: { outDir, emptyOutDir: true, reportCompressedSize: false },
    logLevel: "warn",
  });
  return outDir;
}
