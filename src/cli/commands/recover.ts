// `credanchor recover`: rebuilds a lost Merkle proof from the batch manifest on IPFS (embedded
// node by default, trustless gateways on request) and, given the credential file, writes the
// proof back into it. With the link and key of the credential's encrypted copy (its
// `proof.encryptedCopy`, kept apart from the file) it also rebuilds a lost credential file. The
// work is the SDK's (recoverProof, openEncryptedCopy, recoverCredential); the chain is opened
// only when the file no longer says where its batch was anchored. Helia and the tree builder
// load only here.
import { access as fileAccess } from "node:fs/promises";
import type { Command } from "commander";
import type { Hex } from "viem";
import { type BatchRef, findBatchAnchor, readBatch } from "../../chain/index.ts";
import type { EncryptedCopy } from "../../credential/index.ts";
import { CredanchorError } from "../../errors.ts";
import type { ContentSource } from "../../storage/index.ts";
import { isBytes32 } from "../../values/index.ts";
import { addNetworkOptions, type NetworkOptions, withContext } from "../context.ts";
import { cidText, OptionInvalidError, parseCidBytes, parseIndex } from "./args.ts";
import {
  type CredentialFile,
  locateCredentialPartly,
  readCredentialFile,
  writeCredentialFile,
} from "./credentialFiles.ts";
import { outputOf } from "./report.ts";

interface RecoverOptions extends NetworkOptions {
  copy?: string;
  key?: string;
  manifest?: string;
  index?: string;
  gateway?: string[];
  ipfsDir?: string;
  out?: string;
}

export function register(program: Command): void {
  addNetworkOptions(
    program
      .command("recover [file]")
      .description(
        "holder: rebuild a lost proof (or, with --copy and --key, a lost credential file) from IPFS and write it back",
      )
      .option(
        "--copy <cid>",
        "CID of the credential's encrypted copy (its proof.encryptedCopy.cid): rebuilds <file> from it when <file> is gone",
      )
      .option("--key <hex>", "the encrypted copy's key (its proof.encryptedCopy.key)")
      .option(
        "--manifest <cid>",
        "CID of the batch manifest (default: from the file's anchor, or read from the chain for the file's batch)",
      )
      .option("--index <n>", "credential index in the batch (default: the file's batchIndex)")
      .option(
        "--gateway <urls...>",
        "fetch from these trustless IPFS gateways instead of the embedded node (bytes are checked)",
      )
      .option("--ipfs-dir <dir>", "data folder of the embedded IPFS node (default: .data/ipfs)")
      .option(
        "--out <file>",
        "write the credential with its proof here instead of back into <file>",
      ),
    { signer: false },
  ).action(async (fileArg: string | undefined, options: RecoverOptions, command: Command) => {
    const copy = encryptedCopyOf(options, fileArg);
    const source = await openSource(options);
    try {
      let loaded: CredentialFile | undefined;
      if (fileArg !== undefined && copy !== undefined && !(await exists(fileArg))) {
        const { openEncryptedCopy } = await import("../../recovery/index.ts");
        loaded = { file: fileArg, credential: await openEncryptedCopy(source, copy, fileArg) };
      } else if (fileArg !== undefined) {
        loaded = await readCredentialFile(fileArg);
      }
      await recover(loaded, copy, source, options, command);
    } finally {
      await source.close();
    }
  });
}

