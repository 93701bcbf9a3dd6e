// Reading an export into records: what a registrar sees when a row is wrong, and the other
// learner-record shapes (CLR 2.0, European Learning Model) read through the same path.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { parseColumnMapping } from "../../src/issuer/columnMapping.ts";
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
