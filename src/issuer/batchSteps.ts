// The steps of a run after validation, per batch, each journaled before the next starts and
// skipped when the journal says it is done: build (credentials, bodies, staging lines, tree),
// manifest, anchor, holder files. Each writes only through the run's sinks, so a dry run goes
// through the very same steps and leaves nothing behind but its gas estimates.
import { join } from "node:path";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { CID } from "multiformats/cid";
import type { AnchorRequest } from "../chain/index.ts";
import { toCaip2 } from "../values/index.ts";
import { anchorRoot, estimateAnchor } from "./anchorRoot.ts";
import { digestsName, stagingName } from "./batchWriter.ts";
import { buildBatches } from "./buildBatches.ts";
import { writeHolderFiles } from "./holderFiles.ts";
import { newIndexKey } from "./indexPermutation.ts";
import type { IssueRun } from "./issueRun.ts";
import type { BatchRange } from "./journal.ts";

/**
 * Stands in for the manifest's CID when none is stored (a dry run): a CIDv1 of its size class,
 * as the anchor's gas depends only on the CID's length.
 */
const UNSTORED_MANIFEST = CID.decode(hexToBytes(`01551220${"00".repeat(32)}`)).toString();

/** Builds every batch the journal does not have yet, and holds each batch's tree. */
export async function buildStep(run: IssueRun): Promise<void> {
  const { journal, batches } = run;
  const done = new Set(
    batches.filter((b) => journal.find("built", b.batch) !== undefined).map((b) => b.batch),
  );
  if (done.size === batches.length) return;
  const total = batches.filter((b) => !done.has(b.batch)).reduce((n, b) => n + b.count, 0);
  // Journaled before any batch is built: a rerun builds a batch again with the same indexes.
  let indexKey = journal.find("index-key")?.key;
  if (indexKey === undefined) {
    indexKey = newIndexKey();
    await journal.append({ step: "index-key", key: indexKey });
  }
  run.emit({ type: "phase", phase: "build", total });
  await run.clock.time("build", () =>
    buildBatches({
      source: run.plan.input,
      validated: run.input,
      batches,
      skip: done,
      indexKey,
      statusBase: run.plan.statusBase,
      pool: run.workers(),
      bodies: run.sinks.bodies,
      onProgress: (n) => run.emit({ type: "progress", phase: "build", done: n, total }),
      onBuilt: async (built) => {
        const tree = await run.trees.build(built.batch, built.digests, "build");
        await journal.append({
          step: "built",
          batch: built.batch,
          root: tree.root,
          leafCount: tree.leafCount,
          staging: stagingName(built.batch),
          digests: digestsName(built.batch),
          bodies: built.bodies,
        });
        run.checkpoint("built", built.batch);
      },
    }),
  );
}

/** Stores the batch's manifest (its digests, for recovery); resolves to the manifest's CID. */
export async function manifestStep(run: IssueRun, range: BatchRange): Promise<string> {
  const stored = run.journal.find("manifest-stored", range.batch);
  if (stored !== undefined) return stored.manifestCid;
  const store = run.sinks.manifests;
  if (store === undefined) return UNSTORED_MANIFEST;
  const { tree, digests } = await run.trees.of(range);
  const { context } = run.plan;
  run.emit({ type: "phase", phase: "manifest", batch: range.batch });
  const cid = await run.clock.time("manifest", () =>
    store({
      chain: toCaip2(context.chainId),
      registry: context.registryAddress,
      issuer: context.issuerAddress,
      credentialType: context.credentialType,
      root: tree.root,
      leafCount: tree.leafCount,
      credentialDigests: digests,
    }),
  );
  await run.journal.append({
    step: "manifest-stored",
    batch: range.batch,
    root: tree.root,
    manifestCid: cid,
  });
  run.checkpoint("manifest-stored", range.batch);
  return cid;
}

/** Estimates the anchor's gas, journals the attempt, then anchors the root (once, ever). */
export async function anchorStep(run: IssueRun, range: BatchRange, manifestCid: string) {
  const { journal, plan } = run;
  if (journal.find("anchored", range.batch) !== undefined) return;
  const { tree } = await run.trees.of(range);
  const request: AnchorRequest = {
    registry: plan.context.registryAddress,
    issuer: plan.context.issuerAddress,
    root: tree.root,
    leafCount: tree.leafCount,
    credentialType: plan.credentialTypeId,
    manifestCid: `0x${bytesToHex(CID.parse(manifestCid).bytes)}`,
  };
  run.emit({ type: "phase", phase: "anchor", batch: range.batch });
  const outcome = await run.clock.time("anchor", async () => {
    // Once an attempt is journaled, the root may be anchored already: estimating would revert.
    let fromBlock = journal.find("anchoring", range.batch)?.fromBlock;
    if (fromBlock === undefined) {
      const estimate = await estimateAnchor(plan.writer, request);
      run.emit({
        type: "estimate",
        batch: range.batch,
        gas: estimate.gas,
        gasPrice: estimate.gasPrice,
      });
      fromBlock = estimate.fromBlock.toString();
      await journal.append({
        step: "anchoring",
        batch: range.batch,
        root: tree.root,
        fromBlock,
        gas: estimate.gas.toString(),
        gasPrice: estimate.gasPrice.toString(),
      });
    }
    const writer = run.sinks.transactions;
    return writer === undefined ? undefined : anchorRoot(writer, request, BigInt(fromBlock));
  });
  if (outcome === undefined) return;
  run.checkpoint("anchor-sent", range.batch);
  await journal.append({
    step: "anchored",
    batch: range.batch,
    root: tree.root,
    status: outcome.status,
    txHash: outcome.txHash,
    blockNumber: outcome.blockNumber.toString(),
    ...(outcome.gasUsed === undefined ? {} : { gasUsed: outcome.gasUsed.toString() }),
    anchoredAt: outcome.anchoredAt,
  });
  run.emit({ type: "anchored", batch: range.batch, root: tree.root, ...outcome });
  run.checkpoint("anchored", range.batch);
}

/** Signs and writes the batch's holder files from its staging file, with its proofs. */
export async function holderFilesStep(run: IssueRun, range: BatchRange): Promise<void> {
  const { journal } = run;
  const dirs = run.sinks.output;
  if (dirs === undefined || journal.find("files-written", range.batch) !== undefined) return;
  const built = journal.find("built", range.batch)!;
  const anchored = journal.find("anchored", range.batch)!;
  const manifest = journal.find("manifest-stored", range.batch)!;
  const { tree } = await run.trees.of(range);
  run.emit({ type: "phase", phase: "files", batch: range.batch, total: range.count });
  const written = await run.clock.time("files", () =>
    writeHolderFiles({
      stagingFile: join(dirs.stagingDir, built.staging),
      tree,
      anchor: {
        root: tree.root,
        transactionHash: anchored.txHash,
        blockNumber: Number(anchored.blockNumber),
        manifestCid: manifest.manifestCid,
        leafCount: range.count,
        blockTime: isoSeconds(anchored.anchoredAt),
      },
      dir: dirs.credentialsDir,
      pool: run.workers(),
      onProgress: (done) =>
        run.emit({ type: "progress", phase: "files", done, total: range.count }),
      onHalfway: () => run.checkpoint("files-halfway", range.batch),
    }),
  );
  await journal.append({ step: "files-written", batch: range.batch, files: written });
  run.checkpoint("files-written", range.batch);
}

/** Unix seconds as YYYY-MM-DDThh:mm:ssZ. */
function isoSeconds(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`;
}
