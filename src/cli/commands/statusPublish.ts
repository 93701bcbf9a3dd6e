import { mkdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import type { Address, Hex } from "viem";
import { type BatchView, readBatchView } from "../../chain/index.ts";
import { parseCredentialJson } from "../../credential/index.ts";
import { createEddsaProof } from "../../dataIntegrity/index.ts";
import { CredanchorError } from "../../errors.ts";
import {
  buildStatusListCredential,
  CREDENTIAL_SUFFIX,
  CREDENTIALS_DIR,
  REPORT_FILE,
  revokedCount,
  writeFileAtomic,
} from "../../issuer/index.ts";
import {
  addNetworkOptions,
  type CliContext,
  markRequiredOptions,
  type NetworkOptions,
  withContext,
} from "../context.ts";
import { listInputFolder, readInputText } from "../inputFiles.ts";
import { type IssuerSigningKey, resolveSigningKey, SIGNING_KEY_VARIABLE } from "../signingKey.ts";
import { isoTime } from "./args.ts";
import { CredentialFileError, locateCredential } from "./credentialFiles.ts";
import { outputOf } from "./report.ts";
import { assertChosenRegistry } from "./status.ts";

interface PublishOptions extends NetworkOptions {
  out: string;
}

/** One batch to publish, as its credentials describe it. */
interface BatchSource {
  /** The credential file the batch was read from (named in errors and the report). */
  file: string;
  chainId: number;
  registry: Address;
  issuer: Address;
  root: Hex;
  /** credentialStatus.statusListCredential. */
  url: string;
  /** The credentials' issuer.id: the did:key that must sign the list. */
  issuerId: string;
  /** proof anchor's leafCount: a hint for how many status words to read at once. */
  leafCountHint?: number;
}

export function registerPublish(status: Command): void {
  const publish = addNetworkOptions(
    status
      .command("publish <inputs...>")
      .description(
        "write each batch's signed Bitstring Status List (revocations, from the chain) into --out, to be hosted at the credentials' statusListCredential URL; inputs: credential files or an issue output folder",
      )
      .requiredOption("--out <folder>", "folder to write the lists into (<list id>.json each)")
      .option(
        "--keystore",
        `read ${SIGNING_KEY_VARIABLE} from the Hardhat keystore when it is not in the environment`,
      ),
    { signer: false },
  );
  markRequiredOptions(publish);
  publish.action(async (inputs: string[], _options: PublishOptions, command: Command) => {
    // `status` declares the network options too and commander gives them to it wherever they
    // stand on the line, so read them merged.
    const options = command.optsWithGlobals() as PublishOptions;
    const batches = await findBatches(inputs);
    const out = outputOf(command);
    await withContext(options, { existingState: true }, async (context) => {
      const keys = new Map<Address, IssuerSigningKey>();
      const files = new Map<string, BatchSource>();
      const lists = [];
      const validFrom = isoTime(Math.floor(Date.now() / 1000))!;
      for (const batch of batches) {
        assertChosenRegistry(batch.file, batch, context);
        const name = listFileName(batch);
        const other = files.get(name);
        if (other !== undefined) {
          throw new CredanchorError(
            "STATUS_LIST_URL_INVALID",
            `${batch.file}: batch ${batch.root} names the status list ${batch.url}, the same file as batch ${other.root} (${other.file}): each batch needs a list of its own.`,
            { file: batch.file, url: batch.url, other: other.file },
          );
        }
        files.set(name, batch);
        let key = keys.get(batch.issuer);
        if (key === undefined) {
          key = await resolveSigningKey({
            env: process.env,
            keystore: options.keystore,
            chainId: context.chainId,
            issuer: batch.issuer,
          });
          keys.set(batch.issuer, key);
        }
        if (key.didKey !== batch.issuerId) {
          throw new CredanchorError(
            "SIGNING_KEY_MISMATCH",
            `${batch.file}: the credentials are issued by ${batch.issuerId}, but your ${key.source} signing key is ${key.didKey}: set ${SIGNING_KEY_VARIABLE} to the key that issued them.`,
            { file: batch.file, expected: batch.issuerId, actual: key.didKey },
          );
        }
        const view = await readWholeBatch(context, batch);
        const revocations = {
          leafCount: view.leafCount,
          batchRevoked: view.batchRevoked,
          revokedWords: view.revokedWords,
        };
        const unsigned = await buildStatusListCredential({
          ...revocations,
          url: batch.url,
          issuer: key.didKey,
          validFrom,
        });
        const proof = await createEddsaProof(unsigned, {
          verificationMethod: key.verificationMethod,
          created: validFrom,
          sign: key.sign,
        });
        lists.push({
          file: path.join(options.out, name),
          json: `${JSON.stringify({ ...unsigned, proof }, null, 2)}\n`,
          report: {
            batchRoot: batch.root,
            issuer: batch.issuer,
            url: batch.url,
            file: path.join(options.out, name),
            leafCount: view.leafCount,
            batchRevoked: view.batchRevoked,
            revoked: revokedCount(revocations),
            validFrom,
          },
        });
      }
      // Every list is built and signed before the first is written: a failure writes nothing.
      await mkdir(options.out, { recursive: true });
      for (const list of lists) await writeFileAtomic(list.file, list.json, { mode: 0o644 });
      out.result(
        {
          network: context.network,
          chain: context.caip2,
          registry: context.registry,
          out: options.out,
          lists: lists.map((l) => l.report),
        },
        (r) =>
          r.lists
            .map(
              (l) =>
                `${l.file}: batch ${l.batchRoot}, ${l.revoked} of ${l.leafCount} revoked${l.batchRevoked ? " (whole batch)" : ""}; host it at ${l.url}`,
            )
            .join("\n"),
      );
    });
  });
}

/**
 * The revocation words of the whole batch in one eth_call, sized by the files' leafCount hint; a
 * second call only when the hint was missing or short of the chain's count.
 */
async function readWholeBatch(context: CliContext, batch: BatchSource): Promise<BatchView> {
  const ref = { registry: batch.registry, issuer: batch.issuer, root: batch.root };
  const wordsFor = (leafCount: number) =>
    Array.from({ length: Math.ceil(leafCount / 256) }, (_, w) => w);
  const asked = wordsFor(batch.leafCountHint ?? 0);
  let view = await readBatchView(context.chain, ref, asked, []);
  if (view.anchoredAt === 0) {
    throw new CredanchorError(
      "BATCH_NOT_ANCHORED",
      `${batch.file}: issuer ${batch.issuer} has no batch ${batch.root} in registry ${batch.registry}: nothing to publish.`,
      { file: batch.file, issuer: batch.issuer, root: batch.root, registry: batch.registry },
    );
  }
  const needed = wordsFor(view.leafCount);
  if (needed.length > asked.length) view = await readBatchView(context.chain, ref, needed, []);
  return view;
}

/** The list's file name: the last path segment of its URL, a plain name. */
function listFileName(batch: BatchSource): string {
  let url: URL;
  try {
    url = new URL(batch.url);
  } catch {
    url = new URL("invalid:");
  }
  const name = decodeURIComponent(url.pathname.split("/").at(-1) ?? "");
  if (
    (url.protocol !== "https:" && url.protocol !== "http:") ||
    !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)
  ) {
    throw new CredanchorError(
      "STATUS_LIST_URL_INVALID",
      `${batch.file}: credentialStatus.statusListCredential "${batch.url}" is not an http(s) URL ending in a file name (such as https://example.edu/credanchor/status/<list id>.json).`,
      { file: batch.file, field: "credentialStatus.statusListCredential", url: batch.url },
    );
  }
  return name;
}

