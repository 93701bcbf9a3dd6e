// Invariant 6: bad input gets a clear error naming the file, the line and the column or field;
// nothing is anchored and no output is left behind. Every bad row is listed at once, and a
// malformed row never hides the rows after it.
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "chai";
import type { Address } from "viem";
import {
  InputFileError,
  InputRowsInvalidError,
  type IssueCredentialsOptions,
  issueCredentials,
  loadColumnMapping,
  MappingError,
  type RowProblem,
} from "../../src/issuer/index.ts";
import { createEmbeddedStore, type EmbeddedStore } from "../../src/storage/index.ts";
import { runCli } from "./cli.ts";
import {
  anchorEvents,
  csvLine,
  GRADUATE_COLUMNS,
  graduateCells,
  graduatesCsv,
  inProcessChain,
  readHolderFiles,
  removeDir,
  TEST_SIGNING_SEED,
  tempDir,
  writeTemp,
} from "./fixtures.ts";

const chain = await inProcessChain();
const { reader } = chain;

/** Graduate `i` with some cells replaced, as one CSV line. */
function row(i: number, change: Partial<Record<string, string>> = {}): string {
  const cells = graduateCells(i);
  for (const [column, value] of Object.entries(change)) {
    cells[GRADUATE_COLUMNS.indexOf(column)] = value!;
  }
  return csvLine(cells);
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the run to fail");
}

