// Parsers for what users type on the command line (addresses, dates, durations, CIDs, credential
// types, indices, names, jurisdictions, domains, operator rights) and the few formatters that
// turn chain values back into text. Each parser names the option it reads in its error, so a
// typo is reported as `--valid-until "2026-13-01" ...`.

import type { Stats } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { CID } from "multiformats/cid";
import { type Address, getAddress, type Hex, hexToBytes, isAddress } from "viem";
import { getBlock } from "viem/actions";
import {
  ACCREDITATION_FOREVER,
  type ChainClient,
  classifyChainError,
  OPERATOR_RIGHTS,
} from "../../chain/index.ts";
import { credentialTypeId } from "../../credential/index.ts";
import { CredanchorError } from "../../errors.ts";
import { isBytes32 } from "../../values/index.ts";
import { codePointLabel, replaceUnsafe } from "../../verifier/index.ts";

export class OptionInvalidError extends CredanchorError {
  override readonly name = "OptionInvalidError";
  constructor(option: string, value: string, problem: string) {
    super("OPTION_INVALID", `${option} "${value}" ${problem}.`, { option, value });
  }
}

export function parseAddress(value: string, option: string): Address {
  if (!isAddress(value, { strict: false })) {
    throw new OptionInvalidError(option, value, "is not an address (0x and 40 hex digits)");
  }
  return getAddress(value);
}

export function parseBytes32(value: string, option: string): Hex {
  if (!isBytes32(value)) {
    throw new OptionInvalidError(option, value, "is not a batch root (0x and 64 hex digits)");
  }
  return value.toLowerCase() as Hex;
}

/** A CID (v0 or v1, any base) as the binary CIDv1 the contracts store. */
export function parseCidBytes(value: string, option: string): Hex {
  let cid: CID;
  try {
    cid = CID.parse(value.trim());
  } catch (error) {
    throw new OptionInvalidError(option, value, `is not a CID (${(error as Error).message})`);
  }
  return `0x${Buffer.from(cid.toV1().bytes).toString("hex")}`;
}

/** The text form of a binary CID from the chain; the hex itself when it is not a CID. */
export function cidText(bytes: Hex): string | null {
  if (bytes === "0x") return null;
  try {
    return CID.decode(hexToBytes(bytes)).toString();
  } catch {
    return bytes;
  }
}

export function parseCredentialType(name: string, option: string): Hex {
  try {
    return credentialTypeId(name);
  } catch (error) {
    throw new OptionInvalidError(
      option,
      name,
      `is not a credential type name: ${(error as Error).message}`,
    );
  }
}

/** The name behind a bytes20 type id when it is a padded short name, else the hex id. */
export function credentialTypeLabel(id: Hex): string {
  const bytes = hexToBytes(id);
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  try {
    const name = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end));
    // credentialTypeId refuses control characters and odd spacing, so a match is a real name.
    return credentialTypeId(name).toLowerCase() === id.toLowerCase() ? name : id;
  } catch {
    return id;
  }
}

/**
 * A moment as Unix seconds: "now", a date (YYYY-MM-DD, UTC midnight), an ISO 8601 date-time with
 * a zone, or Unix seconds; "forever" too when `forever` is allowed.
 */
export function parseMoment(
  value: string,
  option: string,
  options: { now: number; forever?: boolean },
): number {
  const text = value.trim();
  if (text === "now") return options.now;
  if (text === "forever") {
    if (options.forever) return ACCREDITATION_FOREVER;
    throw new OptionInvalidError(option, value, "cannot be forever here");
  }
  if (/^[0-9]{9,12}$/.test(text)) return Number(text);
  const dateTime =
    /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.exec(text);
  if (dateTime !== null) {
    const [, y, m, d, time] = dateTime;
    const day = Date.UTC(Number(y), Number(m) - 1, Number(d));
    const real = new Date(day).toISOString().startsWith(`${y}-${m}-${d}`);
    const ms = time === undefined ? day : Date.parse(text);
    if (real && !Number.isNaN(ms)) return Math.floor(ms / 1000);
  }
  throw new OptionInvalidError(
    option,
    value,
    `is not a date: use YYYY-MM-DD (UTC midnight), an ISO date-time with zone (2026-09-01T12:00:00Z), Unix seconds${options.forever ? ', "now" or "forever"' : ' or "now"'}`,
  );
}

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 7 * 86_400,
  y: 365 * 86_400,
};

