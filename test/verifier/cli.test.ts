// `credanchor verify` as a user runs it: a child process reading real files from a temporary
// folder and asking a real JSON-RPC endpoint over HTTP (in front of the in-process chain), with
// the test registries trusted by --trust (test/cli/trust.test.ts tries what happens without).
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { changeCredentialStatus } from "../../src/chain/index.ts";
import { disclose } from "../../src/credential/index.ts";
import { CSV_COLUMNS, type VerificationReport } from "../../src/verifier/index.ts";
import { deadRpcUrl, startRpcServer, type TestRpcServer } from "../helpers/rpcServer.ts";
import { runCli } from "../helpers/runCli.ts";
import {
  connection,
  issueBatch,
  networkHelpers,
  record,
  registries,
  writerFor,
} from "./fixtures.ts";

/** `credanchor <args>` as a child process (test/helpers/runCli.ts, the one way tests start it). */
const credanchor = (args: string[]) => runCli(args);

async function filesOnDisk() {
  const env = await registries();
  const batch = await issueBatch(env, {
    issuer: env.university,
    records: [record(0), record(1), record(2)],
  });
  await changeCredentialStatus(writerFor(env.university), {
    registry: env.registry,
    issuer: env.university,
    root: batch.root,
    leafCount: batch.leafCount,
    action: "revoke",
    indices: [1],
    reason: 1,
  });
  return { env, batch };
}

