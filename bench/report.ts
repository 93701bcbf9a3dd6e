// Renders a benchmark report as BENCHMARKS.md (every figure with its budget, the peers side by
// side with ratios) and as an SVG chart of anchoring cost per credential against batch size.
import { type BenchReport, type Figure, withinBudget } from "./harness.ts";

/** Ours against what users would pick instead, same workload, same chain, same run. */
const COMPARISONS: Array<{ what: string; ours: string; theirs: Array<[string, string]> }> = [
  {
    what: "anchor one batch (gas)",
    ours: "anchor.gas",
    theirs: [
      ["OpenAttestation DocumentStore issue", "peer.documentStore.issue.gas"],
      ["EAS timestamp (binds no issuer)", "peer.eas.timestamp.gas"],
      ["EAS attest (one credential)", "peer.eas.attest.gas"],
    ],
  },
  {
    what: "revoke one credential (gas)",
    ours: "revoke.one.gas",
    theirs: [
      ["DocumentStore revoke", "peer.documentStore.revoke.gas"],
      ["EAS revoke", "peer.eas.revoke.gas"],
    ],
  },
  {
    what: "bulk revoke, per credential (gas)",
    ours: "revoke.bulk1000of10000.gasPerCredential",
    theirs: [
      ["DocumentStore bulkRevoke", "peer.documentStore.bulkRevoke1000.gasPerCredential"],
      ["EAS multiRevoke", "peer.eas.multiRevoke1000.gasPerCredential"],
    ],
  },
  {
    what: "verification reads per credential (eth_call)",
    ours: "verify.ethCalls",
    theirs: [
      ["DocumentStore (oa-verify)", "peer.documentStore.verify.ethCalls"],
      ["EAS getAttestation", "peer.eas.verify.ethCalls"],
    ],
  },
  {
    what: "Merkle tree + all proofs, 100,000 leaves (s)",
    ours: "merkle.100k.rootAndProofs.s",
    theirs: [
      ["@openzeppelin/merkle-tree", "merkle.100k.openzeppelin.s"],
      ["merkletreejs", "merkle.100k.merkletreejs.s"],
    ],
  },
  {
    what: "Merkle tree + all proofs, 10,000 leaves (s)",
    ours: "merkle.10k.rootAndProofs.s",
    theirs: [
      ["@openzeppelin/merkle-tree", "merkle.10k.openzeppelin.s"],
      ["merkletreejs", "merkle.10k.merkletreejs.s"],
    ],
  },
];

const BATCH_SIZES = [10, 1_000, 100_000, 1_000_000];

export function fmt(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString("en-US");
  return n.toLocaleString("en-US", { maximumSignificantDigits: 4 });
}

export function renderMarkdown(report: BenchReport, chartPath: string | null): string {
  const byName = new Map(report.figures.map((f) => [f.name, f]));
  const machine = Object.entries(report.machine)
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ");
  const lines: string[] = [
    "# Benchmarks",
    "",
    "Written by `npm run bench -- --write` (the whole table below comes from one run on one machine;",
    "timings are medians after a warm-up, with min and max; gas is deterministic). Budgets are the",
    "project's performance budgets; `within` or `OVER` says how this run did.",
    "",
    `Machine: ${machine}${report.quick ? " — quick mode (smaller workloads)" : ""}.`,
    "",
    "## Budgeted figures",
    "",
    "| figure | median | unit | budget | | min .. max (runs) |",
    "|---|---:|---|---|---|---|",
  ];
  const row = (f: Figure) => {
    const ok = withinBudget(f);
    const budget =
      f.budget === null
        ? ""
        : f.budget.max !== undefined
          ? `≤ ${fmt(f.budget.max)}`
          : `≥ ${fmt(f.budget.min!)}`;
    const range = f.runs > 1 ? `${fmt(f.min)} .. ${fmt(f.max)} (${f.runs})` : "";
    return `| \`${f.name}\` | ${fmt(f.value)} | ${f.unit} | ${budget} | ${ok === null ? "" : ok ? "within" : "**OVER**"} | ${range} |`;
  };
  for (const f of report.figures.filter((x) => x.budget !== null)) lines.push(row(f));

  lines.push(
    "",
    "## Side by side with the alternatives",
    "",
    "| workload | credanchor | alternative | theirs | theirs / ours |",
    "|---|---:|---|---:|---:|",
  );
  for (const c of COMPARISONS) {
    const ours = byName.get(c.ours);
    if (ours === undefined) continue;
    for (const [label, name] of c.theirs) {
      const theirs = byName.get(name);
      if (theirs === undefined) continue;
      lines.push(
        `| ${c.what} | ${fmt(ours.value)} | ${label} | ${fmt(theirs.value)} | ${fmt(theirs.value / ours.value)}x |`,
      );
    }
  }

  const perCredential = anchorCostPerCredential(byName);
  if (perCredential.length > 0) {
    lines.push("", "## Cost per credential falls with batch size", "");
    if (chartPath !== null)
      lines.push(`![anchoring gas per credential against batch size](${chartPath})`, "");
    lines.push("| batch size | anchor gas | gas per credential |", "|---:|---:|---:|");
    for (const p of perCredential)
      lines.push(`| ${fmt(p.size)} | ${fmt(p.gas)} | ${fmt(p.gas / p.size)} |`);
  }

  const pipeline = (
    [
      ["1,000", 1_000, "pipeline.scaling.1k.s"],
      ["10,000", 10_000, "pipeline.scaling.10k.s"],
      ["100,000", 100_000, "pipeline.100k.s"],
    ] as const
  ).flatMap(([label, rows, name]) => {
    const f = byName.get(name);
    return f === undefined ? [] : [{ label, rows, seconds: f.value }];
  });
  if (pipeline.length > 1) {
    lines.push(
      "",
      "## Pipeline time grows linearly with rows",
      "",
      "| rows | seconds (CSV to anchored, stored, per-holder files) | ms per credential |",
      "|---:|---:|---:|",
    );
    for (const p of pipeline) {
      lines.push(`| ${p.label} | ${fmt(p.seconds)} | ${fmt((1000 * p.seconds) / p.rows)} |`);
    }
    lines.push(
      "",
      "Verification reads stay flat as batches grow: one `eth_call` per credential, and one per",
      "batch group for `verifyMany` (`verify.1000.ethCalls`).",
    );
  }

  lines.push(
    "",
    "## Every figure",
    "",
    "| figure | median | unit | budget | | min .. max (runs) |",
    "|---|---:|---|---|---|---|",
  );
  for (const f of report.figures) lines.push(row(f));
  return `${lines.join("\n")}\n`;
}

