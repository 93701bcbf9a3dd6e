// The tree and the digests of each built batch, held in one place for the manifest, the anchor and
// the holder files: kept from building, or (after a resume) read back once from the batch's digest
// file in the staging folder and checked against the root the journal recorded.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { buildMerkleTree, type MerkleTree } from "../merkle/index.ts";
import { StagingError } from "./errors.ts";
import type { BatchRange, Journal } from "./journal.ts";
import type { RunClock } from "./runClock.ts";

export interface BatchTree {
  tree: MerkleTree;
  /** Credential digests, 32 bytes each, in index order: the manifest's list. */
  digests: Uint8Array;
}

export class BatchTrees {
  private readonly held = new Map<number, BatchTree>();
  private readonly journal: Journal;
  private readonly stagingDir: string | undefined;
  private readonly clock: RunClock;

  /** `stagingDir`: where digest files of earlier runs are (none in a dry run). */
  constructor(journal: Journal, stagingDir: string | undefined, clock: RunClock) {
    this.journal = journal;
    this.stagingDir = stagingDir;
    this.clock = clock;
  }

  /** Builds and holds the tree over a batch's digests (timed within `within`). */
  async build(batch: number, digests: Uint8Array, within?: "build"): Promise<MerkleTree> {
    const tree = await this.clock.time("tree", () => buildMerkleTree(digests), within);
    this.held.set(batch, { tree, digests });
    return tree;
  }

  /** The batch's tree and digests: held, or read back from its journaled digest file. */
  async of(range: BatchRange): Promise<BatchTree> {
    const held = this.held.get(range.batch);
    if (held !== undefined) return held;
    const built = this.journal.find("built", range.batch);
    if (built === undefined || this.stagingDir === undefined) {
      throw new Error(`batch ${range.batch} was not built`);
    }
    const file = join(this.stagingDir, built.digests);
    const bytes = await readFile(file).catch((error) => {
      throw new StagingError(file, `cannot be read (${(error as Error).message})`);
    });
    const tree = await this.build(range.batch, new Uint8Array(bytes));
    if (tree.root !== built.root || tree.leafCount !== range.count) {
      throw new StagingError(file, `gives root ${tree.root}, not the journaled ${built.root}`);
    }
    return this.held.get(range.batch)!;
  }
}
