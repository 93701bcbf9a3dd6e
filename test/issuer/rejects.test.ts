// The rejects file of --skip-invalid holds the rejected rows as written, beside their reasons, so
// a registrar can fix it and issue it again.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { readFilePass } from "../../src/issuer/inputFile.ts";
import { readRecords } from "../../src/issuer/readRecords.ts";
import { writeRejects } from "../../src/issuer/rejects.ts";
import { validateInput } from "../../src/issuer/validateInput.ts";
import { context } from "../credential/support.ts";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "credanchor-rejects-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const HEADER =
  "id,holderName,achievement.name,achievement.description,achievement.criteria,validFrom";
const good = (id: string) => `${id},Ada Byron,BSc Maths,"Maths, three years.",Pass.,2025-07-01`;

async function rejectsOf(name: string, text: string, format: "csv" | "json" | "jsonl") {
  const file = join(dir, name);
  await writeFile(file, text);
  const input = await validateInput({ file, format }, context);
  const rejects = join(dir, `rejects-${name}`);
  await writeRejects(rejects, { file, format }, input.problems);
  return { rejects, text: await readFile(rejects, "utf8") };
}

describe("issuer/rejects: the rejects file of --skip-invalid", () => {
  it("gives a CSV's rejected rows as written, with the input's columns and a reason", async () => {
    const csv = [
      HEADER,
      good("S1"),
      `S2,Bo Chen,BSc Maths,"Maths, three years.",Pass.,31/07/2025`,
      `S3,"Cy "Dee",x,y,z,2025-01-01`,
      good("S4"),
    ].join("\n");
    const { text } = await rejectsOf("rows.csv", `${csv}\n`, "csv");
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).to.equal(`${HEADER},reason`);
    expect(lines[1]).to.match(
      /^S2,Bo Chen,BSc Maths,"Maths, three years\.",Pass\.,31\/07\/2025,"line 3, column ""validFrom"": is not a date: ""31\/07\/2025""/,
    );
    expect(lines[2]).to.match(/^,,,,,,"line 4: /);
    expect(lines).to.have.length(3);
  });

  it("can be fixed and issued again: the reason column is not read as a field", async () => {
    const csv = `${HEADER}\nS2,Bo Chen,BSc Maths,Maths.,Pass.,31/07/2025\n`;
    const { rejects, text } = await rejectsOf("fix.csv", csv, "csv");
    await writeFile(rejects, text.replace("31/07/2025", "2025-07-31"));
    const again = await validateInput({ file: rejects, format: "csv" }, context);
    expect(again).to.include({ rows: 1, valid: 1 });
  });

  it("gives JSON input's rejected objects as they were, each with its reason", async () => {
    const record = {
      id: "S9",
      holderName: "Bo Chen",
      achievement: { name: "BSc", description: "Maths.", criteria: "Pass." },
      validFrom: "2025-07-01",
    };
    const json = JSON.stringify([record, { ...record, id: "S10", validFrom: "soon" }], null, 1);
    const { rejects, text } = await rejectsOf("rows.json", json, "json");
    const objects = JSON.parse(text);
    expect(objects).to.have.length(1);
    const { reason, ...original } = objects[0];
    expect(original).to.deep.equal({ ...record, id: "S10", validFrom: "soon" });
    expect(reason).to.match(/^line \d+, column "validFrom": is not a date: "soon"/);
    const items = [];
    for await (const item of readRecords(readFilePass(rejects).chunks, {
      file: rejects,
      format: "json",
    })) {
      items.push(item);
    }
    expect(items).to.have.length(1);
    expect(items[0]).to.have.property("kind", "record");
    expect(items[0]).to.not.have.nested.property("record.reason");
  });

  it("keeps the reason of a JSON Lines row that is not JSON at all", async () => {
    const { text } = await rejectsOf("rows.jsonl", '{"holderName": \n', "jsonl");
    expect(JSON.parse(text.trim()))
      .to.have.property("reason")
      .that.matches(/^line 1: /);
  });
});
