// The words people read instead of JSON Pointers and codes: one catalogue per language (en.json,
// fr.json; a translator edits those files only), looked up here by the CLI and the web page.
// Kept out of the verifier: `import { verify }` never loads it. A string missing from a language
// falls back to English; a field with no label of its own is named from its nearest labelled
// ancestor and its member names, never shown as a raw pointer.
import { type JsonPointer, parsePointer } from "../credential/index.ts";
import { valueAt } from "../values/index.ts";
import en from "./en.json" with { type: "json" };
import fr from "./fr.json" with { type: "json" };

export type Catalogue = typeof en;
export type MessageKey = keyof Catalogue["messages"];

/** The languages shipped, by BCP 47 primary tag; English first (the fallback). */
export const CATALOGUES: Readonly<Record<string, Catalogue>> = { en, fr: fr as Catalogue };

export type Language = string;

/** The first of `wanted` (e.g. navigator.languages, "fr-CA") we have a catalogue for, else "en". */
export function pickLanguage(wanted: readonly string[] | string | undefined): Language {
  const list = typeof wanted === "string" ? [wanted] : (wanted ?? []);
  for (const tag of list) {
    const primary = tag.toLowerCase().split(/[-_]/)[0] ?? "";
    if (Object.hasOwn(CATALOGUES, primary)) return primary;
  }
  return "en";
}

function lookup<S extends keyof Catalogue>(
  language: Language,
  section: S,
  key: string,
): string | undefined {
  for (const catalogue of [CATALOGUES[language], en]) {
    const strings = catalogue?.[section] as Record<string, string> | undefined;
    if (strings !== undefined && Object.hasOwn(strings, key)) return strings[key];
  }
  return undefined;
}

/** A UI message with its {placeholders} filled in. */
export function message(
  language: Language,
  key: MessageKey,
  values: Readonly<Record<string, string | number>> = {},
): string {
  const text = lookup(language, "messages", key) ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/** The words for a revocation or suspension reason code (0-255); unnamed codes as "code N". */
export function reasonLabel(language: Language, code: number): string {
  return lookup(language, "reasons", String(code)) ?? `code ${code}`;
}

/** The title and summary of a verdict ("valid", "revoked"...), as the page's banner shows them. */
export function statusWords(
  language: Language,
  status: string,
): { title: string; summary: string } {
  for (const catalogue of [CATALOGUES[language], en]) {
    const statuses = catalogue?.statuses as Record<string, { title: string; summary: string }>;
    if (statuses !== undefined && Object.hasOwn(statuses, status)) return statuses[status]!;
  }
  return { title: status, summary: "" };
}

/** A check's name, a check result's word, or a warning's heading, by its id or code. */
export function words(
  language: Language,
  section: "checks" | "checkResults" | "warnings",
  key: string,
): string {
  return lookup(language, section, key) ?? key;
}

/** A check or warning as the catalogue reads it: its code, English message and params. */
export type Detail = {
  readonly code: string;
  readonly message: string;
  readonly params?: Readonly<Record<string, string | number>>;
};

/**
 * The sentence under a check, in the reader's language: the catalogue's message for its code with
 * its params filled in ({phrase} first, from checkPhrases). The check's English message when the
 * code has no catalogue message, the check has no params (made by another checker, or an older
 * report) or a placeholder has no value, so a reader never sees a half-filled sentence.
 */
export function checkMessage(
  language: Language,
  check: Detail,
  format: FormatValue = String,
): string {
  return detailMessage(language, "checkMessages", check, format);
}

/** A warning's sentence in the reader's language, on the same terms as checkMessage. */
export function warningMessage(
  language: Language,
  warning: Detail,
  format: FormatValue = String,
): string {
  return detailMessage(language, "warningMessages", warning, format);
}

/** How a param is written into a sentence: a page writes dates in the reader's language. */
export type FormatValue = (value: string | number) => string;

function detailMessage(
  language: Language,
  section: "checkMessages" | "warningMessages",
  detail: Detail,
  format: FormatValue,
): string {
  const { params } = detail;
  if (params === undefined) return detail.message;
  let template = lookup(language, section, detail.code);
  if (template === undefined) return detail.message;
  if (template.includes("{phrase}")) {
    const phrase =
      params.phrase === undefined
        ? undefined
        : lookup(language, "checkPhrases", String(params.phrase));
    if (phrase === undefined) return detail.message;
    template = template.replace("{phrase}", () => phrase);
  }
  let complete = true;
  // One pass over the template: a value that itself holds "{x}" (text from a file) stays as is.
  const text = template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (name !== "phrase" && Object.hasOwn(params, name)) return format(params[name]!);
    complete = false;
    return whole;
  });
  return complete ? text : detail.message;
}

