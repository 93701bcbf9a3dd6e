// The verifier's own settings, remembered in localStorage (which may be unavailable in private
// windows or over file://, so every access is guarded): the RPC URL, the registries it trusts and
// the accreditation bodies it trusts within them. The trust list is only ever the built-in known
// deployments plus what the user entered here; nothing in a link can add to it.
import type { Address } from "viem";
import {
  checkTrustList,
  knownTrust,
  parseTrustEntry,
  type TrustedRegistry,
  trustFromDeployment,
  VerifyOptionsError,
} from "../../src/verifier/index.ts";
import { t } from "./language.ts";

export const DEFAULT_RPC_URL = "http://127.0.0.1:8545";
const RPC_URL_KEY = "credanchor.verifier.rpcUrl";
const TRUSTED_BODIES_KEY = "credanchor.verifier.trustedBodies";
const TRUSTED_REGISTRIES_KEY = "credanchor.verifier.trustedRegistries";
const TRUSTED_DEPLOYMENTS_KEY = "credanchor.verifier.trustedDeployments";
const BUILT_IN_TRUST_KEY = "credanchor.verifier.builtInTrust";

export type StoredSettings = {
  rpcUrl: string;
  trustedBodies: string;
  /** The trusted-registries text area as typed: eip155:<chainId>:<address>[=label] per line. */
  trustedRegistries: string;
  /** Registries trusted by loading their deployments JSON file. */
  trustedDeployments: TrustedRegistry[];
  /** Whether the SDK's built-in known deployments are trusted. */
  builtInTrust: boolean;
};

export function loadSettings(): StoredSettings {
  return {
    rpcUrl: read(RPC_URL_KEY) || DEFAULT_RPC_URL,
    trustedBodies: read(TRUSTED_BODIES_KEY) ?? "",
    trustedRegistries: read(TRUSTED_REGISTRIES_KEY) ?? "",
    trustedDeployments: storedDeployments(),
    builtInTrust: read(BUILT_IN_TRUST_KEY) !== "off",
  };
}

/** Remembers the settings given; the others keep their stored values. */
export function saveSettings(settings: Partial<StoredSettings>): void {
  if (settings.rpcUrl !== undefined) write(RPC_URL_KEY, settings.rpcUrl);
  if (settings.trustedBodies !== undefined) write(TRUSTED_BODIES_KEY, settings.trustedBodies);
  if (settings.trustedRegistries !== undefined) {
    write(TRUSTED_REGISTRIES_KEY, settings.trustedRegistries);
  }
  if (settings.trustedDeployments !== undefined) {
    write(TRUSTED_DEPLOYMENTS_KEY, JSON.stringify(settings.trustedDeployments));
  }
  if (settings.builtInTrust !== undefined) {
    write(BUILT_IN_TRUST_KEY, settings.builtInTrust ? "on" : "off");
  }
}

/** The settings fields, by their element ids on the page. */
export type SettingsField = "rpc-url" | "trusted-bodies" | "trusted-registries" | "deployment-file";

/** A problem with what the user typed, naming the field and what to do. */
export class SettingsError extends Error {
  readonly field: SettingsField;
  constructor(field: SettingsField, message: string) {
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
      throw new SettingsError("trusted-bodies", t("settingsBodyInvalid", { n: i + 1, entry }));
    }
    return entry as Address;
  });
}

/** One registry per line, eip155:<chainId>:<address>[=label]; blank lines and # comments skipped. */
export function parseTrustedRegistries(text: string): TrustedRegistry[] {
  const entries: TrustedRegistry[] = [];
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    try {
      entries.push(parseTrustEntry(line));
    } catch (error) {
      throw new SettingsError(
        "trusted-registries",
        t("settingsRegistryLine", { n: i + 1, problem: problem(error) }),
      );
    }
  }
  return entries;
}

/** A deployments/<network>.json file's registry as a trust entry, or a SettingsError naming it. */
export function parseDeploymentFile(text: string, fileName: string): TrustedRegistry {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SettingsError("deployment-file", `${fileName} is not JSON: ${problem(error)}`);
  }
  try {
    return trustFromDeployment(json, fileName);
  } catch (error) {
    throw new SettingsError("deployment-file", problem(error));
  }
}

/** Everything this verifier trusts: built-in deployments (unless switched off), then the user's. */
export function trustList(settings: {
  builtInTrust: boolean;
  trustedDeployments: readonly TrustedRegistry[];
  trustedRegistries: readonly TrustedRegistry[];
}): TrustedRegistry[] {
  return [
    ...(settings.builtInTrust ? knownTrust() : []),
    ...settings.trustedDeployments,
    ...settings.trustedRegistries,
  ];
}

/** The SDK's option errors start with "verify option <name>: "; on the page the field says that. */
function problem(error: unknown): string {
  if (error instanceof VerifyOptionsError) {
    return error.message.slice(`verify option ${error.option}: `.length);
  }
  return (error as Error).message;
}

/** Deployments loaded earlier, checked again: storage is not a place to take trust from blindly. */
function storedDeployments(): TrustedRegistry[] {
  try {
    return checkTrustList(JSON.parse(read(TRUSTED_DEPLOYMENTS_KEY) ?? "[]"));
  } catch {
    return [];
  }
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
