// The verifier's trust root: the registry deployments it believes, chosen by the verifier and
// never taken from a credential. A registry is a contract anyone can deploy (this project's own
// code included), so a credential pointing at any registry outside this list is
// "untrusted-registry", whatever that registry says. The default is the SDK's known deployments;
// development chains are trusted only when the caller lists them.
import { type Address, getAddress } from "viem";
import { parseDeploymentRecord } from "../chain/deploymentRecord.ts";
import type { KnownDeployment } from "../chain/knownDeployment.ts";
import { KNOWN_DEPLOYMENTS } from "../chain/knownDeployments.ts";
import { isAddress, parseCaip10 } from "../values/index.ts";
import { VerifyOptionsError } from "./errors.ts";

export type TrustedRegistry = {
  /** EVM chain id the registry lives on. */
  chainId: number;
  credentialRegistry: Address;
  /** When given, the registry's accreditation() must point here, or nothing it says counts. */
  accreditationRegistry?: Address;
  /** Who runs it, as users see it: "Trusting: <label> on eip155:<chainId>". */
  label: string;
  /** Narrows accreditation to these bodies of this registry (default: every body it knows). */
  bodies?: readonly Address[];
};

/** The known deployments as trust entries: the default trust list. */
export function knownTrust(
  known: readonly KnownDeployment[] = KNOWN_DEPLOYMENTS,
): TrustedRegistry[] {
  return known.map((d) => ({
    chainId: d.chainId,
    credentialRegistry: d.credentialRegistry,
    accreditationRegistry: d.accreditationRegistry,
    label: d.label,
  }));
}

/**
 * A registry named as a CAIP-10 account id, "eip155:<chainId>:<address>", optionally followed by
 * "=<label>" (default label: "registry <address> (chosen by you)").
 */
export function parseTrustEntry(spec: string): TrustedRegistry {
  const at = spec.indexOf("=");
  const id = (at < 0 ? spec : spec.slice(0, at)).trim();
  const label = at < 0 ? "" : spec.slice(at + 1).trim();
  const account = parseCaip10(id);
  if (account === undefined) {
    throw new VerifyOptionsError(
      "trust",
      `"${spec}" is not a registry: write eip155:<chain id>:<CredentialRegistry address>, e.g. eip155:8453:0x… (a chain id of at most 16 digits)`,
    );
  }
  const { chainId } = account;
  const credentialRegistry = getAddress(account.address);
  return {
    chainId,
    credentialRegistry,
    label: label === "" ? `registry ${credentialRegistry} (chosen by you)` : label,
  };
}

/** A deployments/<network>.json record as a trust entry; `source` names it in errors. */
export function trustFromDeployment(json: unknown, source: string): TrustedRegistry {
  const record = parseDeploymentRecord(json, source);
  const label = (json as { label?: unknown }).label;
  return {
    chainId: record.chainId,
    credentialRegistry: record.contracts.CredentialRegistry.address,
    accreditationRegistry: record.contracts.AccreditationRegistry.address,
    label: typeof label === "string" && label.trim() !== "" ? label : record.network,
  };
}

/** "Trusting: <label> on eip155:<chainId>" for one entry; one line per entry for a list. */
export function describeTrust(trust: readonly TrustedRegistry[]): string {
  if (trust.length === 0)
    return "Trusting no registry: every credential will be untrusted-registry";
  return trust.map((t) => `Trusting: ${t.label} on eip155:${t.chainId}`).join("\n");
}

/** A trust list checked once; throws VERIFY_OPTIONS_INVALID naming the bad entry. */
export function checkTrustList(list: unknown): TrustedRegistry[] {
  if (!Array.isArray(list)) throw new VerifyOptionsError("trust", "must be a list of registries");
  return list.map((entry: unknown, i) => {
    const name = `trust[${i}]`;
    if (entry === null || typeof entry !== "object") {
      throw new VerifyOptionsError(name, "must be { chainId, credentialRegistry, label }");
    }
    const e = entry as Record<string, unknown>;
    if (!Number.isSafeInteger(e.chainId) || (e.chainId as number) <= 0) {
      throw new VerifyOptionsError(`${name}.chainId`, "must be a positive integer");
    }
    const address = (field: string, value: unknown): Address => {
      if (!isAddress(value)) {
        throw new VerifyOptionsError(`${name}.${field}`, `"${String(value)}" is not an address`);
      }
      return getAddress(value);
    };
    if (typeof e.label !== "string" || e.label.trim() === "") {
      throw new VerifyOptionsError(`${name}.label`, "must say who runs the registry");
    }
    if (e.bodies !== undefined && !Array.isArray(e.bodies)) {
      throw new VerifyOptionsError(`${name}.bodies`, "must be a list of addresses");
    }
    return {
      chainId: e.chainId as number,
      credentialRegistry: address("credentialRegistry", e.credentialRegistry),
      ...(e.accreditationRegistry === undefined
        ? {}
        : { accreditationRegistry: address("accreditationRegistry", e.accreditationRegistry) }),
      label: e.label,
      ...(e.bodies === undefined
        ? {}
        : {
            bodies: (e.bodies as unknown[]).map((b, j) => address(`bodies[${j}]`, b)),
          }),
    };
  });
}

/** The entry trusting `registry` on `chainId`, if any. */
export function findTrust(
  trust: readonly TrustedRegistry[],
  chainId: number,
  registry: string,
): TrustedRegistry | undefined {
  const wanted = registry.toLowerCase();
  return trust.find((t) => t.chainId === chainId && t.credentialRegistry.toLowerCase() === wanted);
}
