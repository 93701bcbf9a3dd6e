// The batch pipeline, step by step, each step journaled before the next starts:
//   validate every row -> stage (build, seal, store bodies, keep staging) -> tree -> manifest ->
//   estimate gas -> anchor -> holder files (signed) -> report.
// Credentials are format v2: issued by the did:key of the issuer's Ed25519 key, which the issuer
// account must have declared on chain before anything is anchored (the pipeline declares it when
// it signs as the issuer account, and refuses an operator otherwise), and each batch names its
// status list under the status base.
// Rerunning the same command after a kill at any point resumes from the journal: staged batches
// are read back (never rebuilt, so their roots stay the same), a root is anchored at most once
// (the journal knows, and the registry refuses a second anchor anyway), and holder files are
// rewritten whole through renames. A batch's indexes are a random permutation whose key is
// journaled before staging, so a batch staged again gets the same indexes. The output folder is
// its owner's only. A dry run stops after the gas estimate and writes nothing.
import { chmod, mkdir, readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { bytesToHex } from "@noble/hashes/utils.js";
import { CID } from "multiformats/cid";
import { type Address, getAddress, type Hex } from "viem";
import type { AnchorRequest } from "../chain/anchorBatch.ts";
import { declareSigningKey, readSigningKey } from "../chain/index.ts";
import type { RegistryWriter } from "../chain/writer.ts";
import { credentialTypeId } from "../credential/credentialType.ts";
import { caip2ChainId } from "../credential/issuerId.ts";
import type { IssuanceContext } from "../credential/types.ts";
import { validateIssuanceContext } from "../credential/validateRecord.ts";
import { CredanchorError } from "../errors.ts";
import { buildMerkleTree } from "../merkle/buildTree.ts";
import type { MerkleTree } from "../merkle/tree.ts";
import { putManifest } from "../storage/batchManifest.ts";
import type { ContentStore } from "../storage/contentStore.ts";
import { type AnchorOutcome, anchorRoot, estimateAnchor } from "./anchorRoot.ts";
import { removeTemporaryFiles, writeFileAtomic } from "./atomicFile.ts";
import type { IssuerProfileInput, LoadedMapping } from "./columnMapping.ts";
import {
  InputFileError,
  InputRowsInvalidError,
  IssueOptionError,
  JournalError,
  StagingError,
} from "./errors.ts";
import { newIndexKey } from "./indexPermutation.ts";
import { inputSize } from "./inputFile.ts";
import { type IssuerKey, issuerKeyOf } from "./issuerKey.ts";
import {
  type BatchPlan,
  fingerprintDifferences,
  JOURNAL_FILE,
  JOURNAL_VERSION,
  Journal,
  type RunFingerprint,
} from "./journal.ts";
import { lockOutput } from "./outputLock.ts";
import { type InputFormat, inputFormatOf } from "./readRecords.ts";
import {
  type BatchReport,
  formatIssueReport,
  type IssueReport,
  type IssueStage,
  rejectsCsv,
  type SigningKeyReport,
} from "./report.ts";
import { digestsName, type StagedBatch, stageBatches } from "./stageBatches.ts";
import { resolveStatusBase, statusListUrl } from "./statusListUrl.ts";
import { type InputSource, validateInput } from "./validateInput.ts";
import { createWorkerPool, type WorkerPool } from "./workerPool.ts";
import { writeHolderFiles } from "./writeHolderFiles.ts";

/** Credentials per anchor unless --batch-size says otherwise. */
export const DEFAULT_BATCH_SIZE = 100_000;
/** The registry counts leaves in a uint32. */
const MAX_BATCH_SIZE = 2 ** 32 - 1;

/** Mode of the output folder and its subfolders: only the issuing account may list or enter them. */
const OWNER_ONLY_DIR = 0o700;

export const CREDENTIALS_DIR = "credentials";
export const STAGING_DIR = ".staging";
export const REPORT_FILE = "report.json";
export const REPORT_TEXT_FILE = "report.txt";

/** Named points of a run, in order; a test hook can stop the process at any of them. */
export type Checkpoint =
  | "validated"
  | "staged"
  | "manifest-stored"
  | "anchor-sent"
  | "anchored"
  | "files-halfway"
  | "files-written"
  | "completed";

export type IssueEvent =
  | { type: "stage"; stage: IssueStage; batch?: number; total?: number }
  | { type: "progress"; stage: IssueStage; done: number; total?: number }
  | { type: "resumed"; journal: string; steps: number }
  | { type: "estimate"; batch: number; gas: bigint; gasPrice: bigint }
  | ({ type: "anchored"; batch: number; root: Hex } & AnchorOutcome)
  | { type: "signing-key-declared"; didKey: string; txHash: Hex; blockNumber: bigint }
  | { type: "checkpoint"; checkpoint: Checkpoint; batch?: number };

export interface IssueCredentialsOptions {
  /** The CSV, JSON or JSON Lines file. */
  input: string;
  /** Default: from the file's extension. */
  format?: InputFormat;
  mapping?: LoadedMapping;
  /** The output folder: journal, report, holder files (folders 0700, files 0600: owner only). */
  outDir: string;
  /** Default: the mapping's credentialType. */
  credentialType?: string;
  /** Merged over the mapping's issuer profile; a name is required from one of them. */
  issuerProfile?: IssuerProfileInput;
  /** The issuer to anchor for; default: the writer's account (else it must be an operator). */
  issuer?: Address;
  /**
   * The 32-byte Ed25519 seed of the issuer's signing key: its did:key is the credentials' issuer
   * and it signs every holder file. It is copied to the worker threads in-process (workerData)
   * and nowhere else: never journaled, reported or written.
   */
  signingSeed: Uint8Array;
  /**
   * The https folder URL the batches' status lists are published under (batch b's list at
   * `<statusBase>/<list id>.json`); default: the issuer profile's url + "/credanchor/status".
   */
  statusBase?: string;
  chainId: number;
  registry: Address;
  writer: RegistryWriter;
  /** Where encrypted bodies and manifests go; not needed for a dry run. */
  store?: ContentStore;
  /** Credentials per anchor (default DEFAULT_BATCH_SIZE). */
  batchSize?: number;
  /** Issue the valid rows and list the others in this CSV file, instead of stopping. */
  rejectsFile?: string;
  /** Validate, build in memory, estimate gas; store, anchor and write nothing. */
  dryRun?: boolean;
  /** Threads building credentials (default: one per core). */
  threads?: number;
  /**
   * Pin every encrypted body in the store (default true). Manifests are always pinned. A store
   * that never collects garbage (the embedded node) can skip it: pinning costs a datastore
   * write per body.
   */
  pinBodies?: boolean;
  onEvent?: (event: IssueEvent) => void;
}

export async function issueCredentials(options: IssueCredentialsOptions): Promise<IssueReport> {
  const run = new RunClock();
  const emit = options.onEvent ?? (() => {});
  const settings = resolveSettings(options);
  const { context, source, batchSize, key, statusBase } = settings;

  await inputSize(source.file);
  emit({ type: "stage", stage: "validate" });
  const validated = await run.time("validate", () =>
    validateInput(source, context, (rows) =>
      emit({ type: "progress", stage: "validate", done: rows }),
    ),
  );
  if (validated.problems.length > 0 && options.rejectsFile === undefined) {
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
  const plan = planBatches(validated.valid, batchSize);
  const fingerprint: RunFingerprint = {
    input: { sha256: validated.sha256, bytes: validated.bytes, format: source.format },
    mapping: options.mapping === undefined ? null : { sha256: options.mapping.sha256 },
    chainId: context.chainId,
    registry: context.registryAddress,
    issuer: context.issuerAddress,
    credentialType: context.credentialType,
    issuerProfile: context.issuerProfile as Record<string, string>,
    batchSize,
    skipInvalid: options.rejectsFile !== undefined,
    signingKey: key.didKey,
    statusBase,
  };
  const base = {
    context,
    options,
    validated,
    typeId: credentialTypeId(context.credentialType),
    signer: getAddress(options.writer.wallet.account.address),
    key,
    statusBase,
  };
  if (options.dryRun) return dryRun(base, plan, run, emit);

  if (options.store === undefined) {
    throw new IssueOptionError("store", "is required to issue (only a dry run goes without one)");
  }
  const outDir = resolve(options.outDir);
  await makePrivateDir(outDir);
  const lock = await lockOutput(outDir);
  let journal: Journal | undefined;
  try {
    const credentialsDir = join(outDir, CREDENTIALS_DIR);
    const stagingDir = join(outDir, STAGING_DIR);
    await makePrivateDir(credentialsDir);
    await makePrivateDir(stagingDir);
    await Promise.all([outDir, credentialsDir, stagingDir].map(removeTemporaryFiles));
    journal = await Journal.open(outDir);
    const resumed = journal.entries.length > 0;
    if (resumed) {
      const started = journal.find("started")!;
      const differences = fingerprintDifferences(started.run, fingerprint);
      if (differences.length > 0) {
        throw new JournalError(
          "JOURNAL_MISMATCH",
          journal.file,
          `records a run with a different ${differences.join(", ")}; this folder belongs to that run. Rerun it with the same input and options to resume it, or issue into a new --out folder`,
          { differences },
        );
      }
      if (journal.find("completed") !== undefined) {
        await rm(stagingDir, { recursive: true, force: true }); // if a kill came before it went
        return JSON.parse(await readFile(join(outDir, REPORT_FILE), "utf8")) as IssueReport;
      }
      emit({ type: "resumed", journal: journal.file, steps: journal.entries.length });
    } else {
      await journal.append({
        step: "started",
        version: JOURNAL_VERSION,
        inputFile: source.file,
        run: fingerprint,
      });
    }
    const steps = new RunSteps(base, plan, run, emit, journal, options.store, {
      outDir,
      credentialsDir,
      stagingDir,
    });
    return await steps.run(resumed);
  } finally {
    await journal?.close();
    await lock.release();
  }
}

interface RunBase {
  context: IssuanceContext;
  options: IssueCredentialsOptions;
  validated: Awaited<ReturnType<typeof validateInput>>;
  typeId: Hex;
  signer: Address;
  key: IssuerKey;
  statusBase: string;
}

interface RunDirs {
  outDir: string;
  credentialsDir: string;
  stagingDir: string;
}

/** The journaled steps after validation. */
class RunSteps {
  private readonly trees = new Map<number, MerkleTree>();
  private pool: WorkerPool | undefined;
  private readonly base: RunBase;
  private readonly plan: BatchPlan[];
  private readonly clock: RunClock;
  private readonly emit: (event: IssueEvent) => void;
  private readonly journal: Journal;
  private readonly store: ContentStore;
  private readonly dirs: RunDirs;

  constructor(
    base: RunBase,
    plan: BatchPlan[],
    clock: RunClock,
    emit: (event: IssueEvent) => void,
    journal: Journal,
    store: ContentStore,
    dirs: RunDirs,
  ) {
    this.base = base;
    this.plan = plan;
    this.clock = clock;
    this.emit = emit;
    this.journal = journal;
    this.store = store;
    this.dirs = dirs;
  }

  async run(resumed: boolean): Promise<IssueReport> {
    try {
      return await this.steps(resumed);
    } finally {
      await this.pool?.close();
    }
  }

  private async steps(resumed: boolean): Promise<IssueReport> {
    const { journal, base } = this;
    if (journal.find("validated") === undefined) {
      const { problems } = base.validated;
      const rejectsFile = base.options.rejectsFile;
      if (rejectsFile !== undefined) await writeFileAtomic(rejectsFile, rejectsCsv(problems));
      await journal.append({
        step: "validated",
        rows: base.validated.rows,
        valid: base.validated.valid,
        rejected: problems.length,
        batches: this.plan,
        ...(rejectsFile === undefined ? {} : { rejectsFile }),
      });
      this.checkpoint("validated");
    }
    if (this.plan.some((b) => journal.find("anchored", b.batch) === undefined)) {
      await this.ensureSigningKey();
    }
    await this.stage();
    for (const batch of this.plan) {
      const manifestCid = await this.storeManifest(batch);
      await this.anchor(batch, manifestCid);
    }
    for (const batch of this.plan) await this.writeFiles(batch);
    const report = await this.report(resumed);
    await rm(this.dirs.stagingDir, { recursive: true, force: true });
    this.checkpoint("completed");
    return report;
  }

  /** The worker threads, started on first use and kept for the rest of the run. */
  private workers(): WorkerPool {
    this.pool ??= createWorkerPool(
      this.base.context,
      this.base.options.signingSeed,
      this.base.options.threads,
    );
    return this.pool;
  }

  /**
   * Before anything is stored or anchored: the issuer account has declared the signing key (else
   * verifiers reject every signature), declaring it now when the run signs as that account.
   */
  private async ensureSigningKey(): Promise<void> {
    const state = await signingKeyState(this.base);
    if (state === "declared") return;
    refuseSigningKey(this.base, state);
    const sent = await declareSigningKey(this.base.options.writer, {
      registry: this.base.context.registryAddress,
      publicKey: this.base.key.publicKey,
    });
    await this.journal.append({
      step: "signing-key-declared",
      didKey: this.base.key.didKey,
      txHash: sent.txHash,
      blockNumber: sent.blockNumber.toString(),
    });
    this.emit({
      type: "signing-key-declared",
      didKey: this.base.key.didKey,
      txHash: sent.txHash,
      blockNumber: sent.blockNumber,
    });
  }

  private checkpoint(checkpoint: Checkpoint, batch?: number): void {
    this.emit(
      batch === undefined
        ? { type: "checkpoint", checkpoint }
        : { type: "checkpoint", checkpoint, batch },
    );
  }

  private async stage(): Promise<void> {
    const done = new Set(
      this.plan
        .filter((b) => this.journal.find("built", b.batch) !== undefined)
        .map((b) => b.batch),
    );
    if (done.size === this.plan.length) return;
    const total = this.plan.filter((b) => !done.has(b.batch)).reduce((n, b) => n + b.count, 0);
    // Journaled before any batch is staged: a rerun restages a batch with the same indexes.
    let indexKey = this.journal.find("index-key")?.key;
    if (indexKey === undefined) {
      indexKey = newIndexKey();
      await this.journal.append({ step: "index-key", key: indexKey });
    }
    this.emit({ type: "stage", stage: "stage", total });
    await this.clock.time("stage", () =>
      stageBatches({
        source: sourceOf(this.base.options),
        validated: this.base.validated,
        plan: this.plan,
        skip: done,
        indexKey,
        statusBase: this.base.statusBase,
        pool: this.workers(),
        store: this.store,
        stagingDir: this.dirs.stagingDir,
        pinBodies: this.base.options.pinBodies ?? true,
        onProgress: (n) => this.emit({ type: "progress", stage: "stage", done: n, total }),
        onStaged: async (staged) => {
          const tree = await this.clock.time(
            "tree",
            () => buildMerkleTree(staged.digests),
            "stage",
          );
          this.trees.set(staged.batch, tree);
          await this.journal.append({
            step: "built",
            batch: staged.batch,
            root: tree.root,
            leafCount: tree.leafCount,
            staging: staged.staging!,
            digests: staged.digestsFile!,
            bodies: staged.bodies,
          });
          this.checkpoint("staged", staged.batch);
        },
      }),
    );
  }

  /** The batch's tree: kept from staging, or rebuilt from its digests and checked. */
  private async tree(batch: BatchPlan): Promise<MerkleTree> {
    const kept = this.trees.get(batch.batch);
    if (kept !== undefined) return kept;
    const built = this.journal.find("built", batch.batch)!;
    const file = join(this.dirs.stagingDir, built.digests);
    const digests = await readFile(file).catch((error) => {
      throw new StagingError(file, `cannot be read (${(error as Error).message})`);
    });
    const tree = await this.clock.time("tree", () => buildMerkleTree(new Uint8Array(digests)));
    if (tree.root !== built.root || tree.leafCount !== batch.count) {
      throw new StagingError(file, `gives root ${tree.root}, not the journaled ${built.root}`);
    }
    this.trees.set(batch.batch, tree);
    return tree;
  }

  private async storeManifest(batch: BatchPlan): Promise<string> {
    const stored = this.journal.find("manifest-stored", batch.batch);
    if (stored !== undefined) return stored.manifestCid;
    const tree = await this.tree(batch);
    const digests = new Uint8Array(
      await readFile(join(this.dirs.stagingDir, digestsName(batch.batch))),
    );
    const { context } = this.base;
    this.emit({ type: "stage", stage: "manifest", batch: batch.batch });
    const cid = await this.clock.time("manifest", () =>
      putManifest(
        this.store,
        {
          chain: caip2ChainId(context.chainId),
          registry: context.registryAddress,
          issuer: context.issuerAddress,
          credentialType: context.credentialType,
          root: tree.root,
          leafCount: tree.leafCount,
          credentialDigests: digests,
        },
        { pin: true },
      ),
    );
    await this.journal.append({
      step: "manifest-stored",
      batch: batch.batch,
      root: tree.root,
      manifestCid: cid.toString(),
    });
    this.checkpoint("manifest-stored", batch.batch);
    return cid.toString();
  }

  private async anchor(batch: BatchPlan, manifestCid: string): Promise<void> {
    if (this.journal.find("anchored", batch.batch) !== undefined) return;
    const tree = await this.tree(batch);
    const { context, options } = this.base;
    const request: AnchorRequest = {
      registry: context.registryAddress,
      issuer: context.issuerAddress,
      root: tree.root,
      leafCount: tree.leafCount,
      credentialType: this.base.typeId,
      manifestCid: `0x${bytesToHex(CID.parse(manifestCid).bytes)}`,
    };
    this.emit({ type: "stage", stage: "anchor", batch: batch.batch });
    const outcome = await this.clock.time("anchor", async () => {
      // Once an attempt is journaled, the root may be anchored already: estimating would revert.
      let fromBlock = this.journal.find("anchoring", batch.batch)?.fromBlock;
      if (fromBlock === undefined) {
        const estimate = await estimateAnchor(options.writer, request);
        this.emit({
          type: "estimate",
          batch: batch.batch,
          gas: estimate.gas,
          gasPrice: estimate.gasPrice,
        });
        fromBlock = estimate.fromBlock.toString();
        await this.journal.append({
          step: "anchoring",
          batch: batch.batch,
          root: tree.root,
          fromBlock,
          gas: estimate.gas.toString(),
          gasPrice: estimate.gasPrice.toString(),
        });
      }
      return anchorRoot(options.writer, request, BigInt(fromBlock));
    });
    this.checkpoint("anchor-sent", batch.batch);
    await this.journal.append({
      step: "anchored",
      batch: batch.batch,
      root: tree.root,
      status: outcome.status,
      txHash: outcome.txHash,
      blockNumber: outcome.blockNumber.toString(),
      ...(outcome.gasUsed === undefined ? {} : { gasUsed: outcome.gasUsed.toString() }),
      anchoredAt: outcome.anchoredAt,
    });
    this.emit({ type: "anchored", batch: batch.batch, root: tree.root, ...outcome });
    this.checkpoint("anchored", batch.batch);
  }

  private async writeFiles(batch: BatchPlan): Promise<void> {
    if (this.journal.find("files-written", batch.batch) !== undefined) return;
    const built = this.journal.find("built", batch.batch)!;
    const anchored = this.journal.find("anchored", batch.batch)!;
    const manifest = this.journal.find("manifest-stored", batch.batch)!;
    const tree = await this.tree(batch);
    this.emit({ type: "stage", stage: "files", batch: batch.batch, total: batch.count });
    const written = await this.clock.time("files", () =>
      writeHolderFiles({
        stagingFile: join(this.dirs.stagingDir, built.staging),
        tree,
        anchor: {
          root: tree.root,
          transactionHash: anchored.txHash,
          blockNumber: Number(anchored.blockNumber),
          manifestCid: manifest.manifestCid,
          leafCount: batch.count,
          blockTime: isoSeconds(anchored.anchoredAt),
        },
        dir: this.dirs.credentialsDir,
        pool: this.workers(),
        onProgress: (done) =>
          this.emit({ type: "progress", stage: "files", done, total: batch.count }),
        onHalfway: () => this.checkpoint("files-halfway", batch.batch),
      }),
    );
    await this.journal.append({ step: "files-written", batch: batch.batch, files: written });
    this.checkpoint("files-written", batch.batch);
  }

  private async report(resumed: boolean): Promise<IssueReport> {
    const { journal, dirs } = this;
    const batches = this.plan.map((batch) => batchReport(journal, batch));
    const files = this.plan.reduce(
      (n, b) => n + (journal.find("files-written", b.batch)?.files ?? 0),
      0,
    );
    const validatedEntry = journal.find("validated")!;
    const declared = journal.find("signing-key-declared");
    const report = this.clock.finish({
      ...commonReport(this.base, batches, resumed, {
        ...keyReport(this.base),
        state: "declared",
        ...(declared === undefined ? {} : { declaredIn: declared.txHash }),
      }),
      output: {
        directory: dirs.outDir,
        credentials: dirs.credentialsDir,
        files,
        journal: join(dirs.outDir, JOURNAL_FILE),
      },
    });
    if (validatedEntry.rejectsFile !== undefined)
      report.input.rejectsFile = validatedEntry.rejectsFile;
    await writeFileAtomic(join(dirs.outDir, REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`, {
      durable: true,
    });
    await writeFileAtomic(join(dirs.outDir, REPORT_TEXT_FILE), `${formatIssueReport(report)}\n`, {
      durable: true,
    });
    await journal.append({ step: "completed" });
    return report;
  }
}

/** A dry run: everything but storing, anchoring and writing; the gas estimate per batch. */
async function dryRun(
  base: RunBase,
  plan: BatchPlan[],
  clock: RunClock,
  emit: (event: IssueEvent) => void,
): Promise<IssueReport> {
  const { context, options } = base;
  const batches: BatchReport[] = [];
  const staged: StagedBatch[] = [];
  const keyState = await signingKeyState(base);
  const indexKey = newIndexKey();
  const pool = createWorkerPool(context, options.signingSeed, options.threads);
  const total = base.validated.valid;
  emit({ type: "stage", stage: "stage", total });
  try {
    await clock.time("stage", () =>
      stageBatches({
        source: sourceOf(options),
        validated: base.validated,
        plan,
        skip: new Set(),
        indexKey,
        statusBase: base.statusBase,
        pool,
        pinBodies: false,
        onProgress: (n) => emit({ type: "progress", stage: "stage", done: n, total }),
        onStaged: async (batch) => {
          staged.push(batch);
        },
      }),
    );
  } finally {
    await pool.close();
  }
  for (const batch of staged) {
    const tree = await clock.time("tree", () => buildMerkleTree(batch.digests));
    const estimate = await clock.time("anchor", () =>
      estimateAnchor(options.writer, {
        registry: context.registryAddress,
        issuer: context.issuerAddress,
        root: tree.root,
        leafCount: tree.leafCount,
        credentialType: base.typeId,
        // A CIDv1 of the manifest's size class: the estimate only depends on its length.
        manifestCid: `0x01551220${"00".repeat(32)}`,
      }),
    );
    emit({ type: "estimate", batch: batch.batch, gas: estimate.gas, gasPrice: estimate.gasPrice });
    const planned = plan[batch.batch]!;
    batches.push({
      batch: batch.batch,
      first: planned.first,
      count: planned.count,
      root: tree.root,
      estimatedGas: estimate.gas.toString(),
      gasPrice: estimate.gasPrice.toString(),
      statusListCredential: statusListUrl(base.statusBase, indexKey, batch.batch),
    });
  }
  return clock.finish({
    ...commonReport(base, batches, false, { ...keyReport(base), state: keyState }),
    dryRun: true,
  });
}

function batchReport(journal: Journal, batch: BatchPlan): BatchReport {
  const started = journal.find("started")!;
  const built = journal.find("built", batch.batch)!;
  const attempt = journal.find("anchoring", batch.batch);
  const anchored = journal.find("anchored", batch.batch)!;
  const report: BatchReport = {
    batch: batch.batch,
    first: batch.first,
    count: batch.count,
    root: built.root,
    manifestCid: journal.find("manifest-stored", batch.batch)!.manifestCid,
    status: anchored.status,
    txHash: anchored.txHash,
    blockNumber: Number(anchored.blockNumber),
    statusListCredential: statusListUrl(
      started.run.statusBase,
      journal.find("index-key")!.key,
      batch.batch,
    ),
  };
  if (attempt !== undefined) {
    report.estimatedGas = attempt.gas;
    if (attempt.gasPrice !== undefined) report.gasPrice = attempt.gasPrice;
  }
  if (anchored.gasUsed !== undefined) report.gasUsed = anchored.gasUsed;
  return report;
}

function commonReport(
  base: RunBase,
  batches: BatchReport[],
  resumed: boolean,
  signingKey: SigningKeyReport,
): Omit<IssueReport, "timings" | "startedAt" | "finishedAt"> {
  const { context, validated, options } = base;
  const sum = (pick: (b: BatchReport) => string | undefined) =>
    batches.reduce((n, b) => n + BigInt(pick(b) ?? "0"), 0n).toString();
  return {
    dryRun: false,
    resumed,
    input: {
      file: options.input,
      sha256: validated.sha256,
      rows: validated.rows,
      issued: validated.valid,
      rejected: validated.problems.length,
    },
    chain: {
      chainId: caip2ChainId(context.chainId),
      registry: context.registryAddress,
      issuer: context.issuerAddress,
      signer: base.signer,
    },
    credentialType: context.credentialType,
    credentialTypeId: base.typeId,
    signingKey,
    statusBase: base.statusBase,
    batches,
    gas: { estimated: sum((b) => b.estimatedGas), used: sum((b) => b.gasUsed) },
  };
}

function resolveSettings(options: IssueCredentialsOptions): {
  context: IssuanceContext;
  source: InputSource;
  batchSize: number;
  key: IssuerKey;
  statusBase: string;
} {
  const mapping = options.mapping?.mapping;
  const credentialType = options.credentialType ?? mapping?.credentialType;
  if (credentialType === undefined) {
    throw new IssueOptionError(
      "--type",
      'is missing: name the credential type the batch is anchored under (e.g. --type BachelorDegree), or set "credentialType" in the mapping file',
    );
  }
  const profile: IssuerProfileInput = { ...mapping?.issuer };
  for (const [key, value] of Object.entries(options.issuerProfile ?? {})) {
    if (value !== undefined) profile[key as keyof IssuerProfileInput] = value;
  }
  if (profile.name === undefined) {
    throw new IssueOptionError(
      "--issuer-name",
      'is missing: give the issuer\'s name as credentials show it, or set "issuer": {"name": ...} in the mapping file',
    );
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new IssueOptionError(
      "--batch-size",
      `must be a whole number from 1 to ${MAX_BATCH_SIZE}`,
    );
  }
  const context = validateIssuanceContext({
    chainId: options.chainId,
    registryAddress: options.registry,
    issuerAddress: options.issuer ?? options.writer.wallet.account.address,
    credentialType,
    issuerProfile: profile,
  });
  const key = issuerKeyOf(options.signingSeed);
  const statusBase = resolveStatusBase(options.statusBase, profile.url);
  return { context, source: sourceOf(options), batchSize, key, statusBase };
}

function sourceOf(options: IssueCredentialsOptions): InputSource {
  const source: InputSource = {
    file: options.input,
    format: options.format ?? inputFormatOf(options.input),
  };
  if (options.mapping !== undefined) {
    source.mapping = options.mapping.mapping;
    source.mappingFile = options.mapping.file;
  }
  return source;
}

/**
 * Creates `dir` for its owner only (0700), or makes it so when it exists (a folder made
 * beforehand with the usual 0755 would let anyone list the holders' ids). Every file the run
 * writes in it is created 0600 (atomicFile.ts, journal.ts).
 */
async function makePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: OWNER_ONLY_DIR });
  try {
    await chmod(dir, OWNER_ONLY_DIR);
  } catch (error) {
    throw new IssueOptionError(
      "--out",
      `${dir} cannot be made readable by its owner only (${(error as NodeJS.ErrnoException).code}): it holds every graduate's credential and key, so issue into a folder of your own`,
    );
  }
}

/** Where the signing key stands on chain, for the issuer this run anchors for. */
type SigningKeyState = SigningKeyReport["state"];

async function signingKeyState(base: RunBase): Promise<SigningKeyState> {
  const { writer } = base.options;
  const term = await readSigningKey(
    { client: writer.reader, urls: [] },
    {
      registry: base.context.registryAddress,
      issuer: base.context.issuerAddress,
      publicKey: base.key.publicKey,
    },
  );
  if (term.declaredAt === 0) {
    const asIssuer = base.signer.toLowerCase() === base.context.issuerAddress.toLowerCase();
    return asIssuer ? "to-declare" : "undeclared";
  }
  return term.retiredAt === 0 ? "declared" : "retired";
}

/** Stops the run when the key cannot be used: retired, or undeclared and the signer an operator. */
function refuseSigningKey(base: RunBase, state: SigningKeyState): void {
  const { didKey } = base.key;
  const issuer = base.context.issuerAddress;
  if (state === "retired") {
    throw new IssueOptionError(
      "signing key",
      `${didKey} is retired by issuer ${issuer}: verifiers would reject the signature of every credential anchored now. Set a new key (CREDANCHOR_SIGNING_KEY) and declare it with \`credanchor signing-key declare\` as the issuer; nothing was stored or anchored`,
    );
  }
  if (state === "undeclared") {
    throw new CredanchorError(
      "SIGNER_NOT_ISSUER",
      `Signing key ${didKey} is not declared by issuer ${issuer}, and you sign as its operator ${base.signer}, who cannot declare it (only the issuer account may). Ask the issuer to run \`credanchor signing-key declare\` with this key, then run this command again; nothing was stored or anchored.`,
      { signer: base.signer, issuer, act: "declare", didKey },
    );
  }
}

function keyReport(base: RunBase): Omit<SigningKeyReport, "state"> {
  return { didKey: base.key.didKey, publicKey: base.key.publicKey };
}

/** Unix seconds as YYYY-MM-DDThh:mm:ssZ. */
function isoSeconds(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`;
}

/** Splits `valid` credentials into batches of at most `size`. */
export function planBatches(valid: number, size: number): BatchPlan[] {
  const plan: BatchPlan[] = [];
  for (let first = 0, batch = 0; first < valid; first += size, batch++) {
    plan.push({ batch, first, count: Math.min(size, valid - first) });
  }
  return plan;
}

/** Seconds per stage for this run; a nested stage's time is taken out of its parent's. */
class RunClock {
  private readonly started = performance.now();
  private readonly startedAt = new Date().toISOString();
  readonly timings: Partial<Record<IssueStage | "total", number>> = {};

  async time<T>(stage: IssueStage, fn: () => Promise<T>, within?: IssueStage): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      const s = (performance.now() - t0) / 1000;
      this.timings[stage] = (this.timings[stage] ?? 0) + s;
      if (within !== undefined) this.timings[within] = (this.timings[within] ?? 0) - s;
    }
  }

  finish(report: Omit<IssueReport, "timings" | "startedAt" | "finishedAt">): IssueReport {
    this.timings.total = (performance.now() - this.started) / 1000;
    const timings: IssueReport["timings"] = {};
    for (const [stage, s] of Object.entries(this.timings)) {
      timings[stage as IssueStage] = Math.round(s * 1000) / 1000;
    }
    return { ...report, timings, startedAt: this.startedAt, finishedAt: new Date().toISOString() };
  }
}
