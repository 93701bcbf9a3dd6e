// `credanchor recover`: rebuilds a lost Merkle proof from the batch manifest on IPFS (embedded
// node by default, trustless gateways on request) and, given the credential file, writes the
// proof back into it. With the link and key of the credential's encrypted copy (its
// `proof.encryptedCopy`, kept apart from the file) it also rebuilds a lost credential file. The
// manifest is found by --manifest, the file's anchor, or through the chain from the batch the
// credential names; the anchoring transaction, which the proof also records, comes from the file
// when it still has it, else from the chain. Helia and the tree builder load only here.
import { access as fileAccess } from "node:fs/promises";
import type { Command } from "commander";
import { type Hex, hexToBytes } from "viem";
import { findBatchAnchor } from "../../chain/index.ts";
import {
  attachAnchor,
  attachEncryptedCopy,
  type CredanchorCredential,
  type EncryptedCopy,
} from "../../credential/index.ts";
import { CredanchorError } from "../../errors.ts";
import type { ContentSource, RecoveredProof } from "../../storage/index.ts";
import { addNetworkOptions, type NetworkOptions, withContext } from "../context.ts";
import { cidText, OptionInvalidError, parseCidBytes, parseIndex } from "./args.ts";
import {
  type CredentialFile,
  CredentialFileError,
  locateCredentialPartly,
  type PartialLocation,
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
      const loaded =
        fileArg === undefined
          ? undefined
          : copy !== undefined && !(await exists(fileArg))
            ? await openEncryptedCopy(source, copy, fileArg)
            : await readCredentialFile(fileArg);
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

  let transactionHash = loaded?.credential.proof.anchor?.transactionHash;
  let blockNumber: number | undefined;
  let manifestCid = options.manifest ?? loaded?.credential.proof.anchor?.manifestCid;
  if (manifestCid === undefined) {
    if (where?.root === undefined) {
      missing(
        loaded === undefined
          ? "--manifest <cid> (or a credential file whose batch the chain can name)"
          : `--manifest <cid>: ${loaded.file} no longer names its batch root`,
      );
    }
    const anchor = await anchorOf(options, loaded!.file, where, where.root);
    manifestCid = cidText(anchor.manifestCid) ?? missing("--manifest <cid>");
    transactionHash ??= anchor.transactionHash;
    blockNumber = Number(anchor.blockNumber);
  }

  const { recoverProof } = await import("../../storage/recoverProof.ts");
  const recovered = await recoverProof(source, manifestCid, index);
  const out = outputOf(command);
  if (loaded === undefined) {
    out.result(recovered, (r) =>
      [
        `Recovered the proof of index ${r.index} of batch ${r.root} (${r.leafCount} credentials, issuer ${r.issuer}, ${r.chain}):`,
        `  credentialDigest ${r.credentialDigest}`,
        `  proof ${r.proof.length > 0 ? r.proof.join(" ") : "(empty: a one-credential batch)"}`,
      ].join("\n"),
    );
    return;
  }
  checkMatches(loaded, where!, recovered);
  if (transactionHash === undefined) {
    const anchor = await anchorOf(
      options,
      loaded.file,
      where!,
      recovered.root.toLowerCase() as Hex,
    );
    transactionHash = anchor.transactionHash;
    blockNumber = Number(anchor.blockNumber);
  }
  const anchored = attachAnchor(withoutAnchor(loaded.credential), {
    merkleRoot: recovered.root,
    merkleProof: recovered.proof,
    transactionHash,
    manifestCid,
    ...(blockNumber !== undefined ? { blockNumber } : {}),
  });
  const updated = copy === undefined ? anchored : attachEncryptedCopy(anchored, copy);
  const target = options.out ?? loaded.file;
  await writeCredentialFile(target, updated);
  out.result(
    {
      file: target,
      credentialId: updated.id,
      manifestCid,
      batchRoot: recovered.root,
      index,
      proofLength: recovered.proof.length,
      transactionHash,
    },
    (r) =>
      `Wrote ${r.file} with its proof (${r.proofLength} hashes to root ${r.batchRoot}, index ${r.index}, manifest ${r.manifestCid}).`,
  );
}

