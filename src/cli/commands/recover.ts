// `credanchor recover`: rebuilds a lost Merkle proof from the batch manifest on IPFS (embedded
// node by default, trustless gateways on request) and, given the credential file, writes the
// proof back into it. With the holder's access file (<id>.access.json from `credanchor issue`) it
// also rebuilds a lost credential file from its encrypted copy on IPFS. The manifest is found by
// --manifest, the access file, or through the chain from the batch the credential names; the
// anchoring transaction, which the proof also records, comes from the file when it still has it,
// else from the chain. Helia and the tree builder load only here.
import { access as fileAccess, readFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { type Hex, hexToBytes } from "viem";
import { findBatchAnchor } from "../../chain/index.ts";
import { attachAnchor, type CredanchorCredential } from "../../credential/index.ts";
import { CredanchorError } from "../../errors.ts";
import type { ContentSource, RecoveredProof } from "../../storage/index.ts";
import { addNetworkOptions, type NetworkOptions, withContext } from "../context.ts";
import { cidText, parseIndex } from "./args.ts";
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
  access?: string;
  manifest?: string;
  index?: string;
  gateway?: string[];
  ipfsDir?: string;
  out?: string;
}

/** The fields of a holder's access file this command reads (src/issuer HolderAccess). */
interface AccessFile {
  file: string;
  credentialId: string;
  credentialFile: string;
  encryptedCopy: { cid: string; key: Hex };
  manifestCid: string;
}

export function register(program: Command): void {
  addNetworkOptions(
    program
      .command("recover [file]")
      .description(
        "holder: rebuild a lost proof (or, with --access, a lost credential file) from IPFS and write it back",
      )
      .option(
        "--access <file>",
        "your <id>.access.json: gives the manifest, and rebuilds the credential file from its encrypted copy if it is gone",
      )
      .option(
        "--manifest <cid>",
        "CID of the batch manifest (default: from --access, or read from the chain for the file's batch)",
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
    const access = options.access === undefined ? undefined : await readAccessFile(options.access);
    const file =
      fileArg ??
      (access === undefined
        ? undefined
        : path.join(path.dirname(access.file), path.basename(access.credentialFile)));
    const source = await openSource(options);
    try {
      const loaded =
        file === undefined
          ? undefined
          : access !== undefined && !(await exists(file))
            ? await openEncryptedCopy(source, access, file)
            : await readCredentialFile(file);
      await recover(loaded, access, source, options, command);
    } finally {
      await source.close();
    }
  });
}

async function recover(
  loaded: CredentialFile | undefined,
  access: AccessFile | undefined,
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
  let manifestCid = options.manifest ?? access?.manifestCid;
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
  const updated = attachAnchor(withoutAnchor(loaded.credential), {
    merkleRoot: recovered.root,
    merkleProof: recovered.proof,
    transactionHash,
    ...(blockNumber !== undefined ? { blockNumber } : {}),
  });
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

async function readAccessFile(file: string): Promise<AccessFile> {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CredanchorError(
      "FILE_UNREADABLE",
      `--access ${file}: ${code === "ENOENT" ? "no such file" : `cannot be read as JSON (${code ?? (error as Error).message})`}.`,
      { file },
    );
  }
  const copy = json?.encryptedCopy as Record<string, unknown> | undefined;
  if (
    json?.type !== "CredanchorCredentialAccess" ||
    typeof json.credentialId !== "string" ||
    typeof json.credentialFile !== "string" ||
    typeof json.manifestCid !== "string" ||
    typeof copy?.cid !== "string" ||
    typeof copy.key !== "string" ||
    !/^0x[0-9a-fA-F]{64}$/.test(copy.key)
  ) {
    throw new CredanchorError(
      "ACCESS_FILE_INVALID",
      `--access ${file} is not a credanchor access file (type CredanchorCredentialAccess with credentialId, credentialFile, manifestCid and encryptedCopy {cid, key}).`,
      { file },
    );
  }
  return {
    file,
    credentialId: json.credentialId,
    credentialFile: json.credentialFile,
    manifestCid: json.manifestCid,
    encryptedCopy: { cid: copy.cid, key: copy.key as Hex },
  };
}

/** The credential body sealed on IPFS when it was issued (no anchor yet), to be written to `file`. */
async function openEncryptedCopy(
  source: ContentSource,
  access: AccessFile,
  file: string,
): Promise<CredentialFile> {
  const { fetchAndOpen } = await import("../../storage/fetchAndOpen.ts");
  const bytes = await fetchAndOpen(
    source,
    access.encryptedCopy.cid,
    hexToBytes(access.encryptedCopy.key),
  );
  let credential: CredanchorCredential;
  try {
    credential = JSON.parse(new TextDecoder().decode(bytes)) as CredanchorCredential;
  } catch {
    throw new CredentialFileError(
      file,
      `the encrypted copy ${access.encryptedCopy.cid} is not JSON`,
    );
  }
  if (credential?.id !== access.credentialId) {
    throw new CredentialFileError(
      file,
      `the encrypted copy ${access.encryptedCopy.cid} holds credential ${String(credential?.id)}, not ${access.credentialId}`,
    );
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
