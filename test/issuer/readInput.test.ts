// The input readers see files in chunks of a mebibyte, so a row, a quoted field, a CRLF or a
// multi-byte character can be cut anywhere: whatever the cuts, the rows must come out the same.
import { expect } from "chai";
import fc from "fast-check";
import { reformatDate } from "../../src/issuer/index.ts";
import { type CsvItem, readCsv } from "../../src/issuer/readCsv.ts";
import { readJsonArray, readJsonLines } from "../../src/issuer/readJson.ts";

async function* chunked(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut <= at || cut >= bytes.length) continue;
    yield bytes.subarray(at, cut);
    at = cut;
  }
  yield bytes.subarray(at);
}

async function csvItems(bytes: Uint8Array, cuts: number[] = []) {
  const table = await readCsv(chunked(bytes, cuts), { file: "test.csv", maxRowBytes: 200 });
  const items: CsvItem[] = [];
  for await (const item of table.rows) items.push(item);
  return { header: table.header, items };
}

const encode = (text: string) => new TextEncoder().encode(text);

/** A field: plain text, or quoted with commas, quotes, line breaks and non-ASCII. */
const field = fc.oneof(
  fc.stringMatching(/^[a-zA-Z0-9 .é€-]{0,12}$/),
  fc
    .array(fc.constantFrom("a", "é", "€", ",", '"', "\n", "\r\n", " ", "x"), { maxLength: 10 })
    .map((parts) => `"${parts.join("").replace(/"/g, '""')}"`),
);

describe("issuer/readCsv and readJson read the same rows however the file is cut", () => {
  it("CSV: rows, lines and problems do not depend on chunk boundaries", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        fc.array(fc.nat({ max: 400 }), { maxLength: 12 }),
        async (rows, eol, bom, cuts) => {
          const text = `${bom ? "\uFEFF" : ""}a,b,c${eol}${rows.map((r) => r.join(",")).join(eol)}${eol}`;
          const bytes = encode(text);
          const whole = await csvItems(bytes);
          const cut = await csvItems(bytes, cuts);
          expect(cut).to.deep.equal(whole);
          expect(whole.header).to.deep.equal(["a", "b", "c"]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("CSV: quoted fields keep commas, doubled quotes and line breaks; blank rows are skipped", async () => {
    const { items } = await csvItems(encode('a,b,c\r\n1,"x, ""y""\r\nz",3\r\n\r\n,,\n3,"",last'));
    expect(items).to.deep.equal([
      { kind: "row", line: 2, cells: ["1", 'x, "y"\r\nz', "3"] },
      { kind: "row", line: 6, cells: ["3", "", "last"] },
    ]);
  });

  it("CSV: a row over the size limit is skipped whole and the next row reads", async () => {
    const { items } = await csvItems(
      encode(`a,b,c\n1,${"x".repeat(500)},3\n2,ok,4\n`),
      [7, 64, 300],
    );
    expect(items.map((i) => [i.kind, i.line])).to.deep.equal([
      ["problem", 2],
      ["row", 3],
    ]);
  });

  it("JSON array and JSON Lines: values and lines do not depend on chunk boundaries", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat({ max: 300 }), { maxLength: 10 }),
        async (values, cuts) => {
          const array = encode(
            `[\n${values.map((v) => JSON.stringify(v, null, 1)).join(",\n")}\n]`,
          );
          const lines = encode(values.map((v) => JSON.stringify(v)).join("\n"));
          for (const [bytes, read] of [
            [array, readJsonArray],
            [lines, readJsonLines],
          ] as const) {
            const whole = [];
            for await (const item of read(chunked(bytes, []), { file: "t" })) whole.push(item);
            const cut = [];
            for await (const item of read(chunked(bytes, cuts), { file: "t" })) cut.push(item);
            expect(cut).to.deep.equal(whole);
            expect(whole.map((item) => (item.kind === "value" ? item.value : item))).to.deep.equal(
              JSON.parse(JSON.stringify(values)),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("reformats dates from a registrar's layout, and leaves what does not fit", () => {
    expect(reformatDate("31/07/2025", "DD/MM/YYYY")).to.equal("2025-07-31");
    expect(reformatDate("7/1/2025", "M/D/YYYY")).to.equal("2025-07-01");
    expect(reformatDate("2025.07.31", "YYYY.MM.DD")).to.equal("2025-07-31");
    expect(reformatDate("31-07-2025", "DD/MM/YYYY")).to.equal(undefined);
    expect(reformatDate("31/02/2025", "DD/MM/YYYY")).to.equal(undefined);
    expect(reformatDate("29/02/2024", "DD/MM/YYYY")).to.equal("2024-02-29");
  });
});