function anchorCostPerCredential(
  byName: Map<string, Figure>,
): Array<{ size: number; gas: number }> {
  return BATCH_SIZES.flatMap((size) => {
    const f = byName.get(`anchor.${size}.gas`);
    return f === undefined ? [] : [{ size, gas: f.value }];
  });
}

/** A log-log chart: gas per credential for our batch anchor, against EAS's per-credential attest. */
export function renderChart(report: BenchReport): string | null {
  const byName = new Map(report.figures.map((f) => [f.name, f]));
  const ours = anchorCostPerCredential(byName).map((p) => ({ x: p.size, y: p.gas / p.size }));
  if (ours.length < 2) return null;
  const series: Array<{ label: string; color: string; points: Array<{ x: number; y: number }> }> = [
    { label: "credanchor: one anchor per batch", color: "#1f77b4", points: ours },
  ];
  const attest = byName.get("peer.eas.attest.gas");
  if (attest !== undefined) {
    series.push({
      label: "EAS: one attestation per credential",
      color: "#d62728",
      points: ours.map((p) => ({ x: p.x, y: attest.value })),
    });
  }
  const W = 640;
  const H = 360;
  const m = { left: 70, right: 40, top: 30, bottom: 50 };
  const xs = ours.map((p) => Math.log10(p.x));
  const allY = series.flatMap((s) => s.points.map((p) => Math.log10(p.y)));
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.floor(Math.min(...allY)), Math.ceil(Math.max(...allY))];
  const px = (x: number) => m.left + ((Math.log10(x) - x0) / (x1 - x0)) * (W - m.left - m.right);
  const py = (y: number) =>
    H - m.bottom - ((Math.log10(y) - y0) / (y1 - y0)) * (H - m.top - m.bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    "<title>Anchoring gas per credential against batch size: credanchor anchors a whole batch, EAS attests each credential</title>",
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="14">Anchoring gas per credential (log-log)</text>`,
  ];
  for (let e = y0; e <= y1; e++) {
    const y = py(10 ** e);
    out.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${y}" y2="${y}" stroke="#ddd"/>`);
    out.push(`<text x="${m.left - 6}" y="${y + 4}" text-anchor="end">${fmt(10 ** e)}</text>`);
  }
  for (const p of ours) {
    const x = px(p.x);
    out.push(`<line x1="${x}" x2="${x}" y1="${m.top}" y2="${H - m.bottom}" stroke="#eee"/>`);
    out.push(`<text x="${x}" y="${H - m.bottom + 16}" text-anchor="middle">${fmt(p.x)}</text>`);
  }
  out.push(`<text x="${W / 2}" y="${H - 12}" text-anchor="middle">credentials in the batch</text>`);
  series.forEach((s, i) => {
    const d = s.points
      .map((p, j) => `${j === 0 ? "M" : "L"}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`)
      .join(" ");
    out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    for (const p of s.points)
      out.push(
        `<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3" fill="${s.color}"/>`,
      );
    out.push(
      `<text x="${m.left + 12}" y="${H - m.bottom - 36 + i * 16}" fill="${s.color}">${s.label}</text>`,
    );
  });
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