describe("credanchor verify", () => {
  let server: TestRpcServer;
  let dir: string;
  let valid: string;
  let revoked: string;
  let disclosed: string;
  let notJson: string;
  /** --trust naming the fixture's registry, as an employer who chose it would. */
  let trust: string[];

  beforeEach(async () => {
    const { env, batch } = await networkHelpers.loadFixture(filesOnDisk);
    trust = ["--trust", `eip155:${env.chainId}:${env.registry}`];
    server = await startRpcServer(connection.provider);
    dir = await mkdtemp(path.join(tmpdir(), "credanchor-verify-"));
    valid = path.join(dir, "alice.json");
    revoked = path.join(dir, "bob.json");
    disclosed = path.join(dir, "carol.json");
    notJson = path.join(dir, "notes.txt");
    await writeFile(valid, JSON.stringify(batch.credentials[0], null, 2));
    await writeFile(revoked, JSON.stringify(batch.credentials[1], null, 2));
    await writeFile(disclosed, JSON.stringify(disclose(batch.credentials[2]!, [])));
    await writeFile(notJson, "Dear HR, please find my diploma attached.");
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("prints a table row per file and exits 0 when every credential is valid", async () => {
    const run = await credanchor(["verify", ...trust, valid, disclosed, "--rpc-url", server.url]);
    expect(run.code, run.stderr).to.equal(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).to.match(
      /^FILE\s+STATUS\s+HOLDER\s+ACHIEVEMENT\s+AWARDED\s+RESULTS\s+ISSUER\s+ACCREDITOR\s+ANCHORED AT\s+REASON$/,
    );
    expect(lines[1]).to.match(
      /alice\.json\s+valid\s+Holder 0\s+BEng Mechatronics\s+2025-07-14\s+Classification: Upper second class\s+Northwind Polytechnic \(0x\w{4}…\w{4}\)/,
    );
    expect(lines[2]).to.match(
      /carol\.json\s+valid\s+\(name hidden by the holder\)\s+BEng Mechatronics\s+2025-07-14\s+\+1 hidden/,
    );
    expect(lines.at(-1)).to.equal("2 credentials: 2 valid");
    expect(run.stderr).to.match(
      /^Trusting: registry 0x\w{40} \(chosen by you\) on eip155:31337\n$/,
    );
  });

  it("exits 1 and gives the deciding check's message when one credential is revoked", async () => {
    const run = await credanchor(["verify", ...trust, valid, revoked, "--rpc-url", server.url]);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.match(
      /bob\.json\s+revoked\s+Holder 1\s+BEng Mechatronics\s.*Revoked on \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ, reason: issued in error \(1\)\. revocation: the issuer revoked credential 1/,
    );
    expect(run.stdout).to.contain("2 credentials: 1 valid, 1 revoked");
  });

  it("says in French when and why a credential was revoked with --lang fr", async () => {
    const run = await credanchor([
      "verify",
      ...trust,
      revoked,
      "--rpc-url",
      server.url,
      "--lang",
      "fr",
    ]);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.match(
      /bob\.json\s+revoked\s+Holder 1\s.*Révoquée le \d{4}-\d\d-\d\d [\d:]+Z, motif : émise par erreur \(1\)/,
    );
    // The deciding check's detail too, from the catalogue, not the SDK's English message.
    expect(run.stdout).to.include("revocation: l'émetteur a révoqué l'attestation 1 du lot");
    expect(run.stdout).to.not.include("the issuer revoked");
    expect(run.stdout.split("\n")[0]).to.match(/^FICHIER\s+STATUT\s+TITULAIRE\s+FORMATION\s/);
    expect(run.stdout).to.include("1 attestation : 1 revoked");
    const unknown = await credanchor(["verify", ...trust, revoked, "--lang", "tlh"]);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.include('--lang "tlh"').and.to.include("en, fr");
  });

  it("prints the reports as JSON with --json", async () => {
    const run = await credanchor([
      "--json",
      "verify",
      ...trust,
      valid,
      revoked,
      "--rpc-url",
      server.url,
    ]);
    expect(run.code).to.equal(1);
    const reports = JSON.parse(run.stdout) as VerificationReport[];
    expect(reports.map((r) => [path.basename(r.source!), r.status])).to.deep.equal([
      ["alice.json", "valid"],
      ["bob.json", "revoked"],
    ]);
    expect(reports[1]!.checks.find((c) => c.id === "revocation")).to.include({
      result: "fail",
      code: "REVOKED",
    });
    expect(reports[0]!.subject).to.deep.equal({
      name: "Holder 0",
      nameHidden: false,
      achievement: "BEng Mechatronics",
      awardDate: "2025-07-14T00:00:00Z",
      awardDateHidden: false,
      results: [{ name: "Classification", value: "Upper second class", status: null }],
      resultsHidden: 0,
    });
    expect(reports[0]).to.not.have.property("statusChange");
    const change = reports[1]!.statusChange!;
    expect(change).to.include({ action: "revoked", reason: 1 });
    expect(change.transactionHash).to.match(/^0x[0-9a-f]{64}$/);
    expect(Date.parse(change.at)).to.be.at.least(Date.parse(reports[1]!.anchoredAt!));
  });

  it("writes one CSV row per file with --csv", async () => {
    const csv = path.join(dir, "report.csv");
    const run = await credanchor([
      "verify",
      ...trust,
      valid,
      revoked,
      "--rpc-url",
      server.url,
      "--csv",
      csv,
    ]);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.contain(`CSV written to ${csv}`);
    const lines = (await readFile(csv, "utf8")).trimEnd().split("\r\n");
    expect(lines[0]).to.equal(CSV_COLUMNS.join(","));
    expect(lines).to.have.length(3);
    const cells = (line: string) =>
      Object.fromEntries(line.split(",").map((cell, i) => [CSV_COLUMNS[i], cell]));
    expect(cells(lines[1]!)).to.include({
      status: "valid",
      holder_name: "Holder 0",
      holder_name_hidden: "false",
      achievement: "BEng Mechatronics",
      award_date: "2025-07-14T00:00:00Z",
      results: "Classification: Upper second class",
      status_changed_at: "",
    });
    expect(cells(lines[2]!)).to.include({
      status: "revoked",
      holder_name: "Holder 1",
      status_reason: "1",
      cause_code: "REVOKED",
    });
    expect(cells(lines[2]!).status_changed_at).to.match(/^\d{4}-\d\d-\d\dT/);
  });

  it("reports a file that is not JSON invalid, naming it on stderr, and still verifies the rest", async () => {
    const run = await credanchor(["verify", ...trust, notJson, valid, "--rpc-url", server.url]);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.contain(`credanchor: ${notJson}: is not JSON`);
    expect(run.stdout).to.match(/notes\.txt\s+invalid\s.*structure: .*is not JSON/);
    expect(run.stdout).to.match(/alice\.json\s+valid/);
  });

  it("exits 3 when the RPC is down and no credential is shown not valid", async () => {
    const down = await deadRpcUrl();
    const run = await credanchor(["verify", ...trust, valid, "--rpc-url", down, "--retries", "0"]);
    expect(run.code).to.equal(3);
    // The catalogue's sentence, with the URL asked and what the transport said.
    expect(run.stdout).to.match(
      /alice\.json\s+unverifiable\s.*chain: no RPC endpoint answered \(http[^)]*\): .+\. Check the URL/,
    );
  });

  it("tries the next --rpc-url when the first is down", async () => {
    const down = await deadRpcUrl();
    const run = await credanchor([
      "verify",
      ...trust,
      valid,
      "--rpc-url",
      down,
      "--rpc-url",
      server.url,
      "--retries",
      "0",
    ]);
    expect(run.code, run.stdout).to.equal(0);
  });

  it("exits 2, naming the option, when --at is not a date", async () => {
    const run = await credanchor([
      "verify",
      ...trust,
      valid,
      "--rpc-url",
      server.url,
      "--at",
      "someday",
    ]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.contain('--at "someday" is not a date');
    expect(server.calls).to.deep.equal([]);
  });

  it("judges validity dates at --at", async () => {
    const run = await credanchor([
      "verify",
      ...trust,
      valid,
      "--rpc-url",
      server.url,
      "--at",
      "2025-07-13",
    ]);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.match(/alice\.json\s+invalid\s.*validity-period: valid from 2025-07-14/);
  });

  it("exits 2, naming the option, when --trusted-body is not an address", async () => {
    const run = await credanchor([
      "verify",
      ...trust,
      valid,
      "--rpc-url",
      server.url,
      "--trusted-body",
      "acme",
    ]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.contain('--trusted-body "acme" is not an address');
  });
});
