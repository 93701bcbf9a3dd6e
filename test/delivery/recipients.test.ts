// The recipients file: which cells are e-mail addresses, and every row that cannot be mailed named
// by its line, before anything is sent.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { isMailAddress, readRecipients } from "../../src/delivery/index.ts";

describe("delivery recipients", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "credanchor-recipients-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const csv = async (name: string, text: string) => {
    const file = join(dir, name);
    await writeFile(file, text);
    return file;
  };

  it("takes the addresses a registrar's export holds", () => {
    for (const address of [
      "amara.achterberg0@students.northwind-poly.example",
      "o'brien+degree@uni.example",
      "søren@universität.example",
    ]) {
      expect(isMailAddress(address), address).to.equal(true);
    }
  });

  it("refuses what an SMTP server would refuse or misroute", () => {
    for (const address of [
      "not-an-address",
      "Amara <amara@uni.example>",
      "amara@uni",
      "amara@@uni.example",
      "a b@uni.example",
      ".amara@uni.example",
      "amara..a@uni.example",
      "amara@-uni.example",
      "amara@uni.example,other@uni.example",
      `${"a".repeat(65)}@uni.example`,
    ]) {
      expect(isMailAddress(address), address).to.equal(false);
    }
  });

  it("reads the id and address columns by name, whatever their case and order", async () => {
    const file = await csv(
      "export.csv",
      "Full name,EMAIL,Student Number\r\nAmara,amara@uni.example,NP-1\r\nHana, hana@uni.example ,NP-2\r\n",
    );
    const list = await readRecipients(file, { id: "student number", email: "email" });
    expect(list.problems).to.deep.equal([]);
    expect(list.recipients).to.deep.equal([
      { id: "NP-1", email: "amara@uni.example", line: 2 },
      { id: "NP-2", email: "hana@uni.example", line: 3 },
    ]);
  });

  it("names every unusable row by its line", async () => {
    const file = await csv(
      "bad.csv",
      [
        "id,email",
        "NP-1,amara@uni.example",
        "NP-2,",
        "NP-3,hana at uni.example",
        ",oskar@uni.example",
        "NP-1,amara2@uni.example",
        'NP-4,"unclosed',
      ].join("\n"),
    );
    const { recipients, problems } = await readRecipients(file);
    expect(recipients.map((r) => r.id)).to.deep.equal(["NP-1"]);
    expect(problems.map((p) => [p.line, p.code])).to.deep.equal([
      [3, "ADDRESS_MISSING"],
      [4, "ADDRESS_INVALID"],
      [5, "ID_MISSING"],
      [6, "ID_TWICE"],
      [7, "ROW_UNREADABLE"],
    ]);
    expect(problems[3]!.reason).to.equal("id NP-1 is also on line 2: one address per graduate");
  });

  it("says which columns the file has when the address column is not there", async () => {
    const file = await csv("columns.csv", "Student number,Mail\r\nNP-1,amara@uni.example\r\n");
    const error = await readRecipients(file, { id: "Student number" }).then(
      () => undefined,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(error?.code).to.equal("RECIPIENTS_INVALID");
    expect(error?.message).to.include('has no column "email" (its columns: Student number, Mail)');
    expect(error?.message).to.include("--email-column");
  });
});
