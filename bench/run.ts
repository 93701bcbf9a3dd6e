// `npm run bench [-- --json] [-- --quick] [-- --only <substring>] [-- --write]`: runs every
// bench/*.bench.ts module in name order and prints one table (or the JSON report on stdout);
// --write also records the run in BENCHMARKS.md and docs/cost-per-credential.svg.
import { readdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import {
  type BenchModule,
  type BenchReport,
  createContext,
  describeMachine,
  type Figure,
  withinBudget,
} from "./harness.ts";
import { renderChart, renderMarkdown } from "./report.ts";

const args = process.argv.slice(2);
const json = args.includes("--json");
const write = args.includes("--write");
const quick = args.includes("--quick");
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;

const dir = fileURLToPath(new URL(".", import.meta.url));
const files = (await readdir(dir)).filter((f) => f.endsWith(".bench.ts")).sort();
const figures: Figure[] = [];
const ctx = createContext(quick, figures);

for (const file of files) {
  if (only !== undefined && !file.includes(only)) continue;
  const module = (await import(new URL(file, import.meta.url).href)).default as BenchModule;
  ctx.log(`${module.name} ...`);
  const started = performance.now();
  await module.run(ctx);
  ctx.log(`${module.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const report: BenchReport = { machine: describeMachine(), quick, figures };
if (json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  process.stdout.write(`${formatTable(report)}\n`);
}
if (write) {
  const root = new URL("..", import.meta.url);
  const chart = renderChart(report);
  if (chart !== null) await writeFile(new URL("docs/cost-per-credential.svg", root), chart);
  await writeFile(
    new URL("BENCHMARKS.md", root),
    renderMarkdown(report, chart === null ? null : "docs/cost-per-credential.svg"),
  );
  ctx.log("wrote BENCHMARKS.md");
}
process.exit(0);

function formatTable(r: BenchReport): string {
  const fmt = (n: number) =>
    Number.isInteger(n)
      ? n.toLocaleString("en-US")
      : n.toLocaleString("en-US", { maximumSignificantDigits: 4 });
  const rows = r.figures.map((f) => {
    const ok = withinBudget(f);
    const budget =
      f.budget === null
        ? ""
        : f.budget.max !== undefined
          ? `<= ${fmt(f.budget.max)}`
          : `>= ${fmt(f.budget.min!)}`;
    const range = f.runs > 1 ? `${fmt(f.min)} .. ${fmt(f.max)} (${f.runs} runs)` : "";
    return [f.name, fmt(f.value), f.unit, budget, ok === null ? "" : ok ? "within" : "OVER", range];
  });
  const header = ["figure", "median", "unit", "budget", "", "min .. max"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  const machine = Object.entries(r.machine)
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ");
  return [
    `machine: ${machine}${r.quick ? " (quick)" : ""}`,
    "",
    line(header),
    ...rows.map(line),
  ].join("\n");
}
