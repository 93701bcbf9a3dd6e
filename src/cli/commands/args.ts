// Parsers for what users type on the command line (addresses, dates, durations, CIDs, credential
// types, indices) and the few formatters that turn chain values back into text. Each parser names
// the option it reads in its error, so a typo is reported as `--valid-until "2026-13-01" ...`.

import { CID } from "multiformats/cid";
import { type Address, getAddress, type Hex, hexToBytes, isAddress } from "viem";
import { getBlock } from "viem/actions";
import { ACCREDITATION_FOREVER, type ChainClient, classifyChainError } from "../../chain/index.ts";
import { credentialTypeId } from "../../credential/index.ts";
import { CredanchorError } from "../../errors.ts";

export class OptionInvalidError extends CredanchorError {
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
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) {
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
