// Fills an SVG template the way the W3C VC render method's "svg-mustache" suite does: `{{a.b.0}}`
// names a value by a dotted path, `{{#a}}…{{/a}}` repeats over a list (or shows when truthy),
// `{{^a}}…{{/a}}` shows when falsy. Every value is XML-escaped and stripped of control and
// bidirectional-override characters, so no field can add markup or reorder the text it sits in.
// Triple braces (unescaped values) and partials are refused: a template only places text.
import { CredanchorError } from "../errors.ts";

type Context = unknown;

const TAG = /\{\{\s*([#^/]?)\s*([^{}]*?)\s*\}\}/g;

/** The SVG text of `template` with its placeholders filled from `view`. */
export function renderTemplate(template: string, view: object): string {
  if (template.includes("{{{") || /\{\{\s*[>&!=]/.test(template)) {
    throw new CredanchorError(
      "TEMPLATE_INVALID",
      "The certificate template uses a Mustache feature credanchor does not render (unescaped {{{…}}}, {{&…}}, partials, comments or delimiter changes): use {{path}}, {{#path}}…{{/path}} and {{^path}}…{{/path}} only.",
      {},
    );
  }
  const tokens = tokenize(template);
  const [nodes, rest] = parse(tokens, 0, undefined);
  if (rest !== tokens.length) throw unbalanced(String((tokens[rest] as Tag).name));
  return renderNodes(nodes, [view]);
}

type Tag = { kind: "#" | "^" | "/" | ""; name: string };
type Token = string | Tag;
type Node = string | { kind: ""; name: string } | { kind: "#" | "^"; name: string; body: Node[] };

function tokenize(template: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (const match of template.matchAll(TAG)) {
    if (match.index > at) tokens.push(template.slice(at, match.index));
    tokens.push({ kind: match[1] as Tag["kind"], name: match[2]! });
    at = match.index + match[0].length;
  }
  if (at < template.length) tokens.push(template.slice(at));
  return tokens;
}

function parse(tokens: Token[], from: number, open: string | undefined): [Node[], number] {
  const nodes: Node[] = [];
  let at = from;
  while (at < tokens.length) {
    const token = tokens[at]!;
    if (typeof token === "string") {
      nodes.push(token);
      at++;
    } else if (token.kind === "/") {
      if (token.name !== open) throw unbalanced(token.name);
      return [nodes, at];
    } else if (token.kind === "#" || token.kind === "^") {
      const [body, end] = parse(tokens, at + 1, token.name);
      if (end >= tokens.length) throw unbalanced(token.name);
      nodes.push({ kind: token.kind, name: token.name, body });
      at = end + 1;
    } else {
      nodes.push({ kind: "", name: token.name });
      at++;
    }
  }
  if (open !== undefined) return [nodes, tokens.length];
  return [nodes, at];
}

function unbalanced(name: string): CredanchorError {
  return new CredanchorError(
    "TEMPLATE_INVALID",
    `The certificate template's section {{#${name}}} (or {{/${name}}}) is not closed where it opens: close every section in the order it opens.`,
    { section: name },
  );
}

function renderNodes(nodes: Node[], stack: Context[]): string {
  let out = "";
  for (const node of nodes) {
    if (typeof node === "string") {
      out += node;
      continue;
    }
    const value = lookup(node.name, stack);
    if (node.kind === "") {
      out += escapeText(value);
    } else if (node.kind === "^") {
      if (isFalsy(value)) out += renderNodes(node.body, stack);
    } else if (Array.isArray(value)) {
      for (const item of value) out += renderNodes(node.body, [...stack, item]);
    } else if (!isFalsy(value)) {
      out += renderNodes(node.body, typeof value === "object" ? [...stack, value] : stack);
    }
  }
  return out;
}

function isFalsy(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    value === "" ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** Mustache's lookup: the innermost context that has the path's first name, then down the path. */
function lookup(name: string, stack: Context[]): unknown {
  if (name === ".") return stack.at(-1);
  const [first, ...rest] = name.split(".");
  for (let i = stack.length - 1; i >= 0; i--) {
    const context = stack[i];
    if (context !== null && typeof context === "object" && Object.hasOwn(context, first!)) {
      let value: unknown = (context as Record<string, unknown>)[first!];
      for (const key of rest) {
        if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) {
          return undefined;
        }
        value = (value as Record<string, unknown>)[key];
      }
      return value;
    }
  }
  return undefined;
}

// C0/C1 controls are not allowed in XML text; bidi embeddings, overrides and isolates would let a
// field reorder what is drawn after it.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

function escapeText(value: unknown): string {
  if (value === undefined || value === null) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return text
    .replace(UNSAFE, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
