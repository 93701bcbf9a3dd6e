// toJson and toCsv: the JSON is the report type itself; the CSV has stable columns, RFC 4180
// quoting, and never hands a spreadsheet a formula from a credential's text.
import { expect } from "chai";
import {
  CHECK_IDS,
  CSV_COLUMNS,
  toCsv,
  toJson,
  unreadableReport,
  type VerificationReport,
} from "../../src/verifier/index.ts";

const ACCREDITOR = {
  address: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  name: "Accreditation Council of Testland",
  jurisdiction: "DE",
} as const;

function report(overrides: Partial<VerificationReport> = {}): VerificationReport {
  return {
    status: "valid",
    cause: null,
    checks: CHECK_IDS.map((id) => ({ id, result: "pass", code: "OK", message: "ok" })),
    source: "alice.json",
    credentialId: "urn:uuid:1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed",
    credentialType: "BachelorDegree",
    issuer: {
      id: "did:pkh:eip155:31337:0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      name: "Northwind Polytechnic",
      registeredName: "Northwind Polytechnic",
      registeredDomain: "northwind-poly.example",
    },
    accreditor: ACCREDITOR,
    accreditorNow: ACCREDITOR,
    trust: {
      label: "test registries",
      chain: "eip155:31337",
      registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    },
    warnings: [],
    anchoredAt: "2026-01-02T03:04:05.000Z",
    chain: "eip155:31337",
    registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    root: `0x${"ab".repeat(32)}`,
    index: 7,
    validFrom: "2025-07-14T00:00:00Z",
    validUntil: null,
    disclosed: {},
    hidden: [],
    checkedAt: "2026-02-01T00:00:00.000Z",
    ...overrides,
  };
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

describe("verifier exports", () => {
  it("writes JSON that reads back as the reports themselves", () => {
    const reports = [report(), report({ status: "revoked", index: 8 })];
    expect(JSON.parse(toJson(reports))).to.deep.equal(reports);
  });

  it("writes a header and one CRLF-terminated row per report, in stable columns", () => {
    const csv = toCsv([report(), report({ index: 8 })]);
    expect(csv.endsWith("\r\n")).to.equal(true);
    const rows = parseCsv(csv);
    expect(rows[0]).to.deep.equal([...CSV_COLUMNS]);
    expect(CSV_COLUMNS.slice(0, 3)).to.deep.equal(["source", "credential_id", "status"]);
    expect(CSV_COLUMNS.at(-1)).to.equal("check_validity_period");
    expect(rows).to.have.length(3);
    const at = (name: string) => rows[1]![CSV_COLUMNS.indexOf(name)];
    expect(at("status")).to.equal("valid");
    expect(at("index")).to.equal("7");
    expect(at("valid_until")).to.equal("");
    expect(at("valid_from_hidden")).to.equal("false");
    expect(at("check_batch_revocation")).to.equal("pass");
    const hidden = parseCsv(toCsv([report({ validFrom: null, validFromHidden: true })]));
    expect(hidden[1]![CSV_COLUMNS.indexOf("valid_from_hidden")]).to.equal("true");
  });

  it("quotes commas, quotes and line breaks so every row keeps its columns", () => {
    const tricky = 'Polytechnic, "North"\nCampus';
    const rows = parseCsv(
      toCsv([
        report({
          issuer: {
            id: null,
            address: null,
            name: tricky,
            registeredName: null,
            registeredDomain: null,
          },
        }),
      ]),
    );
    expect(rows[1]).to.have.length(CSV_COLUMNS.length);
    expect(rows[1]![CSV_COLUMNS.indexOf("issuer_name")]).to.equal(tricky);
  });

  it("keeps a spreadsheet from running text that starts like a formula", () => {
    const rows = parseCsv(
      toCsv([
        report({
          issuer: {
            id: null,
            address: null,
            name: '=HYPERLINK("http://x")',
            registeredName: null,
            registeredDomain: null,
          },
        }),
      ]),
    );
    expect(rows[1]![CSV_COLUMNS.indexOf("issuer_name")]).to.equal(`'=HYPERLINK("http://x")`);
  });

  it("gives an unreadable input an invalid report naming the problem", () => {
    const r = unreadableReport({ source: "missing.json", problem: "cannot read: ENOENT" });
    expect(r).to.deep.include({ status: "invalid", source: "missing.json" });
    expect(r.cause).to.deep.equal({
      check: "structure",
      code: "UNREADABLE",
      message: "cannot read: ENOENT",
    });
    expect(parseCsv(toCsv([r]))[1]![CSV_COLUMNS.indexOf("cause_code")]).to.equal("UNREADABLE");
  });
});
