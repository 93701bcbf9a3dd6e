// The batch pipeline, one path through its steps, each journaled before the next starts:
//   validate every row -> build (credentials, sealed bodies stored, staging kept, tree) ->
//   manifest -> estimate gas -> anchor -> holder files (signed) -> report.
// Options are settled once into a frozen plan (issuePlan.ts) that every step reads. A dry run is
// the same steps with null sinks (issueRun.ts): a journal in memory, no store, no transaction, no
// output folder; only its rejects file is written. Credentials are format v2, issued by the
// did:key of the issuer's Ed25519 key, which the issuer account declares before anything is
// anchored (signingKeyCheck.ts).
// Rerunning the same command after a kill at any point resumes from the journal: built batches
// are read back (never rebuilt, so their roots stay the same), a root is anchored at most once
// (the journal knows, and the registry refuses a second anchor anyway), and holder files are
// rewritten whole through renames. The output folder is its owner's only (outputFolder.ts).
import { putManifest } from "../recovery/batchManifest.ts";
import type { ContentStore } from "../storage/contentStore.ts";
import { finishReport } from "./assembleReport.ts";
import { anchorStep, buildStep, holderFilesStep, manifestStep } from "./batchSteps.ts";
import { BatchTrees } from "./batchTrees.ts";
import { InputFileError, InputRowsInvalidError, IssueOptionError } from "./errors.ts";
import { inputSize } from "./inputFile.ts";
import type { IssueEvent } from "./issueEvents.ts";
import {
  fingerprintOf,
  type IssueCredentialsOptions,
  type IssuePlan,
  planBatches,
  resolveIssuePlan,
} from "./issuePlan.ts";
import { IssueRun, type IssueSinks } from "./issueRun.ts";
import { Journal } from "./journal.ts";
import { type OpenedOutput, openOutput } from "./outputFolder.ts";
import { writeRejects } from "./rejects.ts";
import type { IssueReport } from "./report.ts";
import { RunClock } from "./runClock.ts";
import { type SigningKeyState, settleSigningKey } from "./signingKeyCheck.ts";
import { type ValidatedInput, validateInput } from "./validateInput.ts";

export type { Checkpoint, IssueEvent } from "./issueEvents.ts";
export {
  DEFAULT_BATCH_SIZE,
  type IssueCredentialsOptions,
  planBatches,
} from "./issuePlan.ts";
export { CREDENTIALS_DIR, REPORT_FILE, REPORT_TEXT_FILE, STAGING_DIR } from "./outputFolder.ts";

export async function issueCredentials(options: IssueCredentialsOptions): Promise<IssueReport> {
  const clock = new RunClock();
  const emit = options.onEvent ?? (() => {});
  const plan = resolveIssuePlan(options);
  if (options.store === undefined && !plan.dryRun) {
    throw new IssueOptionError("store", "is required to issue (only a dry run goes without one)");
  }
  const input = await validate(plan, clock, emit);
  const batches = planBatches(input.valid, plan.batchSize);
  if (plan.dryRun) {
    const sinks = nullSinks();
    const trees = new BatchTrees(sinks.journal, undefined, clock);
    return runSteps(new IssueRun(plan, input, batches, sinks, trees, clock, emit), false);
  }
  const output = await openOutput(plan.outDir, plan.input.file, fingerprintOf(plan, input));
  let opened: ContentStore | undefined;
  try {
    if (output.completed !== undefined) return { ...output.completed, alreadyIssued: true };
    if (output.resumed) {
      emit({
        type: "resumed",
        journal: output.journal.file!,
        steps: output.journal.entries.length,
      });
    }
    if (typeof options.store === "function") opened = await options.store(plan.outDir);
    const store = opened ?? (options.store as ContentStore);
    const sinks = outputSinks(plan, output, store);
    const trees = new BatchTrees(sinks.journal, output.dirs.stagingDir, clock);
    const run = new IssueRun(plan, input, batches, sinks, trees, clock, emit);
    return await runSteps(run, output.resumed);
  } finally {
    await opened?.close();
    await output.journal.close();
    await output.lock.release();
  }
}

/** Reads every row once; stops on a bad row unless rejects are listed, and on no valid row. */
async function validate(
  plan: IssuePlan,
  clock: RunClock,
  emit: (event: IssueEvent) => void,
): Promise<ValidatedInput> {
  const source = plan.input;
  await inputSize(source.file);
  emit({ type: "phase", phase: "validate" });
  const validated = await clock.time("validate", () =>
    validateInput(source, plan.context, (rows) =>
      emit({ type: "progress", phase: "validate", done: rows }),
    ),
  );
  if (validated.problems.length > 0 && plan.rejectsFile === undefined) {
    throw new InputRowsInvalidError(source.file, validated.rows, validated.problems);
  }
  if (validated.valid === 0) {
    throw new InputFileError(
      "INPUT_EMPTY",
      source.file,
      validated.rows === 0 ? "has no rows to issue" : "has no valid row to issue",
      { rows: validated.rows },
    );
  }
  return validated;
}

/** The one path through the steps, for a run and a dry run alike. */
async function runSteps(run: IssueRun, resumed: boolean): Promise<IssueReport> {
  const { journal } = run;
  try {
    if (journal.find("validated") === undefined) {
      const { rows, valid, problems } = run.input;
      const rejectsFile = run.plan.rejectsFile;
      if (rejectsFile !== undefined) {
        await writeRejects(rejectsFile, run.plan.input, problems);
        if (problems.length > 0) run.emit({ type: "rows-rejected", problems, rejectsFile });
      }
      await journal.append({
        step: "validated",
        rows,
        valid,
        rejected: problems.length,
        batches: [...run.batches],
        ...(rejectsFile === undefined ? {} : { rejectsFile }),
      });
      run.checkpoint("validated");
    }
    let keyState: SigningKeyState = "declared";
    if (run.batches.some((b) => journal.find("anchored", b.batch) === undefined)) {
      keyState = await settleSigningKey(run);
    }
    await buildStep(run);
    for (const range of run.batches) {
      await anchorStep(run, range, await manifestStep(run, range));
    }
    for (const range of run.batches) await holderFilesStep(run, range);
    return await finishReport(run, resumed, keyState);
  } finally {
    await run.close();
  }
}

/** Where an issuing run writes: its output folder, the content store and the chain. */
function outputSinks(plan: IssuePlan, output: OpenedOutput, store: ContentStore): IssueSinks {
  return {
    journal: output.journal,
    bodies: { store, stagingDir: output.dirs.stagingDir, pinBodies: plan.pinBodies },
    manifests: async (manifest) => (await putManifest(store, manifest, { pin: true })).toString(),
    transactions: plan.writer,
    output: output.dirs,
  };
}

/** A dry run writes nowhere: its journal stays in memory for its report. */
function nullSinks(): IssueSinks {
  return {
    journal: Journal.inMemory(),
    bodies: undefined,
    manifests: undefined,
    transactions: undefined,
    output: undefined,
  };
}
