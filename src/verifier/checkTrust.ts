// The trust check: the registry the credential names is one the verifier's caller chose to trust
// (trust.ts), never because the file or the registry says so. Failing, it says how to trust one
// on purpose, and why anyone's registry proves nothing by itself.
import { check } from "./check.ts";
import type { StatusClaims } from "./readStatusClaims.ts";
import type { TrustedRegistry } from "./trust.ts";
import type { VerificationCheck } from "./types.ts";

export function checkTrust(
  claims: StatusClaims,
  trusted: TrustedRegistry | undefined,
  trust: readonly TrustedRegistry[],
): VerificationCheck {
  if (trusted !== undefined) {
    return check(
      "trust",
      "pass",
      "REGISTRY_TRUSTED",
      `registry ${claims.registry} on ${claims.caip2} is "${trusted.label}", which this verifier trusts`,
      { registry: claims.registry, chain: claims.caip2, label: trusted.label },
    );
  }
  const trustedList = trust
    .map((t) => `"${t.label}" (eip155:${t.chainId}:${t.credentialRegistry})`)
    .join(", ");
  const trusting =
    trust.length === 0
      ? "this verifier trusts no registry yet"
      : `this verifier trusts ${trustedList}`;
  return check(
    "trust",
    "fail",
    "REGISTRY_NOT_TRUSTED",
    `the credential points at registry ${claims.registry} on ${claims.caip2}, which is not in the trust list (${trusting}). Anyone can deploy a registry, so what it says proves nothing unless you chose it: trust it on purpose only if you know who runs it (CLI: --trust ${claims.caip2}:${claims.registry}; SDK: the trust option; web page: the trust setting)`,
    { registry: claims.registry, chain: claims.caip2, trusted: trustedList || "–" },
  );
}
