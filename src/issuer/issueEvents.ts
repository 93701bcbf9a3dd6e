// What a run tells its caller as it goes: a phase starting, progress within it, rejected rows, gas
// estimates, anchors, the signing key declared, and named checkpoints (where a crash test stops
// the process).
// The SDK never prints: the CLI turns these into a progress bar and lines on stderr.
import type { Hex } from "viem";
import type { AnchorOutcome } from "./anchorRoot.ts";
import type { RowProblem } from "./errors.ts";
import type { IssuePhase } from "./report.ts";

/** Named points of a run, in order; a test hook can stop the process at any of them. */
export type Checkpoint =
  | "validated"
  | "built"
  | "manifest-stored"
  | "anchor-sent"
  | "anchored"
  | "files-halfway"
  | "files-written"
  | "completed";

export type IssueEvent =
  | { type: "phase"; phase: IssuePhase; batch?: number; total?: number }
  | { type: "progress"; phase: IssuePhase; done: number; total?: number }
  | { type: "resumed"; journal: string; steps: number }
  /** Rows left out (--skip-invalid), each with its problems, and the file listing them. */
  | { type: "rows-rejected"; problems: readonly RowProblem[]; rejectsFile: string }
  | { type: "estimate"; batch: number; gas: bigint; gasPrice: bigint }
  | ({ type: "anchored"; batch: number; root: Hex } & AnchorOutcome)
  | { type: "signing-key-declared"; didKey: string; txHash: Hex; blockNumber: bigint }
  | { type: "checkpoint"; checkpoint: Checkpoint; batch?: number };