/**
 * One credential per batch among `inputs`: files as given; a folder through its credentials/
 * (an issue output folder) or itself, reading only until every batch of its report.json is seen.
 */
async function findBatches(inputs: string[]): Promise<BatchSource[]> {
  const batches = new Map<string, BatchSource>();
  const add = (source: BatchSource) => {
    const key = `${source.chainId}/${source.registry}/${source.issuer}/${source.root}`;
    const seen = batches.get(key);
    if (seen === undefined) batches.set(key, source);
    else if (seen.url !== source.url || seen.issuerId !== source.issuerId) {
      throw new CredentialFileError(
        source.file,
        `names ${source.url} and issuer ${source.issuerId} for batch ${source.root}, but ${seen.file} names ${seen.url} and ${seen.issuerId}`,
        { other: seen.file },
      );
    }
  };
  for (const input of inputs) {
    if (!(await isDirectory(input))) {
      add(await readBatchSource(input));
      continue;
    }
    const dir = (await isDirectory(path.join(input, CREDENTIALS_DIR)))
      ? path.join(input, CREDENTIALS_DIR)
      : input;
    const wanted = await reportedRoots(input);
    const found = new Set<string>();
    for (const file of await credentialFilesIn(dir)) {
      const source = await readBatchSource(file);
      add(source);
      found.add(source.root);
      if (wanted !== undefined && [...wanted].every((root) => found.has(root))) break;
    }
    if (found.size === 0) {
      throw new CredanchorError(
        "OUTPUT_FOLDER_INVALID",
        `${input}: holds no credential files (*${CREDENTIAL_SUFFIX}).`,
        { folder: input },
      );
    }
  }
  return [...batches.values()];
}

