// The verifier's own settings: the RPC URL (remembered in localStorage, which may be unavailable
// in private windows or over file://, so every access is guarded) and the trusted bodies list.
import type { Address } from "viem";

export const DEFAULT_RPC_URL = "http://127.0.0.1:8545";
const RPC_URL_KEY = "credanchor.verifier.rpcUrl";
const TRUSTED_BODIES_KEY = "credanchor.verifier.trustedBodies";

export type StoredSettings = { rpcUrl: string; trustedBodies: string };

export function loadSettings(): StoredSettings {
  return {
    rpcUrl: read(RPC_URL_KEY) || DEFAULT_RPC_URL,
    trustedBodies: read(TRUSTED_BODIES_KEY) ?? "",
  };
}

export function saveSettings(settings: StoredSettings): void {
  write(RPC_URL_KEY, settings.rpcUrl);
  write(TRUSTED_BODIES_KEY, settings.trustedBodies);
}

/** A problem with what the user typed, naming the field and what to do. */
export class SettingsError extends Error {
  readonly field: "rpc-url" | "trusted-bodies";
  constructor(field: "rpc-url" | "trusted-bodies", message: string) {
    super(message);
    this.name = "SettingsError";
    this.field = field;
  }
}

export function parseRpcUrl(text: string): string {
  const url = text.trim();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SettingsError("rpc-url", "Enter an RPC URL, e.g. http://127.0.0.1:8545.");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new SettingsError("rpc-url", `The RPC URL must start with http:// or https://.`);
  }
  return url;
}

/** One address per line (commas also separate); blank lines are ignored. */
export function parseTrustedBodies(text: string): Address[] | undefined {
  const entries = text
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) return undefined;
  return entries.map((entry, i) => {
    if (!/^0x[0-9a-fA-F]{40}$/.test(entry)) {
      throw new SettingsError(
        "trusted-bodies",
        `Trusted body ${i + 1} ("${entry}") is not an address: 0x and 40 hex digits.`,
      );
    }
    return entry as Address;
  });
}

function read(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // Storage refused (private window, quota): the page still works, it just forgets.
  }
}
