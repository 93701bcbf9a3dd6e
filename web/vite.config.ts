// Builds the verifier page into one self-contained web/dist/index.html: script and styles inlined,
// relative base, no code splitting, so the same file works from any static host and from file://
// (where Chromium refuses to load module scripts from separate files).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { inlineBundle } from "./inlineBundle.ts";

const webRoot = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: webRoot,
  base: "./",
  publicDir: false,
  plugins: [inlineBundle()],
  // The page imports the SDK from ../src; let the dev server read it.
  server: { fs: { allow: [fileURLToPath(new URL("..", import.meta.url))] } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    rolldownOptions: { output: { codeSplitting: false } },
  },
});
