// What `shred` acts on: the holder files of an issue output folder named by path (the issuer's
// copy, or any copy of one), by row or credential id, or all of them. Every file is read and
// checked before anything is changed, so one bad file stops the run with nothing done.
import { readdir, readFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { type AnyCredanchorCredential, parseCredentialJson } from "../credential/index.ts";
import { CredanchorError } from "../errors.ts";
import { isTemporaryName } from "./atomicFile.ts";
import { CREDENTIAL_SUFFIX } from "./holderFiles.ts";

/** Bad input to shred: nothing was changed. */
export class ShredInputError extends CredanchorError {
  override readonly name = "ShredInputError";
  declare readonly code:
    | "CREDENTIAL_FILE_INVALID"
    | "CREDENTIAL_NOT_FOUND"
    | "OUTPUT_FOLDER_INVALID"
    | "RUN_INCOMPLETE"
    | "SHRED_TARGET_MISSING";
}

export interface ShredTarget {
  file: string;
  source: string;
  credential: AnyCredanchorCredential;
}

export interface TargetSelection {
  files?: readonly string[];
  ids?: readonly string[];
  all?: boolean;
}

/** The anchor proof: a v1 file's one proof, or the first of a v2 file's proof set. */
export function anchorProofOf(credential: AnyCredanchorCredential) {
  return Array.isArray(credential.proof) ? credential.proof[0] : credential.proof;
}

export async function requireOutputFolder(outDir: string, credentialsDir: string): Promise<void> {
  try {
    await readdir(credentialsDir);
  } catch (error) {
    throw new ShredInputError(
      "OUTPUT_FOLDER_INVALID",
      `${outDir} is not an output folder of \`credanchor issue\` (${credentialsDir} cannot be listed: ${(error as NodeJS.ErrnoException).code ?? String(error)}): give the folder passed to issue --out.`,
      { outDir },
    );
  }
}

export async function resolveShredTargets(
  options: TargetSelection,
  outDir: string,
  credentialsDir: string,
): Promise<ShredTarget[]> {
  const targets = new Map<string, ShredTarget>();
  const add = (target: ShredTarget) => {
    if (!targets.has(target.file)) targets.set(target.file, target);
  };
  // Every file is read before anything is changed: one bad file stops the run with nothing done.
  let folder: Map<string, ShredTarget> | undefined;
  const issued = async () => {
    folder ??= await readFolder(credentialsDir);
    return folder;
  };
  for (const given of options.files ?? []) {
    const file = resolve(given);
    const credential = await readCredential(file, given);
    const inFolder = relative(credentialsDir, file);
    if (!inFolder.startsWith("..") && !inFolder.includes(sep)) {
      add({ file, source: given, credential });
      continue;
    }
    const own = [...(await issued()).values()].find((t) => t.credential.id === credential.id);
    if (own === undefined) {
      throw new ShredInputError(
        "CREDENTIAL_NOT_FOUND",
        `${given}: credential ${credential.id} was not issued into ${outDir} (no file in ${credentialsDir} has its id): check --out.`,
        { file: given, credentialId: credential.id, outDir },
      );
    }
    add({ ...own, source: given });
  }
  const unknown: string[] = [];
  for (const id of options.ids ?? []) {
    const all = await issued();
    const own =
      all.get(join(credentialsDir, `${id}${CREDENTIAL_SUFFIX}`)) ??
      [...all.values()].find((t) => t.credential.id === id || t.credential.id === `urn:uuid:${id}`);
    if (own === undefined) unknown.push(id);
    else add({ ...own, source: id });
  }
  if (unknown.length > 0) {
    throw new ShredInputError(
      "CREDENTIAL_NOT_FOUND",
      `No credential in ${credentialsDir} has the id ${unknown.join(", ")}: give a row id (the file name before ${CREDENTIAL_SUFFIX}) or a credential id.`,
      { outDir, ids: unknown },
    );
  }
  if (options.all === true) {
    for (const target of (await issued()).values()) add({ ...target, source: "--all" });
  }
  for (const target of targets.values()) {
    const copy = anchorProofOf(target.credential).encryptedCopy;
    if (copy !== undefined && copy.cid === anchorProofOf(target.credential).anchor?.manifestCid) {
      throw new ShredInputError(
        "CREDENTIAL_FILE_INVALID",
        `${target.file}: proof.encryptedCopy.cid is the batch manifest's CID (${copy.cid}), which shred never takes down; the file was altered.`,
        { file: target.file, cid: copy.cid },
      );
    }
  }
  return [...targets.values()];
}

/** Every holder file of the folder, by path, in name order. */
async function readFolder(credentialsDir: string): Promise<Map<string, ShredTarget>> {
  const names = (await readdir(credentialsDir))
    .filter((name) => name.endsWith(CREDENTIAL_SUFFIX) && !isTemporaryName(name))
    .sort();
  const found = new Map<string, ShredTarget>();
  for (const name of names) {
    const file = join(credentialsDir, name);
    found.set(file, { file, source: "--all", credential: await readCredential(file, file) });
  }
  return found;
}

/**
 * A holder file as shred needs it: an id, a status and a proof whose encryptedCopy (if any) names
 * a CID. Not the CLI's readCredentialFile (src/cli/commands/credentialFiles.ts), which it
 * resembles: the SDK never imports the CLI, and shred's errors are ShredInputErrors that say
 * nothing was shredded.
 */
async function readCredential(file: string, shown: string): Promise<AnyCredanchorCredential> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ShredInputError(
      "CREDENTIAL_FILE_INVALID",
      `${shown}: ${code === "ENOENT" ? "no such file" : `cannot be read (${code ?? String(error)})`}; give a credential file, or its id.`,
      { file: shown },
    );
  }
  let json: unknown;
  try {
    json = parseCredentialJson(text, shown);
  } catch (error) {
    throw new ShredInputError(
      "CREDENTIAL_FILE_INVALID",
      `${(error as Error).message.replace(/\.$/, "")}; nothing was shredded.`,
      { file: shown },
    );
  }
  const doc = json as Record<string, unknown> | null;
  // v1: one proof object; v2: the anchor proof first in the proof set.
  const proof = (Array.isArray(doc?.proof) ? doc.proof[0] : doc?.proof) as
    | Record<string, unknown>
    | undefined;
  if (
    typeof doc !== "object" ||
    doc === null ||
    typeof doc.id !== "string" ||
    typeof doc.credentialStatus !== "object" ||
    typeof proof !== "object" ||
    proof === null
  ) {
    throw new ShredInputError(
      "CREDENTIAL_FILE_INVALID",
      `${shown}: is not a credential file (it has no id, credentialStatus and proof); nothing was shredded.`,
      { file: shown },
    );
  }
  const copy = proof.encryptedCopy as { cid?: unknown } | undefined;
  if (copy !== undefined && (typeof copy !== "object" || typeof copy?.cid !== "string")) {
    throw new ShredInputError(
      "CREDENTIAL_FILE_INVALID",
      `${shown}: proof.encryptedCopy is not {cid, key}; nothing was shredded.`,
      { file: shown, field: "proof.encryptedCopy" },
    );
  }
  return json as AnyCredanchorCredential;
}