describe("issuer: bad input", function () {
  this.timeout(120_000);
  let dir: string;
  let store: EmbeddedStore;
  let registry: Address;
  let issuer: Address;

  before(async () => {
    dir = await tempDir("bad-input");
    store = await createEmbeddedStore({ directory: join(dir, "ipfs") });
    ({ registry, issuer } = await chain.deployRegistry());
  });
  after(async () => {
    await store.close();
    await removeDir(dir);
  });

  function options(input: string, extra: Partial<IssueCredentialsOptions> = {}) {
    return {
      input,
      outDir: join(dir, "out"),
      credentialType: "BachelorDegree",
      issuerProfile: { name: "Northwind Polytechnic" },
      chainId: 31337,
      registry,
      writer: chain.writerFor(issuer),
      store,
      signingSeed: TEST_SIGNING_SEED,
      statusBase: "https://northwind-poly.example/status",
      threads: 1,
      ...extra,
    } satisfies IssueCredentialsOptions;
  }

  /** Runs a CSV of good rows 0..3 around `bad` lines and returns the problems it reports. */
  async function problemsOf(bad: string[], name: string): Promise<RowProblem[]> {
    const csv = [csvLine(GRADUATE_COLUMNS), row(0), row(1), ...bad, row(2), row(3)].join("\n");
    const input = await writeTemp(dir, name, csv);
    const before = (await anchorEvents(reader, registry, issuer)).length;
    const error = await rejection(issueCredentials(options(input)));
    expect(error).to.be.instanceOf(InputRowsInvalidError);
    expect((await anchorEvents(reader, registry, issuer)).length, "anchors").to.equal(before);
    await stat(join(dir, "out")).then(
      () => expect.fail("an output folder was created"),
      (e: NodeJS.ErrnoException) => expect(e.code).to.equal("ENOENT"),
    );
    return [...(error as InputRowsInvalidError).problems];
  }

  it("names the line of an unclosed quote and still reads the rows after it", async () => {
    const problems = await problemsOf(
      [
        `S900,"Ada Unclosed,sisSourcedId,S900,BSc X,Desc.,Crit.,BachelorDegree,2025-07-01,C,First,180`,
        row(5, { holderName: "" }),
      ],
      "quote.csv",
    );
    expect(problems.map((p) => [p.line, p.code])).to.deep.equal([
      [4, "CSV_QUOTE_STRAY"],
      [5, "CREDENTIAL_FIELD_MISSING"],
    ]);
    expect(problems[0]!.reason).to.match(/quoted field opened on line 4/);
  });

  it("reports a quote inside an unquoted field and a wrong number of fields", async () => {
    const problems = await problemsOf(
      [
        row(5).replace("Graduate 5 Example-Name", 'Ada "The Ace" Lovelace'),
        `${row(6)},extra`,
        "S7,too,few",
      ],
      "columns.csv",
    );
    expect(problems.map((p) => [p.line, p.code])).to.deep.equal([
      [4, "CSV_QUOTE_STRAY"],
      [5, "CSV_FIELD_COUNT"],
      [6, "CSV_FIELD_COUNT"],
    ]);
    expect(problems[1]!.reason).to.contain(`has ${GRADUATE_COLUMNS.length + 1} fields`);
  });

  it("names the column and field of bad dates, empty names and unknown terms", async () => {
    const problems = await problemsOf(
      [
        row(5, { validFrom: "2025-13-45" }),
        row(6, { holderName: "   " }),
        row(7, { "achievement.achievementType": "PhD" }),
        row(8, { creditsEarned: "lots" }),
      ],
      "fields.csv",
    );
    expect(problems.map((p) => [p.line, p.column, p.field, p.code])).to.deep.equal([
      [4, "validFrom", "validFrom", "CREDENTIAL_DATE_INVALID"],
      [5, "holderName", "holderName", "CREDENTIAL_FIELD_MISSING"],
      [6, "achievement.achievementType", "achievement.achievementType", "CREDENTIAL_FIELD_INVALID"],
      [7, "creditsEarned", "creditsEarned", "CREDENTIAL_FIELD_INVALID"],
    ]);
    expect(problems[0]!.reason).to.contain('"2025-13-45"');
  });

  it("refuses a repeated id, naming the line that has it first", async () => {
    const problems = await problemsOf([row(1, { holderName: "Someone Else" })], "duplicates.csv");
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include({ line: 4, column: "id", code: "INPUT_ID_DUPLICATE" });
    expect(problems[0]!.reason).to.contain("line 3");
  });

  it("skips a 10 MB field as one bad row and reads on", async () => {
    const huge = "x".repeat(10 * 1024 * 1024);
    const problems = await problemsOf(
      [
        row(5, { holderName: huge }),
        row(6, { "achievement.description": `"${huge}"` }),
        row(7, { validFrom: "never" }),
      ],
      "huge.csv",
    );
    expect(problems.map((p) => [p.line, p.code])).to.deep.equal([
      [4, "CSV_ROW_TOO_LARGE"],
      [5, "CSV_ROW_TOO_LARGE"],
      [6, "CREDENTIAL_DATE_INVALID"],
    ]);
  });

  it("refuses a field over 4 KB naming its column", async () => {
    const problems = await problemsOf([row(5, { holderName: "n".repeat(5000) })], "long.csv");
    expect(problems[0]).to.include({
      line: 4,
      column: "holderName",
      code: "CREDENTIAL_FIELD_TOO_LARGE",
    });
  });

  it("names the column holding bytes that are not UTF-8, and control characters", async () => {
    const csv = Buffer.concat([
      Buffer.from(`${csvLine(GRADUATE_COLUMNS)}\n${row(0)}\n`),
      Buffer.from(`S500,Caf`),
      Buffer.from([0xe9, 0xff, 0xfe]),
      Buffer.from(`,${graduateCells(500).slice(2).join(",")}\n`),
      Buffer.from(`${row(6, { term: "" }).replace("Graduate 6", "Grad\u0000uate")}\n${row(7)}\n`),
    ]);
    const input = await writeTemp(dir, "binary.csv", csv);
    const error = (await rejection(issueCredentials(options(input)))) as InputRowsInvalidError;
    expect(error.problems.map((p) => [p.line, p.column, p.code])).to.deep.equal([
      [3, "holderName", "CSV_NOT_UTF8"],
      [4, "holderName", "CREDENTIAL_TEXT_INVALID"],
    ]);
  });

  it("counts lines inside quoted multi-line fields", async () => {
    const problems = await problemsOf(
      [
        row(5, { "achievement.criteria": "Line one\nLine two\nLine three" }),
        row(6, { validFrom: "x" }),
      ],
      "multiline.csv",
    );
    // Row 5 spans lines 4 to 6, so row 6 starts on line 7.
    expect(problems.map((p) => p.line)).to.deep.equal([7]);
  });

  it("refuses a file of binary garbage at its first line", async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    const input = await writeTemp(dir, "garbage.csv", garbage);
    const error = await rejection(issueCredentials(options(input)));
    expect(error).to.be.instanceOf(InputFileError);
    expect(error.message).to.match(/^.*garbage\.csv: line 1/);
  });

  it("refuses a header column that is no record field unless a mapping is given", async () => {
    const input = await writeTemp(dir, "header.csv", "id,Name,validFrom\nS1,Ada,2025-01-01\n");
    const error = await rejection(issueCredentials(options(input)));
    expect(error).to.be.instanceOf(InputFileError);
    expect(error.message).to.contain('column "Name" is not a record field');
  });

  it("refuses a mapping that names a column the file lacks", async () => {
    const input = await writeTemp(dir, "mapped.csv", "Number,Name\nS1,Ada\n");
    const mappingFile = await writeTemp(
      dir,
      "mapped.json",
      JSON.stringify({ id: "Number", fields: { holderName: "Full name" } }),
    );
    const error = await rejection(
      issueCredentials(options(input, { mapping: await loadColumnMapping(mappingFile) })),
    );
    expect(error).to.be.instanceOf(MappingError);
    expect(error.message).to.contain('column "Full name"');
  });

  it("names the line of a JSON element that is not valid JSON, or not a record", async () => {
    const input = await writeTemp(
      dir,
      "records.json",
      '[\n  {"holderName": "A", "validFrom": "2025-01-01"},\n  {"holderName": "B",, },\n  42\n]\n',
    );
    const error = (await rejection(issueCredentials(options(input)))) as InputRowsInvalidError;
    expect(error.problems.map((p) => [p.line, p.code])).to.deep.equal([
      [2, "CREDENTIAL_FIELD_MISSING"],
      [3, "JSON_SYNTAX"],
      [4, "JSON_NOT_OBJECT"],
    ]);
  });

  it("with --skip-invalid, issues the good rows and writes the rejected rows beside their reasons", async () => {
    const csv = [
      csvLine(GRADUATE_COLUMNS),
      row(0),
      row(1, { validFrom: "31/07/2025" }),
      row(2),
      `${row(3)},x`,
    ].join("\n");
    const input = await writeTemp(dir, "skip.csv", csv);
    const rejectsFile = join(dir, "rejects.csv");
    const report = await issueCredentials(
      options(input, { outDir: join(dir, "skip-out"), rejectsFile }),
    );
    expect(report.input).to.include({ rows: 4, issued: 2, rejected: 2, rejectsFile });
    const ids = (await readHolderFiles(join(dir, "skip-out", "credentials"))).map((h) => h.id);
    expect(ids.sort()).to.deep.equal(["S100000", "S100002"]);
    // The rows as written, beside their reasons: the file can be fixed and issued again.
    const rejects = (await readFile(rejectsFile, "utf8")).trim().split("\n");
    expect(rejects[0]).to.equal(`${csvLine(GRADUATE_COLUMNS)},reason`);
    expect(
      rejects[1]!.startsWith(`${row(1, { validFrom: "31/07/2025" })},"line 3, column`),
    ).to.equal(true);
    expect(rejects[2]).to.match(/^,+"?line 5: /);
  });

  it("the command lists every bad row on stderr, exits 2 and writes nothing", async () => {
    const csv = graduatesCsv(3, [row(3, { validFrom: "soon" }), row(4, { holderName: "" })]);
    const input = await writeTemp(dir, "cli.csv", csv);
    const out = join(dir, "cli-out");
    const args = ["issue", input, "--out", out, "--type", "BachelorDegree", "--issuer-name", "N"];
    args.push("--issuer-url", "https://n.example");
    const run = await runCli([...args, "--ipfs-dir", join(dir, "cli-ipfs")]);
    expect(run.code, run.stderr).to.equal(2);
    expect(run.stderr).to.contain(`${input}:5, column "validFrom": is not a date: "soon"`);
    expect(run.stderr).to.contain(`${input}:6, column "holderName": is missing or empty`);
    expect(run.stderr).to.contain("2 of 5 rows");
    await stat(out).then(
      () => expect.fail("an output folder was created"),
      (e: NodeJS.ErrnoException) => expect(e.code).to.equal("ENOENT"),
    );
    const json = await runCli([...args, "--ipfs-dir", join(dir, "cli-ipfs"), "--json"]);
    expect(json.code).to.equal(2);
    const { error } = JSON.parse(json.stderr.trim().split("\n").pop()!);
    expect(error.code).to.equal("INPUT_ROWS_INVALID");
    expect(error.details.problems.map((p: RowProblem) => p.line)).to.deep.equal([5, 6]);
  });
});