/** How hideable a field is, in words. */
export function hideableLabel(language: Language, hideable: "yes" | "always" | "withObject") {
  return lookup(language, "hideable", hideable) ?? hideable;
}

/**
 * The human label of the field at `pointer`. With the credential, labels say more: an
 * identifier is named by its kind ("Holder's e-mail"), a result by the name of the result the
 * achievement describes ("Result “Final grade”").
 */
export function fieldLabel(
  pointer: JsonPointer,
  language: Language = "en",
  credential?: unknown,
): string {
  const tokens = parsePointer(pointer);
  const byKind = identifierLabel(tokens, language, credential);
  if (byKind !== undefined) return byKind;
  for (let length = tokens.length; length >= 1; length--) {
    const head = tokens.slice(0, length);
    const found = patternLabel(head, language);
    if (found === undefined) continue;
    const rest = tokens.slice(length).map((token) => memberWord(token, language));
    const label = fillItem(found.label, found.item, tokens, credential);
    return rest.length === 0 ? label : `${label} › ${rest.join(" › ")}`;
  }
  return tokens.map((token) => memberWord(token, language)).join(" › ") || "(document)";
}

/** The catalogue's label for exactly these tokens ("*" in a pattern stands for an array index). */
function patternLabel(
  tokens: readonly string[],
  language: Language,
): { label: string; item: number | undefined } | undefined {
  const exact = lookup(language, "fields", `/${tokens.join("/")}`);
  if (exact !== undefined) return { label: exact, item: undefined };
  const wild = tokens.findIndex((t) => /^\d+$/.test(t));
  if (wild < 0) return undefined;
  const pattern = tokens.map((t, i) => (i === wild ? "*" : t));
  const label = lookup(language, "fields", `/${pattern.join("/")}`);
  return label === undefined ? undefined : { label, item: wild };
}

/** {1} in a label: the named result, or the item's number counted from 1. */
function fillItem(
  label: string,
  item: number | undefined,
  tokens: readonly string[],
  credential: unknown,
): string {
  if (item === undefined || !label.includes("{1}")) return label;
  const index = Number(tokens[item]);
  const name =
    tokens[0] === "credentialSubject" && tokens[1] === "result" && item === 2
      ? resultName(credential, index)
      : undefined;
  return label.replace("{1}", name === undefined ? String(index + 1) : `“${name}”`);
}

function memberWord(token: string, language: Language): string {
  if (/^\d+$/.test(token)) return String(Number(token) + 1);
  const word = lookup(language, "members", token);
  if (word !== undefined) return word;
  // camelCase -> words: "fieldOfStudy" -> "field of study".
  return token.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

/**
 * An identifier and its members named by its kind ("Holder's e-mail (hashed)", "Student
 * number: hash salt") when the credential shows the kind; numbered otherwise.
 */
function identifierLabel(
  tokens: readonly string[],
  language: Language,
  credential: unknown,
): string | undefined {
  if (tokens[0] !== "credentialSubject" || tokens[1] !== "identifier" || tokens.length < 3) {
    return undefined;
  }
  if (tokens.length > 4) return undefined;
  const identifier = ["credentialSubject", "identifier", tokens[2]!];
  const type = valueAt(credential, [...identifier, "identityType"]);
  if (typeof type !== "string") return undefined;
  // An issuer's own kind ("ext:…", as OB 3.0 allows) is named as the file names it.
  const kind =
    lookup(language, "identityTypes", type) ??
    (type.startsWith("ext:") && type.length > 4
      ? `${lookup(language, "identityTypes", "identifier")} (${type.slice(4)})`
      : undefined);
  if (kind === undefined) return undefined;
  const member = tokens[3] ?? "identityHash";
  const key =
    member !== "identityHash"
      ? member
      : valueAt(credential, [...identifier, "hashed"]) === true
        ? "hashedValue"
        : "value";
  return lookup(language, "identifierFields", key)?.replace("{kind}", kind);
}

/** The name the achievement gives the result at credentialSubject.result[index], if shown. */
export function resultName(credential: unknown, index: number): string | undefined {
  const id = valueAt(credential, [
    "credentialSubject",
    "result",
    String(index),
    "resultDescription",
  ]);
  const descriptions = valueAt(credential, [
    "credentialSubject",
    "achievement",
    "resultDescription",
  ]);
  if (typeof id !== "string" || !Array.isArray(descriptions)) return undefined;
  const described = descriptions.find(
    (d: unknown) => d !== null && typeof d === "object" && (d as { id?: unknown }).id === id,
  ) as { name?: unknown } | undefined;
  return typeof described?.name === "string" ? described.name : undefined;
}
