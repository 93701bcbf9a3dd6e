// Words the page shows for the verifier's statuses, check ids and check results. The report's
// own messages say what was found; these say what it means to the person reading.
import type {
  CheckId,
  CheckResult,
  VerificationStatus,
  WarningCode,
} from "../../src/verifier/index.ts";

/** The banner's tone; the colour is never the only signal (title and icon say it too). */
export type Tone = "good" | "bad" | "warn" | "neutral" | "untrusted";

export const STATUS_TEXT: Record<
  VerificationStatus,
  { title: string; summary: string; tone: Tone; icon: string }
> = {
  valid: {
    title: "Valid",
    summary:
      "Untampered, anchored by the issuer it names, not revoked or suspended, within its validity period, and the issuer was accredited when it was anchored.",
    tone: "good",
    icon: "✓",
  },
  invalid: {
    title: "Invalid",
    summary:
      "This credential is not what its issuer anchored, or is malformed. Do not rely on any of its contents.",
    tone: "bad",
    icon: "✕",
  },
  "untrusted-registry": {
    title: "Not verified: untrusted registry",
    summary:
      "The credential points at a registry this verifier does not trust. Anyone can deploy a registry and say anything in it, so nothing it records counts, however genuine the credential looks.",
    tone: "untrusted",
    icon: "✕",
  },
  revoked: {
    title: "Revoked",
    summary: "The issuer has revoked this credential. It no longer stands.",
    tone: "bad",
    icon: "✕",
  },
  suspended: {
    title: "Suspended",
    summary: "The issuer has suspended this credential for now; it may be reinstated later.",
    tone: "warn",
    icon: "!",
  },
  expired: {
    title: "Expired",
    summary: "The credential is authentic, but its validity period has ended.",
    tone: "warn",
    icon: "!",
  },
  "not-accredited": {
    title: "Not accredited",
    summary:
      "Authentic and anchored by its issuer, but the issuer was not accredited for this credential type (by a body you trust) when it was anchored. Decide by your own policy.",
    tone: "warn",
    icon: "!",
  },
  unverifiable: {
    title: "Unverifiable",
    summary:
      "The chain could not be read, so no verdict was reached. This says nothing against the credential: check the RPC URL and try again.",
    tone: "neutral",
    icon: "?",
  },
};

export const CHECK_NAME: Record<CheckId, string> = {
  structure: "Open Badges 3.0 structure",
  integrity: "Claims untampered",
  signature: "Issuer's signature verifies",
  inclusion: "Included in the anchored batch",
  trust: "Registry is one you trust",
  chain: "RPC serves the credential's chain",
  anchor: "Batch anchored by the issuer",
  "signing-key": "Signing key was the issuer's when anchored",
  "batch-revocation": "Batch not revoked",
  revocation: "Credential not revoked",
  suspension: "Credential not suspended",
  "accreditation-at-anchoring": "Issuer accredited when anchored",
  "accreditation-now": "Issuer accredited now",
  "validity-period": "Within its validity period",
};

/** Headings of the report's warnings; the SDK's message follows each. */
export const WARNING_TITLE: Record<WarningCode, string> = {
  ISSUER_NAME_DIFFERS: "The issuer name in the file is not the name in the registry",
  ISSUER_NAME_UNREGISTERED: "No registered name for this issuer",
  RECIPIENT_HIDDEN: "This copy does not say whom it was issued to",
  CONTROL_CHARACTERS: "Hidden characters in the credential's text (marked where shown)",
  ISSUER_NOT_IN_REGISTRY: "No registry you trust vouches for this issuer",
};

export const RESULT_TEXT: Record<CheckResult, { label: string; icon: string }> = {
  pass: { label: "Passed", icon: "✓" },
  fail: { label: "Failed", icon: "✕" },
  skipped: { label: "Not checked", icon: "–" },
  error: { label: "Could not check", icon: "?" },
};

/** Names of chains a credential is likely to name; others show as their CAIP-2 id alone. */
const CHAIN_NAMES: Record<string, string> = {
  "eip155:1": "Ethereum",
  "eip155:10": "OP Mainnet",
  "eip155:8453": "Base",
  "eip155:42161": "Arbitrum One",
  "eip155:11155111": "Sepolia",
  "eip155:84532": "Base Sepolia",
  "eip155:11155420": "OP Sepolia",
  "eip155:31337": "local Hardhat chain",
};

export function chainLabel(caip2: string): string {
  const name = CHAIN_NAMES[caip2];
  return name === undefined ? caip2 : `${name} (${caip2})`;
}
