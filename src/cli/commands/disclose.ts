// `credanchor disclose`: the holder writes a copy of their credential (v1 or v2) that shows only
// some claims: --reveal names what to show, --hide what to leave out of everything else (the
// award date included); what is always shown (issuer, type, expiry, status, achievement, the kind
// of every object shown) cannot be hidden, and asking says so. --list prints every field with its
// human label and whether it can be hidden. No chain, no network: the copy proves itself against
// the same anchor as the original.
import { access } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import {
  AWARD_DATE_POINTER,
  type DisclosureChoice,
  DisclosureError,
  disclose,
  listDisclosureChoices,
  verifyIntegrity,
} from "../../credential/index.ts";
import { CredanchorError } from "../../errors.ts";
import { fieldLabel, hideableLabel, type Language, message } from "../../labels/index.ts";
import { neutralise } from "../../verifier/index.ts";
import { LANGUAGE_HELP, parseLanguage } from "../language.ts";
import {
  CredentialFileError,
  readCredentialFile,
  readingOf,
  writeCredentialFile,
} from "./credentialFiles.ts";
import { outputOf } from "./report.ts";

type DiscloseCommandOptions = {
  reveal?: string[];
  hide?: string[];
  list?: boolean;
  lang: string;
  out?: string;
  force?: boolean;
};

export function register(program: Command): void {
  program
    .command("disclose <file>")
    .description(
      "holder: write a copy of a credential that shows only some fields (the rest stay provable but hidden); --list shows every field and whether it can be hidden",
    )
    .option(
      "--reveal <pointers...>",
      'fields to show, by the pointer --list prints, e.g. /credentialSubject/result /credentialSubject/identifier/0 ("" shows all)',
    )
    .option(
      "--hide <pointers...>",
      "fields to hide; alone, everything else is shown. E.g. /validFrom (the award date: the degree but not the year)",
    )
    .option(
      "--list",
      "print every field with its label, whether shown and whether it can be hidden",
    )
    .option("--lang <language>", LANGUAGE_HELP, "en")
    .option("--out <file>", "where to write the copy (default: <file> with .disclosed.json)")
    .option("--force", "replace --out if it exists")
    .action(async (file: string, options: DiscloseCommandOptions, command: Command) => {
      const lang = parseLanguage(options.lang);
      const reading = readingOf(await readCredentialFile(file));
      if (reading.version === "foreign") {
        throw new CredentialFileError(
          file,
          `is a credential signed by ${reading.issuerId}, not a credanchor credential: it has no salted claims to disclose`,
        );
      }
      const credential = reading.credential;
      const choices = listDisclosureChoices(credential);
      if (options.list) {
        const fields = choices.map((c) => ({
          ...c,
          label: fieldLabel(c.pointer, lang, credential),
        }));
        outputOf(command).result({ file, credentialId: credential.id, fields }, (r) =>
          listTable(r.fields, lang),
        );
        return;
      }
      if (options.reveal === undefined && options.hide === undefined) {
        throw new CredanchorError(
          "OPTION_INVALID",
          `Say what the copy of ${file} shows: --reveal <fields>, --hide <fields> (everything else shown), or --list to see the fields.`,
          { option: "--reveal" },
        );
      }
      const reveal = options.reveal ?? [""];
      const hide = options.hide ?? [];
      let copy: typeof credential;
      try {
        copy = disclose(credential, reveal, { hide });
      } catch (error) {
        throw explained(error, file, lang, credential, choices);
      }
      const target = options.out ?? defaultOut(file);
      if (!options.force && (await exists(target))) {
        throw new CredanchorError(
          "FILE_EXISTS",
          `${target} exists: choose another --out, or pass --force to replace it.`,
          { file: target },
        );
      }
      await writeCredentialFile(target, copy);
      const integrity = verifyIntegrity(copy);
      const hiddenPointers = integrity.ok ? integrity.hidden : [];
      const valueFields = new Set(
        choices.filter((c) => c.hideable === "yes").map((c) => c.pointer),
      );
      const notes: string[] = [];
      const anchoredOn = anchoringDate(copy);
      if (hiddenPointers.includes(AWARD_DATE_POINTER)) {
        notes.push(
          anchoredOn === null
            ? message(lang, "anchorTimeStays")
            : message(lang, "anchorDateStays", { date: anchoredOn }),
        );
      }
      outputOf(command).result(
        {
          file: target,
          from: file,
          credentialId: copy.id,
          revealed: reveal,
          hid: hide,
          disclosedClaims: integrity.ok ? integrity.disclosed.length : 0,
          hiddenClaims: hiddenPointers.length,
          hidden: hiddenPointers.map((pointer) => ({
            pointer,
            label: fieldLabel(pointer, lang, credential),
          })),
          notes,
        },
        (r) =>
          [
            `Wrote ${r.file}: ${r.disclosedClaims} fields shown, ${r.hiddenClaims} hidden.`,
            // The values hidden, not the kind members that went with their objects.
            ...uniqueLabels(r.hidden.filter((f) => valueFields.has(f.pointer))).map(
              (label) => `  hidden: ${neutralise(label)}`,
            ),
            ...r.notes,
          ].join("\n"),
      );
    });
}

/** A refusal to hide a mandatory field, said with the field's label and what can be hidden. */
function explained(
  error: unknown,
  file: string,
  lang: Language,
  credential: unknown,
  choices: readonly DisclosureChoice[],
): unknown {
  if (!(error instanceof DisclosureError) || error.code !== "DISCLOSURE_CLAIM_MANDATORY") {
    return error;
  }
  const pointer = String(error.details.pointer);
  const hideable = uniqueLabels(
    choices
      .filter((c) => c.hideable === "yes" && c.shown)
      .map((c) => ({ label: fieldLabel(c.pointer, lang, credential) })),
  );
  const text = message(lang, "mandatoryHide", {
    label: fieldLabel(pointer, lang, credential),
    pointer,
    hideable: hideable.join(", "),
  });
  return new CredanchorError(error.code, `${file}: ${text}`, {
    ...error.details,
    file,
    hideable: choices.filter((c) => c.hideable === "yes" && c.shown).map((c) => c.pointer),
  });
}

function uniqueLabels(fields: readonly { label: string }[]): string[] {
  return [...new Set(fields.map((f) => f.label))];
}

/** The anchor proof's `created` (v2), as a date: the award was made on or before it. */
function anchoringDate(copy: unknown): string | null {
  const proof = (copy as { proof?: unknown }).proof;
  const anchor = Array.isArray(proof) ? proof[0] : proof;
  const created = (anchor as { created?: unknown } | undefined)?.created;
  return typeof created === "string" ? created.slice(0, 10) : null;
}

function listTable(fields: readonly (DisclosureChoice & { label: string })[], lang: Language) {
  const rows = fields.map((f) => [
    f.label,
    f.shown ? shortValue(f.value) : `(${message(lang, "hidden")})`,
    hideableLabel(lang, f.hideable),
    f.pointer,
  ]);
  const header = ["FIELD", "VALUE", "HIDE?", "POINTER (for --reveal / --hide)"];
  const cells = [header, ...rows].map((row) => row.map(neutralise));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells
    .map((row) =>
      row
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function shortValue(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

function defaultOut(file: string): string {
  const ext = path.extname(file);
  const base = ext === ".json" ? file.slice(0, -ext.length) : file;
  return `${base}.disclosed.json`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
