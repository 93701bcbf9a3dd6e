// What a certificate shows, read from a credential through the one reader (readCredential): the
// issuer, the holder's name (or that the holder hid it), the achievement, the award date and the
// results the file carries. Works on full and disclosed copies; a hidden claim is never guessed.
// It draws; it does not verify: the page and the verifier say whether what is drawn is true.
import { readCredential } from "../credential/index.ts";
import { isObject } from "../values/index.ts";
import { type CertificateWords, wordsOf } from "./words.ts";

type Json = Record<string, unknown>;

/** The issuer's look: what a template may use besides the credential. */
export interface CertificateStyle {
  /** Background of the page, e.g. "#fffdf6". */
  paper: string;
  /** Frame, titles and seal, e.g. "#1f3a5f". */
  primary: string;
  /** The inner rule and the small print, e.g. "#b08d3c". */
  accent: string;
  /** The body text. */
  ink: string;
  /** The logo as a data: URI (PNG or JPEG) or URL; the PDF draws data: URIs only. Else a seal. */
  logo?: string;
  /** The heading, e.g. "Diploma"; default: the words' "certificate". */
  title?: string;
  /** Who signs: printed under the signature line. */
  signatory?: { name: string; title?: string };
}

export const DEFAULT_STYLE: CertificateStyle = {
  paper: "#fffdf6",
  primary: "#1f3a5f",
  accent: "#b08d3c",
  ink: "#222222",
};

/** One result line: "Classification: First class honours". */
export interface CertificateResult {
  name: string;
  value: string;
}

/** The `certificate` member a template reads (beside the credential's own members). */
export interface CertificateView {
  language: string;
  title: string;
  words: CertificateWords;
  style: CertificateStyle;
  issuer: { name: string; url: string | null; logo: string | null; initials: string };
  /** The holder's name, or the words saying the holder hid it. */
  holder: { name: string; hidden: boolean };
  achievement: { name: string; description: string | null; fieldOfStudy: string | null };
  /** The award date in words ("1 July 2025"), or the words saying it is hidden. */
  awardDate: string;
  /** The first results shown (at most MAX_RESULTS), then how many more the file carries. */
  results: CertificateResult[];
  moreResults: string | null;
  credits: string | null;
  credentialId: string;
  signatory: { name: string; title: string } | null;
}

/** More results than this are summed up in one line: a transcript is not a diploma. */
export const MAX_RESULTS = 3;

export interface CertificateViewOptions {
  style?: Partial<CertificateStyle>;
  /** BCP 47 tag of the words and the date ("en", "fr"); default "en". */
  language?: string;
  /** Names the file in errors. */
  source?: string;
}

/** The certificate's content, read from a credanchor credential (v1 or v2, full or disclosed). */
export function certificateViewOf(
  credential: unknown,
  options: CertificateViewOptions = {},
): CertificateView {
  const reading = readCredential(credential, options.source);
  const doc = reading.credential as unknown as Json;
  const words = wordsOf(options.language);
  const style = { ...DEFAULT_STYLE, ...definedOf(options.style ?? {}) };
  const issuer = isObject(doc.issuer) ? doc.issuer : {};
  const issuerName = text(issuer.name) ?? text(doc.issuer) ?? "";
  const image = isObject(issuer.image) ? text(issuer.image.id) : text(issuer.image);
  const subject = isObject(doc.credentialSubject) ? doc.credentialSubject : {};
  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  const holderName = nameOf(subject.identifier);
  const credits = subject.creditsEarned;
  const results = resultsOf(subject.result, achievement.resultDescription);
  const validFrom = text(doc.validFrom) ?? text(doc.awardedDate);
  return {
    language: words.language,
    title: style.title ?? words.certificate,
    words,
    style,
    issuer: {
      name: issuerName,
      url: text(issuer.url),
      logo: style.logo ?? image,
      initials: initialsOf(issuerName),
    },
    holder:
      holderName === null
        ? { name: words.nameHidden, hidden: true }
        : { name: holderName, hidden: false },
    achievement: {
      name: text(achievement.name) ?? text(doc.name) ?? "",
      description: text(achievement.description),
      fieldOfStudy: text(achievement.fieldOfStudy),
    },
    awardDate: validFrom === null ? words.dateHidden : dateInWords(validFrom, words.language),
    results: results.slice(0, MAX_RESULTS),
    moreResults:
      results.length > MAX_RESULTS
        ? words.moreResults.replace("{count}", String(results.length - MAX_RESULTS))
        : null,
    credits: typeof credits === "number" ? words.credits.replace("{count}", String(credits)) : null,
    credentialId: text(doc.id) ?? "",
    signatory:
      style.signatory === undefined
        ? null
        : { name: style.signatory.name, title: style.signatory.title ?? "" },
  };
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

function definedOf<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The name identifier given in clear (OB 3.0 IdentityObject, identityType "name"). */
function nameOf(identifiers: unknown): string | null {
  if (!Array.isArray(identifiers)) return null;
  for (const item of identifiers) {
    if (isObject(item) && item.identityType === "name" && item.hashed === false) {
      const name = text(item.identityHash);
      if (name !== null) return name;
    }
  }
  return null;
}

function resultsOf(results: unknown, descriptions: unknown): CertificateResult[] {
  if (!Array.isArray(results)) return [];
  const names = new Map<string, string>();
  if (Array.isArray(descriptions)) {
    for (const d of descriptions) {
      if (isObject(d) && text(d.id) !== null && text(d.name) !== null) {
        names.set(d.id as string, d.name as string);
      }
    }
  }
  const lines: CertificateResult[] = [];
  for (const result of results) {
    if (!isObject(result)) continue; // hidden by the holder (null) or not a result
    const value = text(result.value) ?? text(result.status) ?? scalar(result.value);
    if (value === null) continue;
    const described = text(result.resultDescription);
    lines.push({ name: (described === null ? null : names.get(described)) ?? "", value });
  }
  return lines;
}

function scalar(value: unknown): string | null {
  return typeof value === "number" || typeof value === "boolean" ? String(value) : null;
}

function initialsOf(name: string): string {
  const skip = new Set(["of", "the", "and", "for", "de", "du", "des", "la", "le", "et"]);
  const letters = name
    .split(/\s+/)
    .filter((w) => w !== "" && !skip.has(w.toLowerCase()))
    .map((w) => [...w][0]!.toUpperCase());
  return letters.slice(0, 3).join("");
}

/** "2025-07-01T00:00:00Z" -> "1 July 2025" (the calendar day in UTC, as the file states it). */
function dateInWords(value: string, language: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  let format = DATE_FORMATS.get(language);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(language === "en" ? "en-GB" : language, {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
    DATE_FORMATS.set(language, format);
  }
  return format.format(date);
}

/** Building a DateTimeFormat costs a millisecond; a batch uses one per language. */
const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();
