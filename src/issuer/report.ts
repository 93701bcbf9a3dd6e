// The summary of a batch run: one type, written as <out>/report.json exactly, and as a few lines
// for people (<out>/report.txt and the CLI).
import type { Address, Hex } from "viem";

/** The phases of a run, timed and shown in order. */
export type IssuePhase = "validate" | "build" | "tree" | "manifest" | "anchor" | "files";
export const ISSUE_PHASES: readonly IssuePhase[] = [
  "validate",
  "build",
  "tree",
  "manifest",
  "anchor",
  "files",
];

export interface BatchReport {
  batch: number;
  /** Position of the batch's first credential among the valid rows. */
  first: number;
  count: number;
  root: Hex;
  /** Gas the anchor transaction was estimated to use (decimal). */
  estimatedGas?: string;
  /** Gas price when estimated, in wei (decimal). */
  gasPrice?: string;
  manifestCid?: string;
  status?: "anchored" | "already-anchored";
  txHash?: Hex;
  blockNumber?: number;
  /** Gas the anchor transaction paid (decimal); absent when another attempt anchored it. */
  gasUsed?: string;
  /** The URL the batch's credentials name for their status list: publish it there. */
  statusListCredential?: string;
}

/** The issuer's signing key and where it stands on chain (a dry run: before it would act). */
export interface SigningKeyReport {
  /** The credentials' issuer.id. */
  didKey: string;
  /** The raw Ed25519 public key, as the registry records it. */
  publicKey: Hex;
  /**
   * declared: usable; to-declare: the run declares it first (it signs as the issuer account);
   * undeclared: an operator signs and the issuer has not declared it (the run stops); retired.
   */
  state: "declared" | "to-declare" | "undeclared" | "retired";
  /** The transaction by which this run declared the key. */
  declaredIn?: Hex;
}

export interface IssueReport {
  dryRun: boolean;
  /** True when this run carried on from a journaled run that had stopped. */
  resumed: boolean;
  /**
   * Set (true) only on what a rerun of a completed run returns: the recorded report, as that run
   * finished it; the rerun itself sent no transaction and wrote nothing.
   */
  alreadyIssued?: boolean;
  input: {
    file: string;
    sha256: Hex;
    rows: number;
    issued: number;
    rejected: number;
    rejectsFile?: string;
  };
  chain: { chainId: string; registry: Address; issuer: Address; signer: Address };
  credentialType: string;
  credentialTypeId: Hex;
  signingKey: SigningKeyReport;
  /** The folder URL of the batches' status lists (`credanchor status publish` writes them). */
  statusBase: string;
  batches: BatchReport[];
  output?: {
    directory: string;
    /** Folder of the holder files. */
    credentials: string;
    /** Holder files written (two per credential). */
    files: number;
    journal: string;
  };
  /** Totals over the batches, decimal. */
  gas: { estimated: string; used: string };
  /** Seconds spent in each phase by this run, and in all. */
  timings: Partial<Record<IssuePhase | "total", number>>;
  startedAt: string;
  finishedAt: string;
}

const count = (n: number) => n.toLocaleString("en-US");
const seconds = (s: number) => (s < 10 ? s.toFixed(2) : s.toFixed(1));

/** A few lines a registrar reads after a run. */
export function formatIssueReport(report: IssueReport): string {
  const { input, chain } = report;
  const credentials = `${count(input.issued)} ${report.credentialType} credential${input.issued === 1 ? "" : "s"} from ${input.file} in ${report.batches.length} batch${report.batches.length === 1 ? "" : "es"}`;
  const first = report.alreadyIssued
    ? `Nothing to do: all ${credentials} were already issued by a run that finished at ${report.finishedAt}; nothing was sent or written now.`
    : `${report.dryRun ? "Would issue" : "Issued"} ${credentials}${report.timings.total === undefined ? "" : ` (${seconds(report.timings.total)} s${report.resumed ? ", resumed" : ""})`}.`;
  const lines = [
    first,
    `  chain ${chain.chainId}, registry ${chain.registry}, issuer ${chain.issuer}${chain.signer.toLowerCase() === chain.issuer.toLowerCase() ? "" : ` (signed by operator ${chain.signer})`}`,
    `  signed by ${report.signingKey.didKey}: ${keyLine(report)}`,
  ];
  for (const b of report.batches) {
    const gas =
      b.gasUsed !== undefined
        ? `gas ${count(Number(b.gasUsed))}`
        : b.estimatedGas !== undefined
          ? `estimated gas ${count(Number(b.estimatedGas))}`
          : "";
    const tx =
      b.txHash === undefined
        ? ""
        : `, tx ${b.txHash} (block ${b.blockNumber}${b.status === "already-anchored" ? ", anchored by an earlier attempt" : ""})`;
    lines.push(
      `  batch ${b.batch}: ${count(b.count)} credential${b.count === 1 ? "" : "s"}, root ${b.root}${b.manifestCid ? `, manifest ${b.manifestCid}` : ""}${tx}${gas ? `, ${gas}` : ""}`,
    );
  }
  if (report.output !== undefined) {
    lines.push(
      `  holder files: ${report.output.credentials} (${count(report.output.files)} files <id>.credential.json, one per holder, with the key to its encrypted copy: send each to its holder only)`,
      `  journal: ${report.output.journal}`,
      `  access: ${report.output.directory} and everything in it are readable by this account only (folders 0700, files 0600): it holds every graduate's full credential and every key`,
    );
  }
  if (input.rejected > 0) {
    lines.push(
      `  rejected: ${count(input.rejected)} row${input.rejected === 1 ? "" : "s"}${input.rejectsFile ? `, listed in ${input.rejectsFile}` : ""}`,
    );
  }
  lines.push(
    `  status lists: under ${report.statusBase}; run \`credanchor status publish\` on the holder files and host what it writes there`,
  );
  const phases = ISSUE_PHASES.filter((phase) => report.timings[phase] !== undefined).map(
    (phase) => `${phase} ${seconds(report.timings[phase]!)} s`,
  );
  if (phases.length > 0) lines.push(`  timings: ${phases.join(", ")}`);
  return lines.join("\n");
}

function keyLine(report: IssueReport): string {
  const { state, declaredIn } = report.signingKey;
  const wouldOrDid = report.dryRun ? "would be" : "was";
  switch (state) {
    case "declared":
      return declaredIn === undefined
        ? "declared on chain by the issuer"
        : `declared on chain by this run (tx ${declaredIn})`;
    case "to-declare":
      return `not declared yet: it ${wouldOrDid} declared by the issuer account first (one transaction)`;
    case "undeclared":
      return "not declared, and an operator cannot declare it: the run would stop before anchoring (the issuer runs `credanchor signing-key declare`)";
    case "retired":
      return "retired: the run would stop before anchoring (set and declare a new key)";
  }
}
