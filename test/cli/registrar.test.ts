// The registrar at the command line: operator keys and their rights, revoking, suspending and unsuspending
// credentials by file, id, batch index or list file, whole-batch revocation, and `status`, on
// batches of real credential files anchored on a `hardhat node`.
import { copyFile, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import {
  ACCOUNTS,
  type CliChain,
  EVIDENCE,
  FROM,
  type IssuedBatch,
  issueBatch,
  jsonError,
  jsonOf,
  startCliChain,
  writerFor,
} from "./support.ts";

interface StatusReport {
  credentials: {
    source: string;
    credentialId: string | null;
    index: number;
    state: string;
    anchoredAt: string | null;
    credentialType: string | null;
    revocation: { reason: { code: number; name: string }; by: string } | null;
    suspension: { reason: { code: number; name: string }; by: string } | null;
    accreditation: {
      atAnchoring: { accredited: boolean; body: string | null };
      now: { accredited: boolean; body: string | null };
    };
  }[];
}

interface ChangeReport {
  action: string;
  reason: { code: number; name: string };
  batches: { root: string; count: number; indices: number[]; transactions: unknown[] }[];
  skipped: { source: string; root: string; index: number; already: string }[];
}

describe("credanchor registrar commands", function () {
  this.timeout(240_000);
  let chain: CliChain;
  let first: IssuedBatch;
  let second: IssuedBatch;

  before(async () => {
    chain = await startCliChain();
    const ipfsDir = path.join(chain.dir, "ipfs");
    first = await issueBatch(chain, { size: 8, folder: path.join(chain.dir, "first"), ipfsDir });
    second = await issueBatch(chain, {
      size: 3,
      folder: path.join(chain.dir, "second"),
      ipfsDir,
      label: "second ",
    });
  });

  after(async () => {
    await chain?.stop();
  });

  const university = (...args: string[]) =>
    chain.cli(["--json", ...args, "--network", "testnode", "--from", FROM.university]);
  const status = async (...args: string[]) => {
    const run = await chain.cli(["--json", "status", ...args, "--network", "testnode"]);
    expect(run.code, run.stderr).to.equal(0);
    return jsonOf<StatusReport>(run).credentials;
  };

  it("reports an anchored credential as active, with its type and anchoring time", async () => {
    const [report] = await status(first.files[0]!);
    expect(report).to.include({
      source: first.files[0],
      credentialId: first.credentials[0]!.id,
      index: 0,
      state: "active",
      credentialType: "BachelorDegree",
      revocation: null,
      suspension: null,
    });
    expect(report!.anchoredAt).to.match(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("revokes credentials named by file in one transaction per batch, with the reason", async () => {
    const run = await university(
      "revoke",
      first.files[1]!,
      first.files[2]!,
      second.files[0]!,
      "--reason",
      "fraud",
    );
    expect(run.code, run.stderr).to.equal(0);
    const report = jsonOf<ChangeReport>(run);
    expect(report.reason).to.deep.equal({ code: 3, name: "fraud" });
    expect(report.batches.map((b) => [b.root, b.indices, b.transactions.length])).to.deep.equal([
      [first.root, [1, 2], 1],
      [second.root, [0], 1],
    ]);

    const reports = await status(first.files[1]!, second.files[0]!, first.files[3]!);
    expect(reports.map((r) => r.state)).to.deep.equal(["revoked", "revoked", "active"]);
    expect(reports[0]!.revocation).to.deep.include({
      reason: { code: 3, name: "fraud" },
      by: ACCOUNTS.university,
    });
  });

  it("revokes by credential id, finding the file in a folder of holder files", async () => {
    const id = first.credentials[3]!.id;
    const run = await university(
      "revoke",
      "--id",
      id,
      "--folder",
      path.join(chain.dir, "first"),
      "--reason",
      "superseded",
    );
    expect(run.code, run.stderr).to.equal(0);
    expect(jsonOf<ChangeReport>(run).batches[0]!.indices).to.deep.equal([3]);
    expect((await status(first.files[3]!))[0]).to.include({ state: "revoked" });
  });

  it("suspends and unsuspends many at once from a list of files, ids and indices", async () => {
    const list = path.join(chain.dir, "suspend.txt");
    await writeFile(
      list,
      [
        "# under review after the exam board",
        first.files[4],
        first.credentials[5]!.id,
        "",
        "6",
      ].join("\n"),
    );
    const suspended = await university(
      "suspend",
      "--list",
      list,
      "--folder",
      path.join(chain.dir, "first"),
      "--batch",
      first.root,
      "--reason",
      "under-investigation",
    );
    expect(suspended.code, suspended.stderr).to.equal(0);
    const report = jsonOf<ChangeReport>(suspended);
    expect(report.batches).to.have.length(1);
    expect(report.batches[0]!.indices).to.deep.equal([4, 5, 6]);
    expect(report.batches[0]!.transactions).to.have.length(1);
    const during = await status(
      "--batch",
      first.root,
      "--index",
      "4",
      "5",
      "6",
      "--issuer",
      ACCOUNTS.university,
    );
    expect(during.map((r) => r.state)).to.deep.equal(["suspended", "suspended", "suspended"]);
    expect(during[0]!.suspension!.reason.name).to.equal("under-investigation");

    const lifted = await university(
      "unsuspend",
      "--batch",
      first.root,
      "--index",
      "4",
      "6",
      "--reason",
      "investigation-cleared",
    );
    expect(lifted.code, lifted.stderr).to.equal(0);
    const after = await status(
      "--batch",
      first.root,
      "--index",
      "4",
      "5",
      "6",
      "--issuer",
      ACCOUNTS.university,
    );
    expect(after.map((r) => r.state)).to.deep.equal(["active", "suspended", "active"]);
  });

  it("refuses a stranger with exit 4 naming NotIssuerOrOperator, and changes nothing", async () => {
    const run = await chain.cli([
      "--json",
      "revoke",
      first.files[0]!,
      "--network",
      "testnode",
      "--from",
      FROM.stranger,
    ]);
    expect(run.code).to.equal(4);
    const error = jsonError(run);
    expect(error.code).to.equal("REGISTRY_REVERTED");
    expect(error.message).to.include("NotIssuerOrOperator");
    expect((await status(first.files[0]!))[0]).to.include({ state: "active" });
  });

  const operators = async () => {
    const listed = await chain.cli([
      "--json",
      "operator",
      "list",
      "--issuer",
      ACCOUNTS.university,
      "--network",
      "testnode",
    ]);
    expect(listed.code, listed.stderr).to.equal(0);
    return jsonOf<{
      operators: { operator: string; live: boolean; expiresAt: string; rights: string[] }[];
    }>(listed).operators;
  };
  const revokeAsOperator = (index: string) =>
    chain.cli([
      "--json",
      "revoke",
      "--batch",
      second.root,
      "--index",
      index,
      "--issuer",
      ACCOUNTS.university,
      "--reason",
      "key-compromise",
      "--network",
      "testnode",
      "--from",
      FROM.operator,
    ]);

  it("authorises an operator to anchor only by default, so the registry refuses its revoke", async () => {
    const added = await university("operator", "add", ACCOUNTS.operator, "--expires", "30d");
    expect(added.code, added.stderr).to.equal(0);
    expect(jsonOf(added)).to.deep.include({ rights: ["anchor"] });
    expect(await operators()).to.deep.equal([
      {
        operator: ACCOUNTS.operator,
        live: true,
        expiresAt: jsonOf<{ expiresAt: string }>(added).expiresAt,
        rights: ["anchor"],
      },
    ]);

    const refused = await revokeAsOperator("1");
    expect(refused.code).to.equal(4);
    expect(jsonError(refused).message).to.include("NotIssuerOrOperator");
    expect((await status(second.files[1]!))[0]).to.include({ state: "active" });
  });

  it("reads --rights as comma-separated names and refuses an unknown one before sending", async () => {
    const unknown = await university(
      "operator",
      "add",
      ACCOUNTS.operator,
      "--expires",
      "30d",
      "--rights",
      "anchor,delete",
    );
    expect(unknown.code).to.equal(2);
    const error = jsonError(unknown);
    expect(error.code).to.equal("OPTION_INVALID");
    expect(error.message).to.include("--rights").and.to.include('"delete"');
    const empty = await university(
      "operator",
      "add",
      ACCOUNTS.operator,
      "--expires",
      "30d",
      "--rights",
      ",",
    );
    expect(empty.code).to.equal(2);
    expect(jsonError(empty).message).to.include("--rights");
    expect((await operators())[0]!.rights).to.deep.equal(["anchor"]);

    const widened = await university(
      "operator",
      "add",
      ACCOUNTS.operator,
      "--expires",
      "30d",
      "--rights",
      "Revoke, suspend",
    );
    expect(widened.code, widened.stderr).to.equal(0);
    expect((await operators())[0]!.rights).to.deep.equal(["suspend", "revoke"]);
  });

  it("lets an operator with the revoke right revoke in the issuer's name until removed", async () => {
    const byOperator = await revokeAsOperator("1");
    expect(byOperator.code, byOperator.stderr).to.equal(0);
    expect((await status(second.files[1]!))[0]!.revocation).to.deep.include({
      by: ACCOUNTS.operator,
      reason: { code: 4, name: "key-compromise" },
    });

    expect((await university("operator", "remove", ACCOUNTS.operator)).code).to.equal(0);
    const refused = await chain.cli([
      "--json",
      "revoke",
      second.files[2]!,
      "--network",
      "testnode",
      "--from",
      FROM.operator,
    ]);
    expect(refused.code).to.equal(4);
    expect(jsonError(refused).message).to.include("NotIssuerOrOperator");
  });

  it("revokes a whole batch with --all", async () => {
    const third = await issueBatch(chain, {
      size: 2,
      folder: path.join(chain.dir, "third"),
      ipfsDir: path.join(chain.dir, "ipfs"),
      label: "third ",
    });
    const run = await university(
      "revoke",
      "--batch",
      third.root,
      "--all",
      "--reason",
      "issued-in-error",
    );
    expect(run.code, run.stderr).to.equal(0);
    expect(jsonOf<ChangeReport>(run).action).to.equal("revoke-batch");
    const reports = await status(...third.files);
    expect(reports.map((r) => r.state)).to.deep.equal(["batch-revoked", "batch-revoked"]);
    expect(reports[0]!.revocation!.reason.name).to.equal("issued-in-error");
  });

  describe("a change that would change nothing", () => {
    let batch: IssuedBatch;
    /** Transactions the university has sent so far: the nonce of its account. */
    const sentByUniversity = () =>
      writerFor(chain, ACCOUNTS.university).reader.getTransactionCount({
        address: ACCOUNTS.university,
      });

    before(async () => {
      batch = await issueBatch(chain, {
        size: 4,
        folder: path.join(chain.dir, "repeated"),
        ipfsDir: path.join(chain.dir, "ipfs"),
        label: "repeated ",
      });
      expect((await university("revoke", batch.files[0]!)).code).to.equal(0);
    });

    it("sends no transaction to revoke a revoked credential, and says it was already revoked", async () => {
      const before = await sentByUniversity();
      const run = await university("revoke", batch.files[0]!);
      expect(run.code, run.stderr).to.equal(0);
      const report = jsonOf<ChangeReport>(run);
      expect(report.batches).to.deep.equal([]);
      expect(report.skipped).to.deep.equal([
        {
          source: batch.files[0],
          issuer: ACCOUNTS.university,
          root: batch.root,
          index: 0,
          already: "revoked",
        },
      ]);
      const text = await chain.cli([
        "revoke",
        batch.files[0]!,
        "--network",
        "testnode",
        "--from",
        FROM.university,
      ]);
      expect(text.stdout).to.include("already revoked").and.to.include("Nothing sent");
      expect(await sentByUniversity()).to.equal(before);
    });

    it("revokes in bulk only those not yet revoked, naming the ones it skipped", async () => {
      const before = await sentByUniversity();
      const run = await university("revoke", batch.files[0]!, batch.files[1]!);
      expect(run.code, run.stderr).to.equal(0);
      const report = jsonOf<ChangeReport>(run);
      expect(report.batches.map((b) => [b.root, b.indices])).to.deep.equal([[batch.root, [1]]]);
      expect(report.skipped.map((s) => [s.index, s.already])).to.deep.equal([[0, "revoked"]]);
      expect(await sentByUniversity()).to.equal(before + 1);
      expect((await status(batch.files[1]!))[0]).to.include({ state: "revoked" });
    });

    it("sends no transaction to unsuspend credentials that are not suspended, alone or in bulk", async () => {
      const suspended = await university("suspend", "--batch", batch.root, "--index", "2");
      expect(suspended.code, suspended.stderr).to.equal(0);
      const before = await sentByUniversity();
      const none = await university("unsuspend", "--batch", batch.root, "--index", "3");
      expect(none.code, none.stderr).to.equal(0);
      expect(jsonOf<ChangeReport>(none).batches).to.deep.equal([]);
      expect(jsonOf<ChangeReport>(none).skipped.map((s) => s.already)).to.deep.equal([
        "not-suspended",
      ]);
      expect(await sentByUniversity()).to.equal(before);

      const some = await university("unsuspend", "--batch", batch.root, "--index", "2", "3");
      expect(some.code, some.stderr).to.equal(0);
      expect(jsonOf<ChangeReport>(some).batches[0]!.indices).to.deep.equal([2]);
      expect(jsonOf<ChangeReport>(some).skipped.map((s) => s.index)).to.deep.equal([3]);
      expect(await sentByUniversity()).to.equal(before + 1);
    });

    it("sends no transaction to revoke a revoked batch, or a credential in it", async () => {
      expect((await university("revoke", "--batch", batch.root, "--all")).code).to.equal(0);
      const before = await sentByUniversity();
      const again = await university("revoke", "--batch", batch.root, "--all");
      expect(again.code, again.stderr).to.equal(0);
      expect(jsonOf<ChangeReport>(again).batches).to.deep.equal([]);
      expect(jsonOf<ChangeReport>(again).skipped.map((s) => s.already)).to.deep.equal([
        "batch-revoked",
      ]);
      const one = await university("revoke", batch.files[3]!);
      expect(one.code, one.stderr).to.equal(0);
      expect(jsonOf<ChangeReport>(one).skipped.map((s) => s.already)).to.deep.equal([
        "batch-revoked",
      ]);
      expect(await sentByUniversity()).to.equal(before);
    });
  });

  it("shows accreditation at anchoring and now", async () => {
    const body = (...args: string[]) =>
      chain.cli(["--json", ...args, "--network", "testnode", "--from", FROM.body]);
    const appointed = await chain.cli([
      "--json",
      "body",
      "add",
      ACCOUNTS.body,
      "--scope",
      "BachelorDegree",
      "--name",
      "Accreditation Council",
      "--jurisdiction",
      "DE",
      "--network",
      "testnode",
      "--from",
      FROM.governance,
    ]);
    expect(appointed.code, appointed.stderr).to.equal(0);
    const accredited = await body(
      "accredit",
      ACCOUNTS.university,
      "--type",
      "BachelorDegree",
      "--legal-name",
      "Northwind Polytechnic",
      "--valid-until",
      "forever",
      "--evidence",
      EVIDENCE,
    );
    expect(accredited.code, accredited.stderr).to.equal(0);
    const [report] = await status(first.files[7]!);
    expect(report!.accreditation).to.deep.equal({
      atAnchoring: { accredited: false, body: null },
      now: { accredited: true, body: ACCOUNTS.body },
    });
  });

  it("checks every target before sending: an index outside the batch stops the run", async () => {
    const run = await university("revoke", "--batch", first.root, "--index", "7", "99");
    expect(run.code).to.equal(2);
    const error = jsonError(run);
    expect(error.code).to.equal("INDEX_OUT_OF_RANGE");
    expect(error.message).to.include("99");
    expect((await status(first.files[7]!))[0]).to.include({ state: "active" });
  });

  it("refuses a file whose index was altered, since its proof no longer leads to the root", async () => {
    const forged = path.join(chain.dir, "forged.json");
    const credential = JSON.parse(await readFile(first.files[7]!, "utf8"));
    credential.credentialStatus.batchIndex = 0;
    credential.proof.anchor.leafIndex = 0;
    await writeFile(forged, JSON.stringify(credential));
    const run = await university("revoke", forged);
    expect(run.code).to.equal(2);
    expect(jsonError(run)).to.include({ code: "CREDENTIAL_PROOF_MISMATCH" });
    expect(jsonError(run).message).to.include(forged);
  });

  it("names a file that is not a credential, and an unknown reason", async () => {
    const notCredential = path.join(chain.dir, "notes.json");
    await copyFile(path.join(chain.deploymentsDir, "testnode.json"), notCredential);
    const run = await university("suspend", notCredential);
    expect(run.code).to.equal(2);
    expect(jsonError(run).message).to.include(notCredential);

    const reason = await university("suspend", first.files[7]!, "--reason", "bored");
    expect(reason.code).to.equal(2);
    expect(jsonError(reason).code).to.equal("REASON_INVALID");
  });

  it("refuses to read status from a registry the file names but the user did not choose", async () => {
    const credential = JSON.parse(await readFile(first.files[0]!, "utf8"));
    const elsewhere = "0x000000000000000000000000000000000000bEEF";
    credential.credentialStatus.registryAddress = elsewhere;
    const file = path.join(chain.dir, "elsewhere.credential.json");
    await writeFile(file, JSON.stringify(credential));
    const run = await chain.cli(["--json", "status", file, "--network", "testnode"]);
    expect(run.code).to.equal(2);
    expect(jsonError(run)).to.include({ code: "REGISTRY_NOT_CHOSEN" });
    expect(jsonError(run).message).to.include(elsewhere).and.to.include(`--registry ${elsewhere}`);
  });

  it("prints one readable block per credential without --json", async () => {
    const run = await chain.cli(["status", first.files[1]!, "--network", "testnode"]);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout)
      .to.include(first.credentials[1]!.id)
      .and.to.include("status: revoked (reason fraud")
      .and.to.include("accreditation: at anchoring not accredited");
  });
});
