// `credanchor disclose`: the holder writes a copy of their credential (v1 or v2) that shows only
// the claims named by JSON Pointer (plus those always shown: issuer, type, expiry, status,
// achievement, the type of every object shown, and the award date unless --hide /validFrom).
// No chain, no network: the copy proves itself against the same anchor as the original.
import { access } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { disclose, verifyIntegrity } from "../../credential/index.ts";
import { CredanchorError } from "../../errors.ts";
import {
  CredentialFileError,
  readCredentialFile,
  readingOf,
  writeCredentialFile,
} from "./credentialFiles.ts";
import { outputOf } from "./report.ts";

export function register(program: Command): void {
  program
    .command("disclose <file>")
    .description(
      "holder: write a copy of a credential that reveals only some claims (the rest stay provable but hidden)",
    )
    .requiredOption(
      "--reveal <pointers...>",
      'JSON Pointers of the claims to show, e.g. /credentialSubject/result /credentialSubject/identifier/0 ("" shows all)',
    )
    .option(
      "--hide <pointers...>",
      "JSON Pointers of claims to hide although shown by default or by --reveal, e.g. /validFrom (the award date: the degree but not the year)",
    )
    .option("--out <file>", "where to write the copy (default: <file> with .disclosed.json)")
    .option("--force", "replace --out if it exists")
    .action(
      async (
        file: string,
        options: { reveal: string[]; hide?: string[]; out?: string; force?: boolean },
        command: Command,
      ) => {
        const reading = readingOf(await readCredentialFile(file));
        if (reading.version === "foreign") {
          throw new CredentialFileError(
            file,
            `is a credential signed by ${reading.issuerId}, not a credanchor credential: it has no salted claims to disclose`,
          );
        }
        const copy = disclose(reading.credential, options.reveal, { hide: options.hide ?? [] });
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
        const shown = integrity.ok ? integrity.disclosed.length : 0;
        const hidden = integrity.ok ? integrity.hidden.length : 0;
        outputOf(command).result(
          {
            file: target,
            from: file,
            credentialId: copy.id,
            revealed: options.reveal,
            hid: options.hide ?? [],
            disclosedClaims: shown,
            hiddenClaims: hidden,
          },
          (r) =>
            `Wrote ${r.file}: ${r.disclosedClaims} claims shown, ${r.hiddenClaims} hidden (revealed ${r.revealed.map((p) => JSON.stringify(p)).join(", ")}${r.hid.length > 0 ? `; hid ${r.hid.map((p) => JSON.stringify(p)).join(", ")}` : ""}).`,
        );
      },
    );
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
