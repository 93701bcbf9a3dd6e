// One run in progress, as every step sees it: the settled plan, the validated input and its
// batches, the journal, where the run's writes go (its sinks), the batch trees, the clock, the
// caller's events and the worker threads. A dry run is the same run with null sinks: a journal in
// memory, and no store, no transactions, no output folder.
import type { RegistryWriter } from "../chain/index.ts";
import type { BatchManifest } from "../recovery/index.ts";
import type { BatchTrees } from "./batchTrees.ts";
import type { BodySink } from "./batchWriter.ts";
import type { Checkpoint, IssueEvent } from "./issueEvents.ts";
import type { IssuePlan } from "./issuePlan.ts";
import type { BatchRange, Journal } from "./journal.ts";
import type { OutputDirs } from "./outputFolder.ts";
import type { RunClock } from "./runClock.ts";
import type { ValidatedInput } from "./validateInput.ts";
import { createWorkerPool, type WorkerPool } from "./workerPool.ts";

/** Where a run's writes go; each absent sink is a write the run skips. */
export interface IssueSinks {
  /** Each step's record: on disk in the output folder, or in memory. */
  journal: Journal;
  /** Encrypted bodies and staging lines. */
  bodies: BodySink | undefined;
  /** Stores and pins a batch manifest; resolves to its CID. */
  manifests: ((manifest: BatchManifest) => Promise<string>) | undefined;
  /** Sends the run's transactions (declare the key, anchor); without it gas is only estimated. */
  transactions: RegistryWriter | undefined;
  /** Holder files, report.json and report.txt. */
  output: OutputDirs | undefined;
}

export class IssueRun {
  readonly plan: IssuePlan;
  readonly input: ValidatedInput;
  readonly batches: readonly BatchRange[];
  readonly sinks: IssueSinks;
  readonly trees: BatchTrees;
  readonly clock: RunClock;
  readonly emit: (event: IssueEvent) => void;
  private pool: WorkerPool | undefined;

  constructor(
    plan: IssuePlan,
    input: ValidatedInput,
    batches: readonly BatchRange[],
    sinks: IssueSinks,
    trees: BatchTrees,
    clock: RunClock,
    emit: (event: IssueEvent) => void,
  ) {
    this.plan = plan;
    this.input = input;
    this.batches = batches;
    this.sinks = sinks;
    this.trees = trees;
    this.clock = clock;
    this.emit = emit;
  }

  get journal(): Journal {
    return this.sinks.journal;
  }

  /** The worker threads, started on first use and kept for the rest of the run. */
  workers(): WorkerPool {
    this.pool ??= createWorkerPool(this.plan.context, this.plan.signingSeed, this.plan.threads);
    return this.pool;
  }

  checkpoint(checkpoint: Checkpoint, batch?: number): void {
    this.emit(
      batch === undefined
        ? { type: "checkpoint", checkpoint }
        : { type: "checkpoint", checkpoint, batch },
    );
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}