/** The batch roots an issue run's report.json lists as anchored, if the folder has one. */
async function reportedRoots(folder: string): Promise<Set<string> | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(folder, REPORT_FILE), "utf8");
  } catch {
    return undefined;
  }
  try {
    const report = JSON.parse(text) as { batches?: Array<{ root?: unknown; status?: unknown }> };
    const roots = (report.batches ?? [])
      .filter((b) => b.status !== undefined && typeof b.root === "string")
      .map((b) => String(b.root).toLowerCase());
    return roots.length > 0 ? new Set(roots) : undefined;
  } catch {
    return undefined; // Not a report we can read: read every credential file instead.
  }
}

async function credentialFilesIn(dir: string): Promise<string[]> {
  const entries = await listInputFolder(dir);
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(CREDENTIAL_SUFFIX) && !e.name.startsWith("."))
    .map((e) => path.join(dir, e.name))
    .sort();
}

/**
 * The batch of a v2 credential file: where it is anchored (locateCredential), its status list URL
 * and its issuer's did:key.
 * TODO(v2 reader): read through src/credential's one reader once it lands (helper "format").
 */
async function readBatchSource(file: string): Promise<BatchSource> {
  const text = await readInputText(file);
  let json: unknown;
  try {
    json = parseCredentialJson(text, file);
  } catch (error) {
    throw new CredentialFileError(file, `is not credential JSON (${(error as Error).message})`);
  }
  const credential = json as Record<string, unknown>;
  const status = credential.credentialStatus as Record<string, unknown> | undefined;
  if (
    typeof status !== "object" ||
    status === null ||
    status.type !== "BitstringStatusListEntry" ||
    typeof status.statusListCredential !== "string"
  ) {
    throw new CredentialFileError(
      file,
      "has no BitstringStatusListEntry credentialStatus with a statusListCredential URL (a v1 credential has no published list; its status is on chain only)",
      { field: "credentialStatus" },
    );
  }
  const issuer = credential.issuer as { id?: unknown } | string | undefined;
  const issuerId = typeof issuer === "string" ? issuer : issuer?.id;
  if (typeof issuerId !== "string" || !issuerId.startsWith("did:key:")) {
    throw new CredentialFileError(file, "issuer.id is not a did:key", { field: "issuer.id" });
  }
  const proofs = Array.isArray(credential.proof) ? credential.proof : [credential.proof];
  const anchorProof = proofs.find(
    (p) => typeof p === "object" && p !== null && p.type === "CredanchorMerkleProof",
  ) as { anchor?: { leafCount?: unknown } } | undefined;
  const hint = anchorProof?.anchor?.leafCount;
  const where = locateCredential({ file, credential: credential as never });
  return {
    file,
    chainId: where.chainId,
    registry: where.registry,
    issuer: where.issuer,
    root: where.root,
    url: status.statusListCredential,
    issuerId,
    ...(typeof hint === "number" && Number.isSafeInteger(hint) && hint > 0
      ? { leafCountHint: hint }
      : {}),
  };
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}
