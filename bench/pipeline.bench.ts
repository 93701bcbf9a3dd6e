// The whole issuer pipeline on the embedded defaults: a CSV of 100,000 graduates (10,000 with
// --quick), generated into a temp folder, through validation, building and sealing on worker
// threads, the embedded Helia node on disk, the tree, the manifest, one anchor on the in-process
// chain, and 100,000 holder files. Each run gets a fresh output folder and a fresh IPFS folder.
// Budget (DESIGN.md): 100,000 rows in at most 60 s on our 2 cores; the time of each stage is
// recorded beside it (medians over the same runs).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  custom,
  type EIP1193Provider,
  type PublicClient,
} from "viem";
import { hardhat } from "viem/chains";
import { type IssuePhase, type IssueReport, issueCredentials } from "../src/issuer/index.ts";
import { createEmbeddedStore } from "../src/storage/embeddedStore.ts";
import { type BenchModule, median } from "./harness.ts";
import { benchChain } from "./lib/chain.ts";

const COLUMNS = [
  "id",
  "holderName",
  "identifiers[0].identityType",
  "identifiers[0].value",
  "achievement.name",
  "achievement.description",
  "achievement.criteria",
  "achievement.achievementType",
  "achievement.fieldOfStudy",
  "validFrom",
  "results[0].name",
  "results[0].value",
  "creditsEarned",
  "term",
];
const PROGRAMMES = ["Computer Science", "History", "Civil Engineering", "Biology", "Economics"];
const STAGES: IssuePhase[] = ["validate", "build", "tree", "manifest", "anchor", "files"];

/** A registrar's export of `rows` graduates, header = record field paths. */
function graduatesCsv(rows: number): string {
  const lines = [COLUMNS.join(",")];
  for (let i = 0; i < rows; i++) {
    const programme = PROGRAMMES[i % PROGRAMMES.length]!;
    lines.push(
      [
        `S${1_000_000 + i}`,
        `Graduate ${i} Example`,
        "sisSourcedId",
        `S${1_000_000 + i}`,
        `"BSc ${programme}"`,
        `"Awarded on completion of the three-year programme in ${programme}."`,
        '"Earn 180 ECTS credits, including a final-year dissertation."',
        "BachelorDegree",
        programme,
        `2025-07-${String(1 + (i % 28)).padStart(2, "0")}`,
        "Classification",
        ["First class", "Upper second class", "Lower second class"][i % 3],
        "180",
        "2024/25",
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The issuer's Ed25519 seed for the bench: every holder file is signed, as in production. */
const BENCH_SIGNING_SEED = new Uint8Array(32).fill(42);

const bench: BenchModule = {
  name: "pipeline",
  async run(ctx) {
    const rows = ctx.quick ? 10_000 : 100_000;
    const prefix = ctx.quick ? "pipeline.10k" : "pipeline.100k";
    const connection = await benchChain();
    const provider = connection.provider as unknown as EIP1193Provider;
    const [governance, university] = await connection.ethers.getSigners();
    const accreditation = await connection.ethers.deployContract("AccreditationRegistry", [
      0,
      governance!.address,
    ]);
    const registry = await connection.ethers.deployContract("CredentialRegistry", [
      await accreditation.getAddress(),
    ]);
    const reader = createPublicClient({ chain: hardhat, transport: custom(provider) });
    const writer = {
      wallet: createWalletClient({
        account: university!.address as Address,
        chain: hardhat,
        transport: custom(provider),
      }),
      reader: reader as PublicClient,
    };

    const dir = await mkdtemp(join(tmpdir(), "credanchor-bench-pipeline-"));
    const reports: IssueReport[] = [];
    let run = 0;
    /** One whole run over `input` in a fresh output folder and IPFS node; its wall time. */
    const issueOnce = async (input: string): Promise<{ seconds: number; report: IssueReport }> => {
      const runDir = join(dir, `run-${run++}`);
      const store = await createEmbeddedStore({ directory: join(runDir, "ipfs") });
      try {
        const started = performance.now();
        const report = await issueCredentials({
          input,
          outDir: join(runDir, "out"),
          credentialType: "BachelorDegree",
          issuerProfile: { name: "Bench University", url: "https://bench-university.example" },
          chainId: hardhat.id,
          registry: (await registry.getAddress()) as Address,
          writer,
          store,
          // A fixed bench key, declared by the pipeline on the first run (one transaction).
          signingSeed: BENCH_SIGNING_SEED,
          // As `credanchor issue` does on the embedded node, which never collects garbage.
          pinBodies: false,
        });
        return { seconds: (performance.now() - started) / 1000, report };
      } finally {
        await store.close();
        await rm(runDir, { recursive: true, force: true });
      }
    };
    try {
      const input = join(dir, "graduates.csv");
      await writeFile(input, graduatesCsv(rows));
      await ctx.measure(
        `${prefix}.s`,
        "s",
        async () => {
          const { seconds, report } = await issueOnce(input);
          reports.push(report);
          ctx.log(
            `${prefix}: ${seconds.toFixed(1)} s (${STAGES.map((s) => `${s} ${report.timings[s]?.toFixed(1)}`).join(", ")})`,
          );
          return seconds;
        },
        { runs: 3, warmup: ctx.quick ? 1 : 0, budget: ctx.quick ? undefined : { max: 60 } },
      );
      if (!ctx.quick) {
        // Scaling: the same pipeline at smaller sizes, one run each, to show time grows linearly.
        for (const [label, n] of [
          ["1k", 1_000],
          ["10k", 10_000],
        ] as const) {
          const small = join(dir, `graduates-${label}.csv`);
          await writeFile(small, graduatesCsv(n));
          const { seconds } = await issueOnce(small);
          ctx.record(`pipeline.scaling.${label}.s`, seconds, "s");
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const measured = reports.slice(ctx.quick ? 1 : 0);
    for (const stage of STAGES) {
      ctx.record(`${prefix}.${stage}.s`, median(measured.map((r) => r.timings[stage] ?? 0)), "s");
    }
  },
};

export default bench;
