// The last step of a batch: every staged credential gets its anchor (root, proof, transaction)
// and becomes two files in <out>/credentials/: `<id>.credential.json`, the credential exactly as
// the CredanchorCredential type (what the holder shares), and `<id>.access.json`, the link to its
// encrypted copy on IPFS with the key (what the holder keeps to themselves). Each file is written
// whole through a rename, so a rerun rewrites a batch's files without ever duplicating one.
import { createReadStream } from "node:fs";
import { join } from "node:path";
import type { Hex } from "viem";
import { attachAnchor } from "../credential/attachAnchor.ts";
import type { MerkleTree } from "../merkle/tree.ts";
import { writeFileAtomic } from "./atomicFile.ts";
import { StagingError } from "./errors.ts";
import type { StagedCredential } from "./stageCredential.ts";

/** The holder's private companion of a credential file, exactly as written. */
export interface HolderAccess {
  type: "CredanchorCredentialAccess";
  version: 1;
  /** The credential's `id`. */
  credentialId: string;
  /** The credential file beside this one. */
  credentialFile: string;
  /** The credential body (without its anchor), encrypted, on IPFS. */
  encryptedCopy: {
    cid: string;
    url: string;
    /** XChaCha20-Poly1305 key of the envelope (32 bytes, 0x-hex): keep it private. */
    key: Hex;
  };
  /** The batch manifest on IPFS, from which a lost proof can be rebuilt. */
  manifestCid: string;
}

export interface BatchAnchor {
  root: Hex;
  transactionHash: Hex;
  blockNumber: number;
  manifestCid: string;
}

export interface WriteHolderFilesParams {
  stagingFile: string;
  tree: MerkleTree;
  anchor: BatchAnchor;
  /** Folder for the holder files. */
  dir: string;
  onProgress?(written: number): void;
  /** Called once when half of the batch's credentials are written. */
  onHalfway?(): void;
}

export const CREDENTIAL_SUFFIX = ".credential.json";
export const ACCESS_SUFFIX = ".access.json";
const WRITE_CONCURRENCY = 32;

/** Writes both files of every credential of one batch; returns how many credentials. */
export async function writeHolderFiles(params: WriteHolderFilesParams): Promise<number> {
  const { tree, anchor, dir } = params;
  const writes = new Set<Promise<void>>();
  let failure: unknown;
  let written = 0;
  let halfway = false;
  for await (const line of stagingLines(params.stagingFile)) {
    const staged = JSON.parse(line) as StagedCredential;
    if (staged.index >= tree.leafCount) {
      throw new StagingError(params.stagingFile, `index ${staged.index} is outside the batch`);
    }
    const credential = attachAnchor(staged.credential, {
      merkleRoot: anchor.root,
      merkleProof: tree.proof(staged.index),
      transactionHash: anchor.transactionHash,
      blockNumber: anchor.blockNumber,
    });
    const credentialFile = `${staged.id}${CREDENTIAL_SUFFIX}`;
    const access: HolderAccess = {
      type: "CredanchorCredentialAccess",
      version: 1,
      credentialId: credential.id,
      credentialFile,
      encryptedCopy: { cid: staged.cid, url: `ipfs://${staged.cid}`, key: staged.key },
      manifestCid: anchor.manifestCid,
    };
    while (writes.size >= WRITE_CONCURRENCY) await Promise.race(writes);
    if (failure !== undefined) throw failure;
    const write = Promise.all([
      writeFileAtomic(join(dir, credentialFile), `${JSON.stringify(credential, null, 2)}\n`),
      writeFileAtomic(
        join(dir, `${staged.id}${ACCESS_SUFFIX}`),
        `${JSON.stringify(access, null, 2)}\n`,
      ),
    ])
      .then(() => {
        written++;
        params.onProgress?.(written);
        if (!halfway && written * 2 >= tree.leafCount) {
          halfway = true;
          params.onHalfway?.();
        }
      })
      .catch((error) => {
        failure ??= error;
      })
      .finally(() => writes.delete(write));
    writes.add(write);
  }
  await Promise.all(writes);
  if (failure !== undefined) throw failure;
  if (written !== tree.leafCount) {
    throw new StagingError(
      params.stagingFile,
      `holds ${written} credentials; the batch has ${tree.leafCount}`,
    );
  }
  return written;
}

/** The lines of a staging file, read in large chunks. */
async function* stagingLines(file: string): AsyncGenerator<string> {
  let rest = "";
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    const lines = text.split("\n");
    rest = lines.pop()!;
    for (const line of lines) if (line !== "") yield line;
  }
  if (rest !== "") yield rest;
}
