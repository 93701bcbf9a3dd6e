// A Vite build plugin that moves the entry chunk and its CSS into index.html and drops the
// separate files. Module scripts loaded from files are blocked over file:// by Chromium's CORS
// rules; inline ones are not. Expects one JS chunk (build with codeSplitting: false).
import type { Plugin } from "vite";

export function inlineBundle(): Plugin {
  return {
    name: "credanchor:inline-bundle",
    apply: "build",
    enforce: "post",
    generateBundle(_options, bundle) {
      const html = Object.values(bundle).find(
        (file) => file.type === "asset" && file.fileName.endsWith(".html"),
      );
      if (html === undefined || html.type !== "asset") return;
      let page = String(html.source);
      for (const [fileName, file] of Object.entries(bundle)) {
        if (file.type === "chunk") {
          // Inlined dynamic imports resolve to the chunk itself; any other is a file left behind.
          const elsewhere = file.dynamicImports.filter((name) => name !== fileName);
          if (!file.isEntry || elsewhere.length > 0) {
            this.error(`chunk ${fileName} would need separate files; disable code splitting`);
          }
          page = replaceTag(
            page,
            new RegExp(`<script[^>]*src="[^"]*${escapeRegExp(fileName)}"[^>]*></script>`),
            `<script type="module">${scriptSafe(file.code)}</script>`,
            fileName,
            this.error,
          );
          delete bundle[fileName];
        } else if (fileName.endsWith(".css")) {
          page = replaceTag(
            page,
            new RegExp(`<link[^>]*href="[^"]*${escapeRegExp(fileName)}"[^>]*>`),
            `<style>${String(file.source).replaceAll("</style", "<\\/style")}</style>`,
            fileName,
            this.error,
          );
          delete bundle[fileName];
        }
      }
      html.source = page;
    },
  };
}

function replaceTag(
  page: string,
  tag: RegExp,
  inline: string,
  fileName: string,
  fail: (message: string) => never,
): string {
  if (!tag.test(page)) fail(`index.html does not reference ${fileName}`);
  // A function replacement, so "$&" and friends in the code stay literal.
  return page.replace(tag, () => inline);
}

/**
 * Script text that cannot end the <script> element early nor switch the HTML tokenizer into its
 * escaped state. "<\/script" and "<\x21--" mean the same as the originals inside JS strings,
 * templates and regular expressions (unicode ones included), the only places they can occur.
 */
function scriptSafe(code: string): string {
  return code.replaceAll(/<\/script/gi, (m) => `<\\${m.slice(1)}`).replaceAll("<!--", "<\\x21--");
}

function escapeRegExp(text: string): string {
  return text.replaceAll(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
