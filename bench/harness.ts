// The benchmark harness: every bench/*.bench.ts module registers figures here; run.ts prints them
// as one table or as JSON. Timings are medians over several runs after a warm-up; gas figures are
// deterministic and recorded once. Nothing in the test suite depends on timing.
import os from "node:os";

/** A budget bound from DESIGN.md: the figure must be at most `max` or at least `min`. */
export interface Budget {
  max?: number;
  min?: number;
}

/** One measured figure, exactly as `npm run bench -- --json` prints it. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  budget: Budget | null;
  runs: number;
  min: number;
  max: number;
}

export interface BenchReport {
  machine: Record<string, string | number>;
  quick: boolean;
  figures: Figure[];
}

export interface BenchContext {
  /** `--quick`: smaller workloads and fewer runs, for a run under two minutes. */
  quick: boolean;
  /** Records a deterministic figure (gas, counts): one run. */
  record(name: string, value: number, unit: string, budget?: Budget): void;
  /**
   * Times `fn` (warm-up, then `runs` runs) and records the median of what `fn` returns, or of
   * its wall time in seconds when it returns nothing.
   */
  measure(
    name: string,
    unit: string,
    fn: () => Promise<number | undefined> | number | undefined,
    options?: { runs?: number; warmup?: number; budget?: Budget },
  ): Promise<Figure>;
  /** Prints a progress line to stderr (stdout is kept for the table or the JSON). */
  log(message: string): void;
}

/** A benchmark module: bench/<area>.bench.ts default-exports one. */
export interface BenchModule {
  name: string;
  run(ctx: BenchContext): Promise<void>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function withinBudget(figure: Figure): boolean | null {
  if (figure.budget === null) return null;
  if (figure.budget.max !== undefined && figure.value > figure.budget.max) return false;
  if (figure.budget.min !== undefined && figure.value < figure.budget.min) return false;
  return true;
}

export function createContext(quick: boolean, figures: Figure[]): BenchContext {
  return {
    quick,
    record(name, value, unit, budget) {
      figures.push({ name, value, unit, budget: budget ?? null, runs: 1, min: value, max: value });
    },
    async measure(name, unit, fn, options = {}) {
      const runs = options.runs ?? (quick ? 3 : 5);
      const warmup = options.warmup ?? 1;
      for (let i = 0; i < warmup; i++) await fn();
      const values: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        const result = await fn();
        values.push(typeof result === "number" ? result : (performance.now() - start) / 1000);
      }
      const figure: Figure = {
        name,
        value: median(values),
        unit,
        budget: options.budget ?? null,
        runs,
        min: Math.min(...values),
        max: Math.max(...values),
      };
      figures.push(figure);
      return figure;
    },
    log(message) {
      process.stderr.write(`bench: ${message}\n`);
    },
  };
}

export function describeMachine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    date: new Date().toISOString(),
  };
}
