// Seconds per phase of one run, for the report: a nested phase's time (the tree, built while the
// batches are built) is taken out of its parent's, so the phases add up to the total.
import type { IssuePhase, IssueReport } from "./report.ts";

type Timed = Omit<IssueReport, "timings" | "startedAt" | "finishedAt">;

export class RunClock {
  private readonly started = performance.now();
  private readonly startedAt = new Date().toISOString();
  private readonly timings: Partial<Record<IssuePhase | "total", number>> = {};

  async time<T>(phase: IssuePhase, fn: () => Promise<T>, within?: IssuePhase): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      const s = (performance.now() - t0) / 1000;
      this.timings[phase] = (this.timings[phase] ?? 0) + s;
      if (within !== undefined) this.timings[within] = (this.timings[within] ?? 0) - s;
    }
  }

  finish(report: Timed): IssueReport {
    this.timings.total = (performance.now() - this.started) / 1000;
    const timings: IssueReport["timings"] = {};
    for (const [phase, s] of Object.entries(this.timings)) {
      timings[phase as IssuePhase] = Math.round(s * 1000) / 1000;
    }
    return { ...report, timings, startedAt: this.startedAt, finishedAt: new Date().toISOString() };
  }
}
