// Credential files as the commands read and write them (docs/format.md; `credanchor issue` writes
// them as <id>.credential.json). Reads go through the SDK's one credential parser (a leading BOM
// is accepted, a member named twice is refused) and its one reader (v1, v2, or another issuer's
// signed credential), and name the file and the field at fault; writes replace a file whole,
// through the issuer's atomic write.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Address, Hex } from "viem";
import {
  type AnyCredanchorCredential,
  type CredanchorCredential,
  CredentialFormatError,
  CredentialJsonError,
  type CredentialReading,
  parseCredentialJson,
  proofLayoutOf,
  readCredential,
} from "../../credential/index.ts";
import { CredanchorError } from "../../errors.ts";
import { writeFileAtomic } from "../../issuer/atomicFile.ts";
import { isBytes32 } from "../../values/index.ts";
import { listInputFolder, readInputText } from "../inputFiles.ts";

export interface CredentialFile {
  file: string;
  /** The file's credential, v1 or v2; what it holds is read through readingOf / locateCredential. */
  credential: AnyCredanchorCredential;
}

/** Where the registry keeps this credential's status. */
export interface CredentialLocation {
  chainId: number;
  registry: Address;
  issuer: Address;
  root: Hex;
  index: number;
}

export class CredentialFileError extends CredanchorError {
  override readonly name = "CredentialFileError";
  constructor(file: string, problem: string, details: Record<string, unknown> = {}) {
    super("CREDENTIAL_FILE_INVALID", `${file}: ${problem}.`, { file, ...details });
  }
}

export async function readCredentialFile(file: string): Promise<CredentialFile> {
  const text = await readInputText(file);
  const parsed = parseCredentialDocument(text, file);
  if (parsed === undefined) {
    throw new CredentialFileError(
      file,
      "is not a credential file (it has no credanchor proof nor Data Integrity proof)",
    );
  }
  return parsed;
}

function parseCredentialDocument(text: string, file: string): CredentialFile | undefined {
  let json: unknown;
  try {
    json = parseCredentialJson(text, file);
  } catch (error) {
    if (!(error instanceof CredentialJsonError)) throw error;
    // The parser's message starts with the file name, as ours do; keep its wording after it.
    const problem = error.message.slice(`${file}: `.length).replace(/\.$/, "");
    const { source: _source, ...details } = error.details;
    throw new CredentialFileError(
      file,
      error.problem === "NOT_JSON" ? `is ${problem}` : problem,
      details,
    );
  }
  // Which layout it has is all a command needs to know a credential file; what a command uses of
  // it is checked by the reader when it is used, so `verify` can still report a tampered file.
  if (proofLayoutOf(json) === undefined) return undefined;
  return { file, credential: json as unknown as CredanchorCredential };
}

/** Where a credential that lost its batch root (with its proof) still points. */
export type PartialLocation = Omit<CredentialLocation, "root"> & { root?: Hex };

/** The credential's place on chain, checked field by field; the batch root must be there. */
export function locateCredential(loaded: LoadedCredential): CredentialLocation {
  const where = locateCredentialPartly(loaded);
  if (where.root === undefined) {
    throw new CredentialFileError(
      loaded.file,
      "credentialStatus.batchRoot is missing: the credential was never anchored (or lost its root; see `credanchor recover`)",
      { field: "credentialStatus.batchRoot" },
    );
  }
  return { ...where, root: where.root };
}

type LoadedCredential = {
  file: string;
  credential: CredanchorCredential | AnyCredanchorCredential;
};

/** What a loaded file is (readCredential), or a CredentialFileError naming the field at fault. */
export function readingOf(loaded: LoadedCredential): CredentialReading {
  try {
    return readCredential(loaded.credential, loaded.file);
  } catch (error) {
    if (!(error instanceof CredentialFormatError)) throw error;
    const [first] = error.problems;
    const field = (first?.pointer ?? "").slice(1).replaceAll("/", ".");
    throw new CredentialFileError(loaded.file, `${field} ${first?.message ?? "is malformed"}`, {
      field,
      problems: error.problems,
    });
  }
}

/** Like locateCredential, but a missing batch root is allowed (taken from the anchor if there). */
export function locateCredentialPartly(loaded: LoadedCredential): PartialLocation {
  const reading = readingOf(loaded);
  if (reading.version === "foreign") {
    throw new CredentialFileError(
      loaded.file,
      `is a credential signed by ${reading.issuerId}, not anchored with credanchor: it has no registry slot`,
    );
  }
  const { status } = reading;
  const root = status.batchRoot ?? reading.anchorProof.anchor?.merkleRoot;
  if (root !== undefined && !isBytes32(root)) {
    throw new CredentialFileError(
      loaded.file,
      "credentialStatus.batchRoot is not 32 bytes of hex",
      {
        field: "credentialStatus.batchRoot",
      },
    );
  }
  return {
    chainId: status.chainId,
    registry: status.registryAddress,
    issuer: status.issuerAddress,
    ...(root === undefined ? {} : { root: root.toLowerCase() as Hex }),
    index: status.batchIndex,
  };
}

/**
 * Finds the credentials with the given ids among the JSON files under `folder` (recursively),
 * stopping once all are found. Files that are not credentials are skipped.
 */
export async function findCredentialsById(
  folder: string,
  ids: readonly string[],
): Promise<Map<string, CredentialFile>> {
  const wanted = new Set(ids);
  const found = new Map<string, CredentialFile>();
  const walk = async (dir: string): Promise<void> => {
    const entries = await listInputFolder(dir);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (found.size === wanted.size) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && entry.name.endsWith(".json") && !entry.name.startsWith(".")) {
        let loaded: CredentialFile | undefined;
        try {
          loaded = parseCredentialDocument(await readFile(full, "utf8"), full);
        } catch {
          continue; // Not JSON: not a credential file.
        }
        const id = loaded?.credential.id;
        if (loaded !== undefined && typeof id === "string" && wanted.has(id) && !found.has(id)) {
          found.set(id, loaded);
        }
      }
    }
  };
  await walk(folder);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new CredanchorError(
      "CREDENTIAL_NOT_FOUND",
      `No credential file under ${folder} has the id ${missing.join(", ")}.`,
      { folder, ids: missing },
    );
  }
  return found;
}

/** Writes a credential file whole or not at all (a temporary sibling renamed over it). */
export async function writeCredentialFile(
  file: string,
  credential: CredanchorCredential | AnyCredanchorCredential,
): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(credential, null, 2)}\n`);
}
