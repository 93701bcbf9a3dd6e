// Credential files as the commands read and write them (docs/format.md; `credanchor issue` writes
// them as <id>.credential.json). Reads go through the SDK's one credential parser (a leading BOM
// is accepted, a member named twice is refused) and name the file and the field at fault; writes
// replace a file whole, through the issuer's atomic write.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { type Address, getAddress, type Hex, isAddress } from "viem";
import { parseCaip2 } from "../../chain/index.ts";
import {
  type CredanchorCredential,
  CredentialJsonError,
  parseCredentialJson,
} from "../../credential/index.ts";
import { CredanchorError } from "../../errors.ts";
import { writeFileAtomic } from "../../issuer/atomicFile.ts";

export interface CredentialFile {
  file: string;
  credential: CredanchorCredential;
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
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CredanchorError(
      "FILE_UNREADABLE",
      `${file}: ${code === "ENOENT" ? "no such file" : `cannot be read (${code ?? String(error)})`}.`,
      { file },
    );
  }
  const parsed = parseCredentialDocument(text, file);
  if (parsed === undefined) {
    throw new CredentialFileError(
      file,
      "is not a credential file (it has no credentialStatus and proof objects)",
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
  if (!isObject(json) || !isObject(json.credentialStatus) || !isObject(json.proof))
    return undefined;
  return { file, credential: json as unknown as CredanchorCredential };
}

/** Where a credential that lost its batch root (with its proof) still points. */
export type PartialLocation = Omit<CredentialLocation, "root"> & { root?: Hex };

/** The credential's place on chain, checked field by field; the batch root must be there. */
export function locateCredential(loaded: CredentialFile): CredentialLocation {
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

/** Like locateCredential, but a missing batch root is allowed (taken from proof.anchor if there). */
export function locateCredentialPartly(loaded: CredentialFile): PartialLocation {
  const status = loaded.credential.credentialStatus as unknown as Record<string, unknown>;
  const field = (name: string, problem: string) =>
    new CredentialFileError(loaded.file, `credentialStatus.${name} ${problem}`, {
      field: `credentialStatus.${name}`,
    });
  let chainId: number;
  try {
    chainId = parseCaip2(String(status.chainId));
  } catch {
    throw field("chainId", "is not a CAIP-2 chain id such as eip155:8453");
  }
  const address = (name: string): Address => {
    const value = status[name];
    if (typeof value !== "string" || !isAddress(value, { strict: false })) {
      throw field(name, "is not an address");
    }
    return getAddress(value);
  };
  const root = status.batchRoot ?? loaded.credential.proof.anchor?.merkleRoot;
  if (root !== undefined && (typeof root !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(root))) {
    throw field("batchRoot", "is not 32 bytes of hex");
  }
  const index = status.batchIndex;
  if (typeof index !== "number" || !Number.isSafeInteger(index) || index < 0) {
    throw field("batchIndex", "is not a credential index");
  }
  return {
    chainId,
    registry: address("registryAddress"),
    issuer: address("issuerAddress"),
    ...(root === undefined ? {} : { root: root.toLowerCase() as Hex }),
    index,
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
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      throw new CredanchorError(
        "FILE_UNREADABLE",
        `${dir}: cannot list the folder (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
        { folder: dir },
      );
    }
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
  credential: CredanchorCredential,
): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(credential, null, 2)}\n`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