/** The event that anchored the batch: its manifest CID and transaction. */
async function anchorOf(options: RecoverOptions, file: string, where: PartialLocation, root: Hex) {
  const batch = { registry: where.registry, issuer: where.issuer, root };
  const anchor = await withContext(options, { existingState: true }, async (context) => {
    if (context.chainId !== where.chainId) {
      throw new CredanchorError(
        "CREDENTIAL_CHAIN_MISMATCH",
        `${file}: the credential is anchored on chain ${where.chainId}, but this network is chain ${context.chainId}: choose its network with --network or --rpc-url.`,
        { file, expected: where.chainId, actual: context.chainId },
      );
    }
    const from = batch.registry === context.registry ? context.deployBlocks.registry : 0n;
    return findBatchAnchor(context.chain, batch, from);
  });
  if (anchor === undefined) {
    throw new CredanchorError(
      "BATCH_NOT_ANCHORED",
      `${file}: issuer ${batch.issuer} never anchored batch ${root} in registry ${batch.registry}.`,
      { file, root, issuer: batch.issuer },
    );
  }
  return anchor;
}

function withoutAnchor(credential: CredanchorCredential): CredanchorCredential {
  const { anchor: _lost, ...proof } = credential.proof;
  return { ...credential, proof };
}

/** The manifest must describe this very credential: same chain, registry, issuer and digest. */
function checkMatches(
  loaded: CredentialFile,
  where: PartialLocation,
  recovered: RecoveredProof,
): void {
  const mismatch = (field: string, file: string, manifest: string) =>
    new CredanchorError(
      "RECOVERED_PROOF_MISMATCH",
      `${loaded.file}: its ${field} is ${file}, but manifest ${recovered.manifestCid} says ${manifest} for index ${recovered.index}: wrong manifest or index, nothing was written.`,
      { file: loaded.file, field, expected: file, actual: manifest },
    );
  const digest = loaded.credential.proof.credentialDigest?.toLowerCase();
  if (digest !== recovered.credentialDigest.toLowerCase()) {
    throw mismatch("credentialDigest", String(digest), recovered.credentialDigest);
  }
  if (where.root !== undefined && where.root !== recovered.root.toLowerCase()) {
    throw mismatch("batchRoot", where.root, recovered.root);
  }
  if (where.issuer.toLowerCase() !== recovered.issuer.toLowerCase()) {
    throw mismatch("issuerAddress", where.issuer, recovered.issuer);
  }
  if (where.registry.toLowerCase() !== recovered.registry.toLowerCase()) {
    throw mismatch("registryAddress", where.registry, recovered.registry);
  }
  if (`eip155:${where.chainId}` !== recovered.chain) {
    throw mismatch("chainId", `eip155:${where.chainId}`, recovered.chain);
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
  if (!/^0x[0-9a-fA-F]{64}$/.test(options.key)) {
    throw new OptionInvalidError("--key", options.key, "is not a key (0x and 64 hex digits)");
  }
  return { cid, key: options.key.toLowerCase() as Hex };
}

/** The credential body sealed on IPFS when it was issued (no anchor yet), to be written to `file`. */
async function openEncryptedCopy(
  source: ContentSource,
  copy: EncryptedCopy,
  file: string,
): Promise<CredentialFile> {
  const { fetchAndOpen } = await import("../../storage/fetchAndOpen.ts");
  const bytes = await fetchAndOpen(source, copy.cid, hexToBytes(copy.key));
  let credential: CredanchorCredential;
  try {
    credential = JSON.parse(new TextDecoder().decode(bytes)) as CredanchorCredential;
  } catch {
    throw new CredentialFileError(file, `the encrypted copy ${copy.cid} is not JSON`);
  }
  if (typeof credential?.id !== "string" || typeof credential.proof !== "object") {
    throw new CredentialFileError(file, `the encrypted copy ${copy.cid} holds no credential`);
  }
  return { file, credential };
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
