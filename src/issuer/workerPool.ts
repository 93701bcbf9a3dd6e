// The CPU-heavy parts of a batch run on worker threads: building and sealing credentials (every
// claim is hashed, every body encrypted) and turning staged credentials into holder files (parse,
// attach the anchor, sign, serialise, write). Jobs of a few hundred records go to the least busy
// worker; each job's results come back in its order. With one thread everything runs inline.
// Each worker gets the issuer's Ed25519 seed in its setup: it is copied in-process to the thread
// (never written to a file or passed through the environment) and becomes a node:crypto key there.
import { availableParallelism } from "node:os";
import type { IssuanceContext, IssuanceContextV2 } from "../credential/types.ts";
import { exportJobs, HostedWorker } from "../workers/index.ts";
import { type HolderJob, type HolderSigner, writeHolders } from "./holderFiles.ts";
import { issuerKeyOf, signerOf } from "./issuerKey.ts";
import { type RecordJob, type StagedOutput, stageCredential } from "./stageCredential.ts";

export interface WorkerPool {
  readonly threads: number;
  /**
   * Builds, seals and prices (CID) the records of one job, results in the job's order; the
   * credentials name `statusListCredential`, their batch's status list.
   */
  stage(jobs: RecordJob[], statusListCredential: string): Promise<StagedOutput[]>;
  /** Writes the holder files of one job; resolves to how many holders were written. */
  writeHolders(job: HolderJob): Promise<number>;
  close(): Promise<void>;
}

type Job =
  | { kind: "stage"; records: RecordJob[]; statusListCredential: string }
  | { kind: "holders"; holders: HolderJob };

/** What every worker is started with. */
interface WorkerSetup {
  context: IssuanceContext;
  /** The issuer's Ed25519 seed (32 bytes): signs the holder files. */
  seed: Uint8Array;
}

/**
 * Young generation of each worker (V8's semi-spaces are a third of it each). Each credential is
 * some hundred kilobytes of short-lived objects: a young generation this size is scavenged far
 * less often than V8's default, and a job's data dies before promotion (measured).
 */
const YOUNG_GENERATION_MB = 96;

/**
 * A pool of `threads` workers (default: one per core), or the calling thread when 1, building
 * v2 credentials of `context` signed by the key of `seed` (the issuer's Ed25519 seed).
 */
export function createWorkerPool(
  context: IssuanceContext,
  seed: Uint8Array,
  threads?: number,
): WorkerPool {
  const count = Math.max(1, Math.floor(threads ?? availableParallelism()));
  if (count === 1) {
    const worker = workerOf({ context, seed });
    return {
      threads: 1,
      stage: (records, list) => worker.stage(records, list),
      writeHolders: (holders) => writeHolders(holders, worker.signer),
      async close() {},
    };
  }
  const workers = Array.from(
    { length: count },
    () =>
      new HostedWorker(
        issuerJobs,
        { context, seed },
        {
          name: "issuer worker",
          youngGenerationMb: YOUNG_GENERATION_MB,
        },
      ),
  );
  const send = (job: Job) => workers.reduce((a, b) => (b.pending < a.pending ? b : a)).request(job);
  return {
    threads: count,
    stage: (records, statusListCredential) =>
      send({ kind: "stage", records, statusListCredential }) as Promise<StagedOutput[]>,
    writeHolders: (holders) => send({ kind: "holders", holders }) as Promise<number>,
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** What one thread does with the setup it was given. */
function workerOf(setup: WorkerSetup) {
  const key = issuerKeyOf(setup.seed);
  const base = { ...setup.context, issuerDid: key.didKey };
  const signer: HolderSigner = {
    verificationMethod: key.verificationMethod,
    sign: signerOf(setup.seed),
  };
  return {
    signer,
    async stage(records: RecordJob[], statusListCredential: string): Promise<StagedOutput[]> {
      const context: IssuanceContextV2 = { ...base, statusListCredential };
      const out: StagedOutput[] = [];
      for (const record of records) out.push(await stageCredential(record, context));
      return out;
    },
  };
}

/** The worker side: staged envelopes and digests move back to the caller rather than copy. */
export const issuerJobs = exportJobs(import.meta.url, "issuerJobs", {
  start(setup: WorkerSetup) {
    const worker = workerOf(setup);
    return (job: Job): Promise<StagedOutput[] | number> =>
      job.kind === "stage"
        ? worker.stage(job.records, job.statusListCredential)
        : writeHolders(job.holders, worker.signer);
  },
  transfer: (result) =>
    typeof result === "number"
      ? []
      : result.flatMap((r) => [r.envelope.buffer, r.digest.buffer] as ArrayBuffer[]),
});