async function recover(
  loaded: CredentialFile | undefined,
  copy: EncryptedCopy | undefined,
  source: ContentSource,
  options: RecoverOptions,
  command: Command,
): Promise<void> {
  const where = loaded === undefined ? undefined : locateCredentialPartly(loaded);
  const index =
    options.index !== undefined
      ? parseIndex(options.index, "--index")
      : (where?.index ?? missing("--index <n> (or a credential file)"));
  if (where !== undefined && where.index !== index) {
    throw new CredanchorError(
      "OPTION_CONFLICT",
      `--index ${index} differs from the batchIndex ${where.index} of ${loaded!.file}; drop --index.`,
      { file: loaded!.file, index, batchIndex: where.index },
    );
  }
  if (options.out !== undefined && loaded === undefined) {
    throw new CredanchorError("OPTION_CONFLICT", "--out needs a credential file to write.");
  }
  const out = outputOf(command);

  if (loaded === undefined) {
    const manifestCid =
      options.manifest ??
      missing("--manifest <cid> (or a credential file whose batch the chain can name)");
    const { recoverProof } = await import("../../recovery/index.ts");
    out.result(await recoverProof(source, manifestCid, index), (r) =>
      [
        `Recovered the proof of index ${r.index} of batch ${r.root} (${r.leafCount} credentials, issuer ${r.issuer}, ${r.chain}):`,
        `  credentialDigest ${r.credentialDigest}`,
        `  proof ${r.proof.length > 0 ? r.proof.join(" ") : "(empty: a one-credential batch)"}`,
      ].join("\n"),
    );
    return;
  }

  const { recoverCredential } = await import("../../recovery/index.ts");
  const result = await recoverCredential(source, {
    credential: loaded.credential,
    place: where!,
    name: loaded.file,
    ...(options.manifest === undefined ? {} : { manifestCid: options.manifest }),
    ...(copy === undefined ? {} : { encryptedCopy: copy }),
    findAnchor: (batch) => anchorOnChain(options, loaded.file, where!.chainId, batch),
    anchoredAt: (batch) => anchoredAtOnChain(options, loaded.file, where!.chainId, batch),
  });
  const target = options.out ?? loaded.file;
  await writeCredentialFile(target, result.credential);
  out.result(
    {
      file: target,
      credentialId: result.credential.id,
      manifestCid: result.manifestCid,
      batchRoot: result.recovered.root,
      index,
      proofLength: result.recovered.proof.length,
      transactionHash: result.transactionHash,
    },
    (r) =>
      `Wrote ${r.file} with its proof (${r.proofLength} hashes to root ${r.batchRoot}, index ${r.index}, manifest ${r.manifestCid}).`,
  );
}

/** The event that anchored the batch, on the network the options name (it must be the file's). */
function anchorOnChain(options: RecoverOptions, file: string, chainId: number, batch: BatchRef) {
  return withContext(options, { existingState: true }, async (context) => {
    assertFileChain(file, chainId, context.chainId);
    const from = batch.registry === context.registry ? context.deployBlocks.registry : 0n;
    return findBatchAnchor(context.chain, batch, from);
  });
}

/** When the batch was anchored (Unix seconds, 0 when never), for a v2 anchor proof's `created`. */
function anchoredAtOnChain(
  options: RecoverOptions,
  file: string,
  chainId: number,
  batch: BatchRef,
): Promise<number> {
  return withContext(options, { existingState: true }, async (context) => {
    assertFileChain(file, chainId, context.chainId);
    return (await readBatch(context.chain, batch)).anchoredAt;
  });
}

function assertFileChain(file: string, expected: number, actual: number): void {
  if (actual !== expected) {
    throw new CredanchorError(
      "CREDENTIAL_CHAIN_MISMATCH",
      `${file}: the credential is anchored on chain ${expected}, but this network is chain ${actual}: choose its network with --network or --rpc-url.`,
      { file, expected, actual },
    );
  }
}

/** The encrypted copy named by --copy and --key, which go together and need the file to write. */
function encryptedCopyOf(
  options: RecoverOptions,
  file: string | undefined,
): EncryptedCopy | undefined {
  if (options.copy === undefined && options.key === undefined) return undefined;
  if (options.copy === undefined || options.key === undefined) {
    missing(options.copy === undefined ? "--copy <cid> with --key" : "--key <hex> with --copy");
  }
  if (file === undefined)
    missing("the credential file to rebuild (recover <file> --copy <cid> --key <hex>)");
  const cid = cidText(parseCidBytes(options.copy, "--copy"))!;
  if (!isBytes32(options.key)) {
    throw new OptionInvalidError("--key", options.key, "is not a key (0x and 64 hex digits)");
  }
  return { cid, key: options.key.toLowerCase() as Hex };
}

async function openSource(options: RecoverOptions): Promise<ContentSource> {
  if (options.gateway !== undefined && options.gateway.length > 0) {
    const { createGatewaySource } = await import("../../storage/gatewaySource.ts");
    return createGatewaySource({ gateways: options.gateway });
  }
  const { createEmbeddedStore } = await import("../../storage/embeddedStore.ts");
  return createEmbeddedStore(options.ipfsDir === undefined ? {} : { directory: options.ipfsDir });
}

async function exists(file: string): Promise<boolean> {
  return fileAccess(file).then(
    () => true,
    () => false,
  );
}

function missing(what: string): never {
  throw new CredanchorError("OPTION_MISSING", `recover needs ${what}.`);
}
