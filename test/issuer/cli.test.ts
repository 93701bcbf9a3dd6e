// `credanchor issue` as a registrar runs it, on the in-process chain (the default network; the
// chain ends with the command, so the files are checked for integrity and proofs here, and
// against a live chain in crash.test.ts).
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "chai";
import { verifyIntegrity } from "../../src/credential/index.ts";
import type { IssueReport } from "../../src/issuer/index.ts";
import { verifyMerkleProof } from "../../src/merkle/index.ts";
import { PROJECT_ROOT } from "../deploy/hardhatNode.ts";
import { runCli } from "./cli.ts";
import { graduatesCsv, readHolderFiles, removeDir, tempDir, writeTemp } from "./fixtures.ts";

const EXAMPLE = join(PROJECT_ROOT, "examples/graduates.csv");
const MAPPING = join(PROJECT_ROOT, "examples/graduates.mapping.json");
/** The options a run on the fixtures' graduates needs besides its input and output. */
const NORTHWIND = [
  "--type",
  "BachelorDegree",
  "--issuer-name",
  "Northwind Polytechnic",
  "--issuer-url",
  "https://northwind-poly.example",
];

describe("credanchor issue on the example export", function () {
  this.timeout(180_000);
  let dir: string;

  before(async () => {
    dir = await tempDir("cli");
  });
  after(async () => {
    await removeDir(dir);
  });

  it("issues all 1,000 graduates through the mapping file and prints the report as JSON", async () => {
    const out = join(dir, "out");
    const run = await runCli([
      "issue",
      EXAMPLE,
      "--mapping",
      MAPPING,
      "--out",
      out,
      "--ipfs-dir",
      join(dir, "ipfs"),
      "--json",
    ]);
    expect(run.code, run.stderr).to.equal(0);
    const report = JSON.parse(run.stdout) as IssueReport & { network: string };
    expect(report.network).to.equal("hardhat");
    expect(report.credentialType).to.equal("BachelorDegree");
    expect(report.input).to.include({ rows: 1000, issued: 1000, rejected: 0 });
    expect(report.output?.files).to.equal(1000);
    expect(run.stderr).to.match(/estimated gas [\d,]+/);

    const holders = await readHolderFiles(join(out, "credentials"));
    expect(holders).to.have.length(1000);
    for (const { id, credential } of holders) {
      const integrity = verifyIntegrity(credential);
      expect(integrity.ok, id).to.equal(true);
      const anchor = credential.proof[0].anchor!;
      expect(anchor.merkleRoot).to.equal(report.batches[0]!.root);
      const digest = integrity.ok ? integrity.credentialDigest : "0x";
      expect(
        verifyMerkleProof(anchor.merkleRoot, anchor.leafIndex, digest, anchor.merkleProof),
        id,
      ).to.equal(true);
    }
    const ada = holders.find((h) => h.id === "NP-2021-1000")!.credential;
    expect(ada.issuer.name).to.equal("Northwind Polytechnic");
    expect(ada.validFrom).to.equal("2025-07-01T00:00:00Z");
    expect(ada.credentialSubject.identifier?.[2]?.identityHash).to.match(/^sha256\$[0-9a-f]{64}$/);
  });

  it("--dry-run validates and estimates without writing anything", async () => {
    const out = join(dir, "dry");
    const run = await runCli(["issue", EXAMPLE, "--mapping", MAPPING, "--out", out, "--dry-run"]);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/^Would issue 1,000 BachelorDegree credentials/);
    expect(run.stderr).to.match(/estimated gas [\d,]+/);
    const { stat } = await import("node:fs/promises");
    await stat(out).then(
      () => expect.fail("a dry run created the output folder"),
      (e: NodeJS.ErrnoException) => expect(e.code).to.equal("ENOENT"),
    );
  });

  it("says a finished run was already issued when it is run again, and sends nothing", async () => {
    const input = await writeTemp(dir, "five.csv", graduatesCsv(5));
    const args = [
      "issue",
      input,
      "--out",
      join(dir, "again"),
      "--ipfs-dir",
      join(dir, "again-ipfs"),
      ...NORTHWIND,
    ];
    const first = await runCli(args);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.match(/^Issued 5 BachelorDegree credentials/);
    const again = await runCli(args);
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout).to.match(
      /^Nothing to do: all 5 BachelorDegree credentials from .* were already issued by a run that finished at /,
    );
    expect(again.stderr).not.to.match(/estimated gas|anchored|building/);
  });

  it("keeps the embedded store under the output folder, and nothing in the current one", async () => {
    const cwd = await tempDir("cli-cwd");
    try {
      const input = await writeTemp(cwd, "three.csv", graduatesCsv(3));
      const run = await runCli(["issue", input, "--out", "out", ...NORTHWIND], {}, cwd);
      expect(run.code, run.stderr).to.equal(0);
      expect((await readdir(cwd)).sort()).to.deep.equal(["out", "three.csv"]);
      expect(await readdir(join(cwd, "out"))).to.include("ipfs");
    } finally {
      await removeDir(cwd);
    }
  });

  it("creates nothing when the input is not valid: no output folder, no store", async () => {
    const cwd = await tempDir("cli-bad");
    try {
      const input = await writeTemp(cwd, "bad.csv", graduatesCsv(3, ["S1,,,,,,,,,"]));
      const run = await runCli(["issue", input, "--out", "out", ...NORTHWIND], {}, cwd);
      expect(run.code, run.stderr).to.not.equal(0);
      expect(await readdir(cwd)).to.deep.equal(["bad.csv"]);
    } finally {
      await removeDir(cwd);
    }
  });

  it("--dry-run --skip-invalid names each rejected row and writes the rejects file", async () => {
    const input = await writeTemp(dir, "some-bad.csv", graduatesCsv(3, ["S9,,,,,,,,,,,"]));
    const rejects = join(dir, "some-bad.rejects.csv");
    const out = join(dir, "some-bad-out");
    const run = await runCli([
      "issue",
      input,
      "--out",
      out,
      "--skip-invalid",
      rejects,
      "--dry-run",
      ...NORTHWIND,
    ]);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/^Would issue 3 BachelorDegree credentials/);
    expect(run.stderr).to.contain("1 row would not be issued");
    expect(run.stderr).to.contain(`${input}:5`);
    expect(await readFile(rejects, "utf8")).to.contain("S9");
    expect(await readdir(dir)).not.to.include("some-bad-out");
  });

  it("--format elm reads European Learning Model credentials, a record per achievement", async () => {
    const input = join(PROJECT_ROOT, "test/fixtures/input/elm-certificate.json");
    const out = join(dir, "elm-out");
    const run = await runCli([
      "issue",
      input,
      "--format",
      "elm",
      "--out",
      out,
      "--dry-run",
      ...NORTHWIND,
    ]);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(
      /^Would issue 1 BachelorDegree credential from .*elm-certificate\.json/,
    );
  });

  it("refuses a --format it cannot read, naming the ones it can", async () => {
    const run = await runCli(["issue", EXAMPLE, "--format", "pdf", "--out", join(dir, "pdf")]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.contain('--format "pdf" must be one of csv, json, jsonl, clr, elm');
  });

  it("names what is missing when no credential type or issuer name is given", async () => {
    const input = join(PROJECT_ROOT, "examples/graduates.csv");
    const mapping = await tempMapping(dir);
    const run = await runCli(["issue", input, "--mapping", mapping, "--out", join(dir, "x")]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.contain("--type is missing");
  });
});

/** The example mapping without its credentialType and issuer. */
async function tempMapping(dir: string): Promise<string> {
  const { readFile, writeFile } = await import("node:fs/promises");
  const { credentialType: _t, issuer: _i, ...rest } = JSON.parse(await readFile(MAPPING, "utf8"));
  const file = join(dir, "bare.mapping.json");
  await writeFile(file, JSON.stringify(rest));
  return file;
}
