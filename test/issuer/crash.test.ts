// Invariant 5: a batch run killed at any step can be rerun; nothing is anchored twice, no file is
// lost or duplicated. `credanchor issue` runs as a child process against `hardhat node` and
// kills itself (SIGKILL, no cleanup) at a named checkpoint (CREDANCHOR_CRASH_AT); the same
// command is then run again to the end.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "chai";
import type { Address, Hex, PublicClient } from "viem";
import type { IssueReport, JournalEntry } from "../../src/issuer/index.ts";
import { batchPermutation } from "../../src/issuer/indexPermutation.ts";
import { statusListUrl } from "../../src/issuer/statusListUrl.ts";
import { type RunningNode, startHardhatNode } from "../deploy/hardhatNode.ts";
import { deployOnNode, runCli } from "./cli.ts";
import {
  anchorEvents,
  graduatesCsv,
  holderProblem,
  listTree,
  readHolderFiles,
  removeDir,
  tempDir,
  writeTemp,
} from "./fixtures.ts";

const ROWS = 45;
const BATCH_SIZE = 20; // three batches: 20, 20, 5
const STATUS_BASE = "https://northwind-poly.example/status";

describe("credanchor issue, killed at a checkpoint and run again", function () {
  this.timeout(300_000);
  let node: RunningNode;
  let dir: string;
  let input: string;
  let registry: Address;
  let issuer: Address;
  let reader: PublicClient;

  before(async () => {
    node = await startHardhatNode();
    ({ registry, issuer, reader } = await deployOnNode(node.url));
    dir = await tempDir("crash");
    input = await writeTemp(dir, "graduates.csv", graduatesCsv(ROWS));
  });
  after(async () => {
    await node?.stop();
    if (dir !== undefined) await removeDir(dir);
  });

  function issue(name: string, crashAt?: string) {
    return runCli(
      [
        "issue",
        input,
        "--out",
        join(dir, name),
        "--ipfs-dir",
        join(dir, `${name}-ipfs`),
        "--type",
        "BachelorDegree",
        "--issuer-name",
        "Northwind Polytechnic",
        "--status-base",
        STATUS_BASE,
        "--batch-size",
        String(BATCH_SIZE),
        "--rpc-url",
        node.url,
        "--registry",
        registry,
        "--from",
        "0",
        "--threads",
        "2",
        "--json",
      ],
      crashAt === undefined ? {} : { CREDANCHOR_CRASH_AT: crashAt },
    );
  }

  /** Kills a run at each checkpoint in turn, then runs it to the end, and checks the outcome. */
  async function crashThenFinish(name: string, crashes: string[]): Promise<IssueReport> {
    const eventsBefore = (await anchorEvents(reader, registry, issuer)).length;
    for (const crashAt of crashes) {
      const killed = await issue(name, crashAt);
      expect(killed.signal, `${crashAt}: ${killed.stderr}`).to.equal("SIGKILL");
    }
    const finished = await issue(name);
    expect(finished.code, finished.stderr).to.equal(0);
    const report = JSON.parse(finished.stdout) as IssueReport;
    expect(report.resumed).to.equal(true);
    await expectOneAnchorPerRoot(report, eventsBefore);
    await expectEveryHolderOnce(join(dir, name));
    return report;
  }

  /** The index permutation keys the run's journal holds. */
  async function indexKeys(out: string): Promise<Hex[]> {
    const journal = await readFile(join(out, "journal.jsonl"), "utf8");
    return journal
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as JournalEntry)
      .flatMap((entry) => (entry.step === "index-key" ? [entry.key] : []));
  }

  async function expectOneAnchorPerRoot(report: IssueReport, eventsBefore: number) {
    expect(report.batches.map((b) => b.count)).to.deep.equal([20, 20, 5]);
    const events = await anchorEvents(reader, registry, issuer);
    expect(events.length - eventsBefore, "anchors made by this run").to.equal(3);
    for (const batch of report.batches) {
      const forRoot = events.filter((e) => e.args.root === batch.root);
      expect(forRoot, `anchors of ${batch.root}`).to.have.length(1);
      expect(forRoot[0]!.transactionHash).to.equal(batch.txHash);
    }
  }

  async function expectEveryHolderOnce(out: string) {
    const files = await listTree(out);
    const holderFiles = files.filter((f) => f.startsWith("credentials/"));
    expect(files.filter((f) => !f.startsWith("credentials/"))).to.deep.equal([
      "journal.jsonl",
      "report.json",
      "report.txt",
    ]);
    expect(holderFiles).to.have.length(ROWS);
    const holders = await readHolderFiles(join(out, "credentials"));
    expect(holders.map((h) => h.id).sort()).to.deep.equal(
      Array.from({ length: ROWS }, (_, i) => `S${100000 + i}`).sort(),
    );
    for (const { id, credential } of holders) {
      expect(await holderProblem(credential, reader), id).to.equal(undefined);
    }
  }

  it("resumes after a kill right after validation", async () => {
    await crashThenFinish("after-validation", ["validated"]);
  });

  it("resumes after a kill once two batches are built (bodies stored, staging kept)", async () => {
    await crashThenFinish("after-bodies", ["built:1"]);
  });

  it("resumes after a kill between the anchor transaction and its journal entry", async () => {
    const report = await crashThenFinish("after-anchor-sent", ["anchor-sent:0"]);
    // The killed run's transaction anchored the root; the rerun found it instead of sending again.
    expect(report.batches.map((b) => b.status)).to.deep.equal([
      "already-anchored",
      "anchored",
      "anchored",
    ]);
  });

  it("resumes after a kill with every batch anchored and no file written", async () => {
    await crashThenFinish("after-anchoring", ["anchored:2"]);
  });

  it("resumes after a kill half-way through writing a batch's files", async () => {
    await crashThenFinish("mid-files", ["files-halfway:1"]);
  });

  it("keeps every credential's index when it resumes, batches built again included", async () => {
    const name = "same-indexes";
    const killed = await issue(name, "built:0");
    expect(killed.signal, killed.stderr).to.equal("SIGKILL");
    const keyBefore = await indexKeys(join(dir, name));
    expect(keyBefore).to.have.length(1);
    const staged = await readFile(join(dir, name, ".staging", "batch-00000.jsonl"), "utf8");
    const stagedIndexes = staged
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as { id: string; index: number });

    const report = await crashThenFinish(name, []);
    expect(report.batches.map((b) => b.count)).to.deep.equal([20, 20, 5]);
    expect(await indexKeys(join(dir, name)), "index keys after the rerun").to.deep.equal(keyBefore);
    const holders = await readHolderFiles(join(dir, name, "credentials"));
    const indexOf = new Map(holders.map((h) => [h.id, h.credential.credentialStatus.batchIndex]));
    for (const { id, index } of stagedIndexes) expect(indexOf.get(id), id).to.equal(index);
    // Batches 1 and 2 were built by the rerun: their indexes come from the journaled key too.
    for (const batch of report.batches) {
      const permutation = batchPermutation(keyBefore[0]!, batch.batch, batch.count);
      const indexes = Array.from({ length: batch.count }, (_, row) =>
        indexOf.get(`S${100000 + batch.first + row}`),
      );
      expect(indexes, `batch ${batch.batch}`).to.deep.equal([...permutation]);
    }
    const firstBatch = [...batchPermutation(keyBefore[0]!, 0, 20)];
    expect(firstBatch, "input order").not.to.deep.equal(firstBatch.toSorted((a, b) => a - b));
  });

  it("rewrites the files a killed run wrote byte for byte: same key, same status lists", async () => {
    const name = "same-files";
    const out = join(dir, name);
    const eventsBefore = (await anchorEvents(reader, registry, issuer)).length;
    const killed = await issue(name, "files-halfway:1");
    expect(killed.signal, killed.stderr).to.equal("SIGKILL");
    const before = new Map<string, string>();
    for (const file of await readdir(join(out, "credentials"))) {
      before.set(file, await readFile(join(out, "credentials", file), "utf8"));
    }
    expect(before.size, "files of batch 0 and half of batch 1").to.be.at.least(30);
    const [key] = await indexKeys(out);

    const finished = await issue(name);
    expect(finished.code, finished.stderr).to.equal(0);
    const report = JSON.parse(finished.stdout) as IssueReport;
    await expectOneAnchorPerRoot(report, eventsBefore);
    await expectEveryHolderOnce(out);
    for (const [file, text] of before) {
      const again = await readFile(join(out, "credentials", file), "utf8");
      expect(again, file).to.equal(text);
    }
    const holders = await readHolderFiles(join(out, "credentials"));
    for (const { id, credential } of holders) {
      const batch = Math.floor((Number(id.slice(1)) - 100000) / BATCH_SIZE);
      const url = statusListUrl(STATUS_BASE, key!, batch);
      expect(credential.credentialStatus.statusListCredential, id).to.equal(url);
      expect(report.batches[batch]!.statusListCredential).to.equal(url);
    }
  });

  it("survives a kill at every stage in one run, resumed each time", async () => {
    await crashThenFinish("many-kills", [
      "built:0",
      "manifest-stored:1",
      "anchor-sent:1",
      "files-halfway:0",
      "files-written:2",
    ]);
  });
});
