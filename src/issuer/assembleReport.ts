// The run's report, assembled from its journal (this run's entries and any earlier run's), so a
// resumed run reports every batch however many runs it took, and a dry run, whose journal is in
// memory, reports its estimates the same way. A run with an output folder writes the report there
// (report.json exactly the IssueReport type, report.txt for people) and journals its completion.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { toCaip2 } from "../values/index.ts";
import { writeFileAtomic } from "./atomicFile.ts";
import type { IssueRun } from "./issueRun.ts";
import { type BatchRange, JOURNAL_FILE, type Journal } from "./journal.ts";
import { REPORT_FILE, REPORT_TEXT_FILE } from "./outputFolder.ts";
import { type BatchReport, formatIssueReport, type IssueReport } from "./report.ts";
import type { SigningKeyState } from "./signingKeyCheck.ts";
import { statusListUrl } from "./statusListUrl.ts";

export async function finishReport(
  run: IssueRun,
  resumed: boolean,
  keyState: SigningKeyState,
): Promise<IssueReport> {
  const { plan, input, journal } = run;
  const batches = run.batches.map((range) => batchReport(journal, range, plan.statusBase));
  const sum = (pick: (b: BatchReport) => string | undefined) =>
    batches.reduce((n, b) => n + BigInt(pick(b) ?? "0"), 0n).toString();
  const declared = journal.find("signing-key-declared");
  const rejectsFile = journal.find("validated")?.rejectsFile;
  const report = run.clock.finish({
    dryRun: plan.dryRun,
    resumed,
    input: {
      file: plan.input.file,
      sha256: input.sha256,
      rows: input.rows,
      issued: input.valid,
      rejected: input.problems.length,
      ...(rejectsFile === undefined ? {} : { rejectsFile }),
    },
    chain: {
      chainId: toCaip2(plan.context.chainId),
      registry: plan.context.registryAddress,
      issuer: plan.context.issuerAddress,
      signer: plan.signer,
    },
    credentialType: plan.context.credentialType,
    credentialTypeId: plan.credentialTypeId,
    signingKey: {
      didKey: plan.key.didKey,
      publicKey: plan.key.publicKey,
      state: keyState,
      ...(declared === undefined ? {} : { declaredIn: declared.txHash }),
    },
    statusBase: plan.statusBase,
    batches,
    ...outputReport(run),
    gas: { estimated: sum((b) => b.estimatedGas), used: sum((b) => b.gasUsed) },
  });
  const dirs = run.sinks.output;
  if (dirs === undefined) return report;
  await writeFileAtomic(join(dirs.outDir, REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`, {
    durable: true,
  });
  await writeFileAtomic(join(dirs.outDir, REPORT_TEXT_FILE), `${formatIssueReport(report)}\n`, {
    durable: true,
  });
  await journal.append({ step: "completed" });
  await rm(dirs.stagingDir, { recursive: true, force: true });
  run.checkpoint("completed");
  return report;
}

function outputReport(run: IssueRun): Pick<IssueReport, "output"> {
  const dirs = run.sinks.output;
  if (dirs === undefined) return {};
  const files = run.batches.reduce(
    (n, b) => n + (run.journal.find("files-written", b.batch)?.files ?? 0),
    0,
  );
  return {
    output: {
      directory: dirs.outDir,
      credentials: dirs.credentialsDir,
      files,
      journal: join(dirs.outDir, JOURNAL_FILE),
    },
  };
}

/** What the journal knows of one batch: its root, estimate, manifest and anchor. */
function batchReport(journal: Journal, range: BatchRange, statusBase: string): BatchReport {
  const built = journal.find("built", range.batch)!;
  const attempt = journal.find("anchoring", range.batch);
  const anchored = journal.find("anchored", range.batch);
  const manifest = journal.find("manifest-stored", range.batch);
  const report: BatchReport = {
    batch: range.batch,
    first: range.first,
    count: range.count,
    root: built.root,
  };
  if (attempt !== undefined) {
    report.estimatedGas = attempt.gas;
    if (attempt.gasPrice !== undefined) report.gasPrice = attempt.gasPrice;
  }
  if (manifest !== undefined) report.manifestCid = manifest.manifestCid;
  if (anchored !== undefined) {
    report.status = anchored.status;
    report.txHash = anchored.txHash;
    report.blockNumber = Number(anchored.blockNumber);
    if (anchored.gasUsed !== undefined) report.gasUsed = anchored.gasUsed;
  }
  report.statusListCredential = statusListUrl(
    statusBase,
    journal.find("index-key")!.key,
    range.batch,
  );
  return report;
}
