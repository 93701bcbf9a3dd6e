// The error registry (src/errorCodes.ts) is the one list of codes: every code thrown in src/ or
// scripts/ is in it, every entry is thrown somewhere and has a category, every error class names
// itself with a literal, and the CLI's exit code comes from the category alone.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import ts from "typescript";
import { EXIT } from "../../src/cli/exitCodes.ts";
import { EXIT_FOR_CATEGORY, exitCodeFor } from "../../src/cli/output.ts";
import {
  CredanchorError,
  ERROR_CATEGORIES,
  ERROR_CODES,
  type ErrorCode,
  errorCategoryOf,
} from "../../src/errors.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(
    file,
    readFileSync(join(root, file), "utf8"),
    ts.ScriptTarget.Latest,
    true,
  );
}

function extendsAnError(node: ts.ClassLikeDeclaration): boolean {
  const base = node.heritageClauses?.[0]?.types[0]?.expression;
  return base !== undefined && ts.isIdentifier(base) && base.text.endsWith("Error");
}

/**
 * Every error code a file can throw, with where: a code literal given first to CredanchorError's
 * constructor (`new CredanchorError("CODE", ...)`, `super("CODE", ...)` in an error class), and
 * the code literals of the types an error class accepts (`code: "A" | "B"`, a `...Code` union).
 */
function thrownCodes(file: string): { code: string; at: string }[] {
  const source = parse(file);
  const found: { code: string; at: string }[] = [];
  const at = (node: ts.Node) =>
    `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  const literalsIn = (type: ts.Node) => {
    const visit = (node: ts.Node) => {
      if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) {
        if (CODE.test(node.literal.text)) found.push({ code: node.literal.text, at: at(node) });
      }
      ts.forEachChild(node, visit);
    };
    visit(type);
  };
  const definesErrors = source.statements.some(
    (s) => ts.isClassDeclaration(s) && extendsAnError(s),
  );
  const visit = (node: ts.Node) => {
    const isErrorCall =
      (ts.isNewExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === "CredanchorError") ||
      (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword);
    if (isErrorCall) {
      const first = (node as ts.CallExpression | ts.NewExpression).arguments?.[0];
      if (first !== undefined && ts.isStringLiteral(first) && CODE.test(first.text)) {
        found.push({ code: first.text, at: at(first) });
      }
    }
    if (definesErrors && ts.isTypeAliasDeclaration(node) && node.name.text.endsWith("Code")) {
      literalsIn(node.type);
    }
    const isCodeMember =
      (ts.isPropertyDeclaration(node) || ts.isParameter(node)) &&
      node.type !== undefined &&
      ts.isIdentifier(node.name) &&
      node.name.text === "code";
    if (isCodeMember) {
      const owner = ts.isParameter(node) ? node.parent.parent : node.parent;
      if (owner !== undefined && ts.isClassLike(owner) && extendsAnError(owner)) {
        literalsIn(node.type!);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("errors: the code registry", () => {
  let thrown: { code: string; at: string }[];
  before(() => {
    thrown = [...sourceFiles("src"), ...sourceFiles("scripts")].flatMap(thrownCodes);
  });

  it("finds the codes thrown in src/ (the scan itself works)", () => {
    const codes = new Set(thrown.map((t) => t.code));
    for (const code of ["RPC_UNREACHABLE", "CREDENTIAL_FIELD_MISSING", "OPTION_INVALID"]) {
      expect(codes, code).to.include(code);
    }
  });

  it("holds every code thrown in src/ and scripts/", () => {
    const missing = thrown.filter((t) => !Object.hasOwn(ERROR_CODES, t.code));
    expect(missing.map((t) => `${t.code} (${t.at})`)).to.deep.equal([]);
  });

  it("holds no code that nothing throws", () => {
    const codes = new Set(thrown.map((t) => t.code));
    expect(Object.keys(ERROR_CODES).filter((code) => !codes.has(code))).to.deep.equal([]);
  });

  it("gives every code a known category and a description", () => {
    for (const [code, descriptor] of Object.entries(ERROR_CODES)) {
      expect(Object.keys(ERROR_CATEGORIES), code).to.include(descriptor.category);
      expect(descriptor.description, code).to.match(/^[A-Z].{10,}[^.]$/);
    }
  });

  it("names every error class in src/ with a literal equal to the class name", () => {
    const unnamed: string[] = [];
    for (const file of sourceFiles("src")) {
      const visit = (node: ts.Node) => {
        if (ts.isClassDeclaration(node) && node.name !== undefined && extendsAnError(node)) {
          const name = node.members.find(
            (m): m is ts.PropertyDeclaration =>
              ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === "name",
          );
          const literal = name?.initializer;
          if (
            literal === undefined ||
            !ts.isStringLiteral(literal) ||
            literal.text !== node.name.text
          ) {
            unnamed.push(`${file}: ${node.name.text}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(parse(file));
    }
    expect(unnamed).to.deep.equal([]);
  });

  it("keeps a subclass's name on its instances", async () => {
    const { CredentialInputError } = await import("../../src/credential/errors.ts");
    const error = new CredentialInputError("CREDENTIAL_FIELD_MISSING", "row 2", "name", "is empty");
    expect(error.name).to.equal("CredentialInputError");
    expect(new CredanchorError("OPTION_INVALID", "x").name).to.equal("CredanchorError");
  });
});

describe("errors: the CLI's exit codes", () => {
  it("come from the category of every registered code", () => {
    for (const [code, { category }] of Object.entries(ERROR_CODES)) {
      const error = new CredanchorError(code as ErrorCode, "message");
      expect(exitCodeFor(error), code).to.equal(EXIT_FOR_CATEGORY[category]);
    }
  });

  it("maps input to 2, unreachable to 3, refused to 4 and internal to 70", () => {
    expect(EXIT_FOR_CATEGORY).to.deep.equal({ input: 2, unreachable: 3, refused: 4, internal: 70 });
    expect(exitCodeFor(new CredanchorError("STORAGE_UNREACHABLE", "m"))).to.equal(EXIT.unreachable);
    expect(exitCodeFor(new CredanchorError("RPC_UNREACHABLE", "m"))).to.equal(EXIT.unreachable);
    expect(exitCodeFor(new CredanchorError("REGISTRY_REVERTED", "m"))).to.equal(EXIT.refused);
    expect(exitCodeFor(new CredanchorError("OPTION_INVALID", "m"))).to.equal(EXIT.badInput);
    expect(exitCodeFor(new TypeError("a bug"))).to.equal(EXIT.internal);
  });

  it("treat a code missing from the registry as a bug, whatever its spelling", () => {
    expect(errorCategoryOf("SOMETHING_UNREACHABLE")).to.equal("internal");
    expect(exitCodeFor(new CredanchorError("SOMETHING_UNREACHABLE", "m"))).to.equal(EXIT.internal);
  });

  it("are decided in src/cli/output.ts by category, never by a code's name", () => {
    const file = "src/cli/output.ts";
    const named: string[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteral(node) && /^[A-Z][A-Z0-9_]+$/.test(node.text)) named.push(node.text);
      ts.forEachChild(node, visit);
    };
    visit(parse(file));
    // "INTERNAL" is the code printed for an error that is not a CredanchorError.
    expect(named.filter((n) => n !== "INTERNAL")).to.deep.equal([]);
    expect(readFileSync(join(root, file), "utf8")).to.not.match(/\.code\.(endsWith|startsWith)/);
  });
});
