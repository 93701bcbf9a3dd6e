// `credanchor recover`: rebuilds a lost Merkle proof from the batch manifest on IPFS (embedded
// node by default, trustless gateways on request) and, given the credential file, writes the
// proof back into it. The manifest is found by --manifest, or through the chain from the batch
// the credential names; the anchoring transaction, which the proof also records, comes from the
// file when it still has it, else from the chain. Helia and the tree builder load only here.
import type { Command } from "commander";
import type { Hex } from "viem";
import { findBatchAnchor } from "../../chain/index.ts";
import { attachAnchor, type CredanchorCredential } from "../../credential/index.ts";
import { CredanchorError } from "../../errors.ts";
import type { ContentSource, RecoveredProof } from "../../storage/index.ts";
import { addNetworkOptions, type NetworkOptions, withContext } from "../context.ts";
import { cidText, parseIndex } from "./args.ts";
import {
  type CredentialFile,
  locateCredentialPartly,
  type PartialLocation,
  readCredentialFile,
  withCredential,
  writeJsonFile,
} from "./credentialFiles.ts";
import { outputOf } from "./report.ts";

interface RecoverOptions extends NetworkOptions {
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
        "holder: rebuild a lost proof from the batch manifest on IPFS; with a credential file, write it back into the file",
      )
      .option(
        "--manifest <cid>",
        "CID of the batch manifest (default: read from the chain for the file's batch)",
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
  ).action(async (file: string | undefined, options: RecoverOptions, command: Command) => {
    const loaded = file === undefined ? undefined : await readCredentialFile(file);
    const where = loaded === undefined ? undefined : locateCredentialPartly(loaded);
    const index =
      options.index !== undefined
        ? parseIndex(options.index, "--index")
        : (where?.index ?? missing("--index <n> (or a credential file)"));
    if (where !== undefined && where.index !== index) {
      throw new CredanchorError(
        "OPTION_CONFLICT",
        `--index ${index} differs from the file's batchIndex ${where.index}; drop --index.`,
        { file, index, batchIndex: where.index },
      );
    }
    if (options.out !== undefined && loaded === undefined) {
      throw new CredanchorError("OPTION_CONFLICT", "--out needs a credential file to write.");
    }

    // The chain is asked only for what the file and the options do not say.
    const anchorOf = async (root: Hex) => {
      const batch = { registry: where!.registry, issuer: where!.issuer, root };
      const anchor = await withContext(options, { existingState: true }, async (context) => {
        if (context.chainId !== where!.chainId) {
          throw new CredanchorError(
            "CREDENTIAL_CHAIN_MISMATCH",
            `${file}: the credential is anchored on chain ${where!.chainId}, but this network is chain ${context.chainId}: choose its network with --network or --rpc-url.`,
            { file, expected: where!.chainId, actual: context.chainId },
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
    };
    let transactionHash = existingTransaction(loaded);
    let blockNumber: number | undefined;
    let manifestCid = options.manifest;
    if (manifestCid === undefined) {
      if (where?.root === undefined) {
        missing(
          loaded === undefined
            ? "--manifest <cid> (or a credential file whose batch the chain can name)"
            : `--manifest <cid>: ${loaded.file} no longer names its batch root`,
        );
      }
      const anchor = await anchorOf(where.root);
      manifestCid = cidText(anchor.manifestCid) ?? missing("--manifest <cid>");
      transactionHash ??= anchor.transactionHash;
      blockNumber = Number(anchor.blockNumber);
    }

    const source = await openSource(options);
    let recovered: RecoveredProof;
    try {
      const { recoverProof } = await import("../../storage/recoverProof.ts");
      recovered = await recoverProof(source, manifestCid, index);
    } finally {
      await source.close();
    }
    if (loaded !== undefined) {
      checkMatches(loaded, where!, recovered);
      if (transactionHash === undefined) {
        const anchor = await anchorOf(recovered.root.toLowerCase() as Hex);
        transactionHash = anchor.transactionHash;
        blockNumber = Number(anchor.blockNumber);
      }
    }

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
    const updated = attachAnchor(withoutAnchor(loaded.credential), {
      merkleRoot: recovered.root,
      merkleProof: recovered.proof,
      transactionHash: transactionHash!,
      ...(blockNumber !== undefined ? { blockNumber } : {}),
    });
    const target = options.out ?? loaded.file;
    await writeJsonFile(target, withCredential(loaded, updated));
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
  });
}

function existingTransaction(loaded: CredentialFile | undefined): Hex | undefined {
  const anchor = loaded?.credential.proof.anchor;
  return anchor?.transactionHash;
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

async function openSource(options: RecoverOptions): Promise<ContentSource> {
  if (options.gateway !== undefined && options.gateway.length > 0) {
    const { createGatewaySource } = await import("../../storage/gatewaySource.ts");
    return createGatewaySource({ gateways: options.gateway });
  }
  const { createEmbeddedStore } = await import("../../storage/embeddedStore.ts");
  return createEmbeddedStore(options.ipfsDir === undefined ? {} : { directory: options.ipfsDir });
}

function missing(what: string): never {
  throw new CredanchorError("OPTION_MISSING", `recover needs ${what}.`);
}
