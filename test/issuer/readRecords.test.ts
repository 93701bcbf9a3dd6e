// Reading an export into records: what a registrar sees when a row is wrong, and the other
// learner-record shapes (CLR 2.0, European Learning Model) read through the same path.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import type { CredentialRecord } from "../../src/credential/index.ts";
import { parseColumnMapping } from "../../src/issuer/columnMapping.ts";
import { InputFileError } from "../../src/issuer/errors.ts";
import { readFilePass } from "../../src/issuer/inputFile.ts";
import { type InputItem, readRecords } from "../../src/issuer/readRecords.ts";
import { validateInput } from "../../src/issuer/validateInput.ts";
import { context } from "../credential/support.ts";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "credanchor-read-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileOf(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

describe("issuer/readRecords: dates in a mapped layout", () => {
  const mapping = parseColumnMapping(
    {
      fields: {
        holderName: "Name",
        validFrom: { column: "Awarded", type: "date", format: "DD/MM/YYYY" },
        "achievement.name": { value: "BSc Physics" },
        "achievement.description": { value: "Bachelor of Science in Physics." },
        "achievement.criteria": { value: "Earn 180 credits." },
      },
    },
    "map.json",
  );

  it("quotes a day that does not exist as the cell has it, with the mapping's format", async () => {
    const file = await fileOf(
      "dates.csv",
      "Name,Awarded\nAda Byron,31/07/2025\nBo Chen,31/02/2025\n",
    );
    const input = await validateInput({ file, format: "csv", mapping }, context);
    expect(input.valid).to.equal(1);
    expect(input.problems).to.have.length(1);
    const [problem] = input.problems;
    expect(problem).to.include({ line: 3, column: "Awarded", code: "CREDENTIAL_DATE_INVALID" });
    expect(problem!.reason).to.contain('"31/02/2025"').and.contain("DD/MM/YYYY");
    expect(problem!.reason).to.not.contain("2025-02-31");
  });

  it("says the same of a cell in another layout", async () => {
    const file = await fileOf("layout.csv", "Name,Awarded\nBo Chen,2025.02.03\n");
    const input = await validateInput({ file, format: "csv", mapping }, context);
    expect(input.problems[0]!.reason).to.contain('"2025.02.03"').and.contain("DD/MM/YYYY");
  });
});

describe("issuer/readRecords: CLR 2.0 and European Learning Model documents", () => {
  const fixture = (name: string) =>
    fileURLToPath(new URL(`../fixtures/input/${name}`, import.meta.url));

  async function recordsOf(file: string, format: "clr" | "elm") {
    const items: InputItem[] = [];
    for await (const item of readRecords(readFilePass(file).chunks, { file, format })) {
      items.push(item);
    }
    return items;
  }

  it("maps one record per achievement a CLR bundles, each naming its place in the CLR", async () => {
    const items = await recordsOf(fixture("clr-two-learners.jsonl"), "clr");
    const records = items.filter((item) => item.kind === "record");
    expect(
      records.map((item) => [item.line, (item.record as CredentialRecord).holderName]),
    ).to.deep.equal([
      [1, "Noor Haddad"],
      [1, "Noor Haddad"],
      [3, "Jonas Berg"],
      [3, "Jonas Berg"],
    ]);
    expect(records[1]!.columnOf("achievement.name")).to.equal(
      "credentialSubject.verifiableCredential[1]",
    );
  });

  it("names the file, line and CLR path of a document that cannot be mapped", async () => {
    const items = await recordsOf(fixture("clr-two-learners.jsonl"), "clr");
    const problems = items.flatMap((item) => (item.kind === "problem" ? [item.problem] : []));
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include({
      line: 2,
      code: "SOURCE_FIELD_MISSING",
      field: "credentialSubject.verifiableCredential[0].credentialSubject.identifier",
    });
    expect(problems[0]!.file).to.match(/clr-two-learners\.jsonl$/);
  });

  it("rejects a whole CLR when one of its records is invalid, and counts its records", async () => {
    const file = fixture("clr-two-learners.jsonl");
    const input = await validateInput({ file, format: "clr" }, context);
    expect(input.rows).to.equal(5);
    expect(input.valid).to.equal(2);
    expect([...input.rejectedLines]).to.deep.equal([2, 3]);
    expect(input.problems[1]).to.include({
      line: 3,
      column: "credentialSubject.verifiableCredential[1]",
      field: "achievement.achievementType",
    });
  });

  it("reads one pretty-printed ELM credential as one document", async () => {
    const file = fixture("elm-certificate.json");
    const input = await validateInput({ file, format: "elm" }, context);
    expect(input).to.include({ rows: 1, valid: 1 });
    const [item] = await recordsOf(file, "elm");
    expect(item).to.include({ kind: "record", line: 1 });
    const record = (item as Extract<InputItem, { kind: "record" }>).record as CredentialRecord;
    expect(record.holderName).to.equal("Lucía Moreno");
    expect(record.results).to.deep.equal([{ name: "Final project", value: "9.1" }]);
  });

  it("refuses a column mapping for documents mapped by their standard", async () => {
    const file = fixture("elm-certificate.json");
    const mapping = parseColumnMapping({ fields: { holderName: "Name" } }, "map.json");
    const error = await validateInput({ file, format: "elm", mapping }, context).catch((e) => e);
    expect(error).to.be.instanceOf(InputFileError);
    expect(error.message).to.contain("--mapping");
  });
});