/** A moment given as a date (see parseMoment) or as a duration from now: 90d, 12h, 2w, 1y. */
export function parseMomentOrDuration(value: string, option: string, now: number): number {
  const duration = /^([0-9]+)\s*([smhdwy])$/.exec(value.trim());
  if (duration !== null) return now + Number(duration[1]) * UNIT_SECONDS[duration[2]!]!;
  try {
    return parseMoment(value, option, { now });
  } catch {
    throw new OptionInvalidError(
      option,
      value,
      "is neither a date (YYYY-MM-DD, ISO date-time, Unix seconds) nor a duration (90d, 12h, 2w, 1y)",
    );
  }
}

export function parseIndex(value: string, label: string): number {
  const text = value.trim();
  if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new OptionInvalidError(label, value, "is not a credential index (0, 1, 2, ...)");
  }
  return Number(text);
}

/** Unix seconds as ISO 8601; "forever" for the open end of an accreditation. */
export function isoTime(seconds: number | null): string | null {
  if (seconds === null) return null;
  if (seconds >= ACCREDITATION_FOREVER) return "forever";
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

/**
 * "Now" for dates typed by a user: the chain's latest block, not the clock. The registries compare
 * with block time, so a term accredited "now" is live in the next block, and an idle development
 * chain (no block for hours: nothing anchored meanwhile either) or a time-shifted one still agrees.
 */
export async function chainNow(chain: ChainClient): Promise<number> {
  try {
    return Number((await getBlock(chain.client)).timestamp);
  } catch (error) {
    throw classifyChainError(error, chain.urls, "(latest block)");
  }
}

// ------------------------------------------------------------------ names on the registries

/** What the AccreditationRegistry accepts, in UTF-8 bytes. */
export const BODY_NAME_MAX_BYTES = 128;
export const ISSUER_NAME_MAX_BYTES = 200;
const DOMAIN_MAX_BYTES = 253;

/**
 * A display name as the registry will show it to every verifier: trimmed, NFC, on one line, and
 * free of control and bidirectional characters (which make a name read as another), at most
 * `maxBytes` UTF-8 bytes.
 */
export function parseDisplayName(value: string, option: string, maxBytes: number): string {
  const name = value.normalize("NFC").trim();
  if (name === "") throw new OptionInvalidError(option, value, "is empty: give the name");
  let unsafe: string | undefined;
  replaceUnsafe(name, (c) => (unsafe ??= c), { oneLine: true });
  if (unsafe !== undefined) {
    throw new OptionInvalidError(
      option,
      value,
      `holds the invisible character ${codePointLabel(unsafe)} (a control, line break or bidirectional mark): type the name as it should read`,
    );
  }
  const bytes = Buffer.byteLength(name, "utf8");
  if (bytes > maxBytes) {
    throw new OptionInvalidError(
      option,
      value,
      `is ${bytes} bytes in UTF-8; the registry keeps at most ${maxBytes}: shorten it`,
    );
  }
  return name;
}

/** ISO 3166-1 codes reserved for private use: no country has them (Kosovo's XK aside). */
const USER_ASSIGNED_COUNTRY = /^(AA|Q[M-Z]|X[A-JL-Z]|ZZ)$/;

/**
 * A jurisdiction as the registry keeps it: an ISO 3166-1 alpha-2 country ("DE") or an ISO 3166-2
 * subdivision ("US-CA", "RU-MOW"), upper case. The country must be one Node's ICU data knows;
 * subdivisions are checked for form only (Node carries no list of them).
 */
export function parseJurisdiction(value: string, option: string): string {
  const code = value.trim().toUpperCase();
  const form = /^([A-Z]{2})(-[A-Z0-9]{1,3})?$/.exec(code);
  if (form === null) {
    throw new OptionInvalidError(
      option,
      value,
      'is not a jurisdiction: give an ISO 3166-1 country code such as "DE", or an ISO 3166-2 subdivision such as "US-CA"',
    );
  }
  const country = form[1]!;
  if (USER_ASSIGNED_COUNTRY.test(country) || countryName(country) === undefined) {
    throw new OptionInvalidError(
      option,
      value,
      `names no country: "${country}" is not an ISO 3166-1 alpha-2 code (e.g. DE, FR, US)`,
    );
  }
  return code;
}

/** The English name of an ISO 3166-1 country code, when Node's ICU data knows it. */
export function countryName(code: string): string | undefined {
  const regions = regionNames();
  // Without ICU region data every code would look unknown: then the form check must do.
  if (regions === undefined) return code;
  const name = regions.of(code);
  return name === undefined || name === code || name === "Unknown Region" ? undefined : name;
}

let regions: Intl.DisplayNames | null | undefined;
function regionNames(): Intl.DisplayNames | undefined {
  if (regions === undefined) {
    try {
      const names = new Intl.DisplayNames(["en"], { type: "region" });
      regions = names.of("DE") === "DE" ? null : names;
    } catch {
      regions = null;
    }
  }
  return regions ?? undefined;
}

/**
 * An issuer's web domain as the registry keeps it: a host name only (no scheme, path or port),
 * lower case, internationalised names in their ASCII (xn--) form; "" when not given.
 */
export function parseDomain(value: string | undefined, option: string): string {
  if (value === undefined) return "";
  const text = value.trim();
  let host: string | undefined;
  try {
    const url = new URL(`http://${text}`);
    if (url.username === "" && url.port === "" && url.pathname === "/" && url.search === "") {
      host = url.hostname.replace(/\.$/, "");
    }
  } catch {
    host = undefined;
  }
  const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
  if (
    host === undefined ||
    /[/:@?#]/.test(text) ||
    !host.includes(".") ||
    /^[0-9.]+$/.test(host) ||
    host.length > DOMAIN_MAX_BYTES ||
    !host.split(".").every((part) => label.test(part))
  ) {
    throw new OptionInvalidError(
      option,
      value,
      "is not a domain name: give the host only, e.g. northwind.example (no https://, path or port)",
    );
  }
  return host;
}

// ------------------------------------------------------------------ operator rights

/** Right names a user types, each the bit the CredentialRegistry checks. */
export function parseOperatorRights(value: string, option: string): number {
  const names = value
    .split(/[\s,]+/)
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n !== "");
  if (names.length === 0) {
    throw new OptionInvalidError(option, value, `names no right: give ${rightList()}`);
  }
  let rights = 0;
  for (const name of names) {
    if (!Object.hasOwn(OPERATOR_RIGHTS, name)) {
      throw new OptionInvalidError(
        option,
        value,
        `names the unknown right "${name}": the rights are ${rightList()} (suspend covers unsuspend)`,
      );
    }
    rights |= OPERATOR_RIGHTS[name as keyof typeof OPERATOR_RIGHTS];
  }
  return rights;
}

/** The names of the rights in a bit set, in the registry's order. */
export function operatorRightNames(rights: number): string[] {
  return Object.entries(OPERATOR_RIGHTS)
    .filter(([, bit]) => (rights & bit) !== 0)
    .map(([name]) => name);
}

function rightList(): string {
  return Object.keys(OPERATOR_RIGHTS).join(", ");
}

// ------------------------------------------------------------------ files or CIDs

/** What a user gave for evidence or metadata: a file to store, or a CID stored elsewhere. */
export type ContentArgument =
  | { kind: "file"; option: string; file: string; size: number }
  | { kind: "cid"; option: string; cid: string; cidBytes: Hex };

/**
 * A path to an existing file (stored later, see storeContent in context.ts), else a CID (for
 * content pinned elsewhere). Anything else names the option and the path. The file is only
 * looked at here; it is read when stored.
 */
export async function parseFileOrCid(value: string, option: string): Promise<ContentArgument> {
  const file = path.resolve(value);
  let found: Stats | undefined;
  try {
    found = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR" && code !== "ENAMETOOLONG") {
      throw new OptionInvalidError(
        option,
        value,
        `cannot be read (${code ?? (error as Error).message}): check the file's permissions`,
      );
    }
  }
  if (found?.isFile()) return { kind: "file", option, file, size: found.size };
  if (found !== undefined) {
    throw new OptionInvalidError(option, value, `is a folder (${file}): give one file`);
  }
  try {
    return { kind: "cid", option, cid: value.trim(), cidBytes: parseCidBytes(value, option) };
  } catch {
    throw new OptionInvalidError(
      option,
      value,
      `is neither a file (no file at ${file}) nor a CID: give the path of the file to store, or the CID (bafy…, Qm…) of content already on IPFS`,
    );
  }
}

/** A CID to record on chain, and where it came from. */
export interface RecordedContent {
  /** Text form (CIDv1 for stored files). */
  cid: string;
  /** Binary CIDv1, as the registries keep it. */
  cidBytes: Hex;
  /** The file stored, absolute; null when the user gave a CID. */
  file: string | null;
  /** The store that holds it now; null when the user gave a CID. */
  store: string | null;
}

/** "Stored evidence /…/report.pdf as bafk… on <store>", for a file stored; else nothing. */
export function storedLines(stored: RecordedContent | null, what: string): string[] {
  return stored === null || stored.file === null
    ? []
    : [`Stored ${what} ${stored.file} as ${stored.cid} on ${stored.store}`];
}
