// Pairs each holder file of an issue run's output folder with its graduate's address, before
// anything is sent: every holder file must have one usable address, every address row must name a
// holder file, and an address must be the one the credential was issued to when the credential
// carries an e-mail identifier (hashed or not), so a row shifted in a spreadsheet cannot send one
// graduate's credential to another (unless the caller turns the check off: personal addresses
// after graduation are not the ones issued to).
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type AnyCredanchorCredential,
  CredentialJsonError,
  parseCredentialJson,
  readCredential,
} from "../credential/index.ts";
import { CredanchorError } from "../errors.ts";
import { CREDENTIAL_SUFFIX, CREDENTIALS_DIR, JOURNAL_FILE } from "../issuer/index.ts";
import type { Recipient, RecipientList, RecipientProblem } from "./recipients.ts";

/** One graduate to deliver to: their holder file, what the message says, and where it goes. */
export interface Delivery {
  /** The holder file's id (`<id>.credential.json`). */
  id: string;
  file: string;
  /** The holder file's exact bytes: the attachment. */
  bytes: Buffer;
  credential: AnyCredanchorCredential;
  credentialId: string;
  holderName: string | null;
  achievement: string;
  issuerName: string;
  /** The award date, YYYY-MM-DD. */
  awardDate: string;
  to: Recipient;
}

export interface DeliveryPlan {
  outDir: string;
  deliveries: Delivery[];
  /** Holder files (or rows) that cannot be delivered, named by file or row. */
  problems: RecipientProblem[];
  /**
   * Rows naming no holder file of the folder (a graduate of another run, a row rejected at
   * issue): not a problem for this folder, but reported.
   */
  unmatched: RecipientProblem[];
  /** Holder files in the folder. */
  holders: number;
}

/** Reads the output folder's holder files and matches them to `list`. */
export async function planDelivery(
  outDir: string,
  list: RecipientList,
  options: { checkAddresses?: boolean } = {},
): Promise<DeliveryPlan> {
  await requireCompletedRun(outDir);
  const dir = join(outDir, CREDENTIALS_DIR);
  const names = (await readdir(dir)).filter((n) => n.endsWith(CREDENTIAL_SUFFIX)).sort();
  const byId = new Map(list.recipients.map((r) => [r.id, r]));
  const problems = [...list.problems];
  const deliveries: Delivery[] = [];
  const ids = new Set<string>();
  const listed = new Set(list.problems.map((p) => p.id).filter((id) => id !== undefined));
  for (const name of names) {
    const id = name.slice(0, -CREDENTIAL_SUFFIX.length);
    ids.add(id);
    const file = join(dir, name);
    // A row of this id is unusable (a bad address, the id twice): skipped whatever other row says.
    if (listed.has(id)) continue;
    const recipient = byId.get(id);
    if (recipient === undefined) {
      problems.push({
        file,
        id,
        code: "ADDRESS_MISSING",
        reason: `no row of ${list.file} has id ${id}`,
      });
      continue;
    }
    const bytes = await readFile(file);
    const credential = readHolderFile(bytes, file);
    const mismatch =
      options.checkAddresses === false ? undefined : addressMismatch(credential, recipient.email);
    if (mismatch !== undefined) {
      problems.push({
        file: list.file,
        line: recipient.line,
        id,
        email: recipient.email,
        code: "ADDRESS_MISMATCH",
        reason: `${recipient.email} is not the ${mismatch} ${name} was issued to: is the row shifted? (--no-address-check if these are other addresses of the same graduates)`,
      });
      continue;
    }
    deliveries.push({
      id,
      file,
      bytes,
      credential,
      credentialId: credential.id,
      holderName: holderNameOf(credential),
      achievement: credential.credentialSubject.achievement.name,
      issuerName: credential.issuer.name,
      awardDate: credential.validFrom.slice(0, 10),
      to: recipient,
    });
  }
  const unmatched: RecipientProblem[] = [];
  for (const recipient of list.recipients) {
    if (!ids.has(recipient.id)) {
      unmatched.push({
        file: list.file,
        line: recipient.line,
        id: recipient.id,
        email: recipient.email,
        code: "ID_UNKNOWN",
        reason: `${dir} has no ${recipient.id}${CREDENTIAL_SUFFIX}`,
      });
    }
  }
  // A bad row naming no holder file of this folder is no problem of this folder's delivery.
  const own = problems.filter((p) => p.id === undefined || ids.has(p.id));
  unmatched.push(...problems.filter((p) => p.id !== undefined && !ids.has(p.id)));
  return { outDir, deliveries, problems: own, unmatched, holders: names.length };
}

/** A folder whose issue run has not finished has holder files still to come (or none). */
async function requireCompletedRun(outDir: string): Promise<void> {
  const journal = await readFile(join(outDir, JOURNAL_FILE), "utf8").catch(() => undefined);
  if (journal === undefined) {
    throw new CredanchorError(
      "OUTPUT_FOLDER_INVALID",
      `${outDir} is not the output folder of a \`credanchor issue\` run (it has no ${JOURNAL_FILE}): give the --out folder of the run.`,
      { outDir },
    );
  }
  if (!journal.split("\n").some((line) => /^\{"step":"completed"/.test(line))) {
    throw new CredanchorError(
      "RUN_INCOMPLETE",
      `The issue run in ${outDir} has not finished: run the same \`credanchor issue\` command again to finish it, then deliver.`,
      { outDir },
    );
  }
}

function readHolderFile(bytes: Buffer, file: string): AnyCredanchorCredential {
  let value: unknown;
  try {
    value = parseCredentialJson(bytes.toString("utf8"), file);
  } catch (error) {
    if (error instanceof CredentialJsonError) {
      throw new CredanchorError("CREDENTIAL_FILE_INVALID", error.message, { file });
    }
    throw error;
  }
  const reading = readCredential(value, file);
  if (reading.version === "foreign") {
    throw new CredanchorError(
      "CREDENTIAL_FILE_INVALID",
      `${file}: is not a credanchor credential; the folder must hold what \`credanchor issue\` wrote.`,
      { file },
    );
  }
  return reading.credential;
}

function holderNameOf(credential: AnyCredanchorCredential): string | null {
  const name = credential.credentialSubject.identifier?.find(
    (i) => i?.identityType === "name" && i.hashed === false,
  );
  return name?.identityHash ?? null;
}

/**
 * "address" or "hashed address" when the credential names an e-mail address that `email` is
 * not; undefined when it matches or the credential names none. OB 3.0's IdentityHash is
 * "sha256$" + hex(sha256(address + salt)).
 */
function addressMismatch(credential: AnyCredanchorCredential, email: string): string | undefined {
  const named = (credential.credentialSubject.identifier ?? []).filter(
    (i) => i?.identityType === "emailAddress" && typeof i.identityHash === "string",
  );
  if (named.length === 0) return undefined;
  for (const identifier of named) {
    const value = identifier!.identityHash!;
    if (identifier!.hashed !== true) {
      if (value.toLowerCase() === email.toLowerCase()) return undefined;
      continue;
    }
    if (!value.startsWith("sha256$")) return undefined; // md5$ or unknown: cannot check
    const digest = createHash("sha256")
      .update(email + (identifier!.salt ?? ""))
      .digest("hex");
    if (value.slice("sha256$".length).toLowerCase() === digest) return undefined;
  }
  return named.some((i) => i!.hashed === true) ? "hashed address" : "address";
}
