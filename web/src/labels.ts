// Words the page shows for the verifier's statuses, check ids, check results and warnings, in the
// reader's language, from the string catalogue (src/labels/*.json). The report's own messages say
// what was found; these say what it means to the person reading.
import { type Language, statusWords, words } from "../../src/labels/index.ts";
import type {
  CheckId,
  CheckResult,
  VerificationStatus,
  WarningCode,
} from "../../src/verifier/index.ts";

/** The banner's tone; the colour is never the only signal (title and icon say it too). */
export type Tone = "good" | "bad" | "warn" | "neutral" | "untrusted";

const LOOK: Record<VerificationStatus, { tone: Tone; icon: string }> = {
  valid: { tone: "good", icon: "✓" },
  invalid: { tone: "bad", icon: "✕" },
  "untrusted-registry": { tone: "untrusted", icon: "✕" },
  revoked: { tone: "bad", icon: "✕" },
  suspended: { tone: "warn", icon: "!" },
  expired: { tone: "warn", icon: "!" },
  "not-accredited": { tone: "warn", icon: "!" },
  unverifiable: { tone: "neutral", icon: "?" },
};

export function statusText(
  status: VerificationStatus,
  lang: Language = "en",
): { title: string; summary: string; tone: Tone; icon: string } {
  return { ...statusWords(lang, status), ...LOOK[status] };
}

/** The English words, for callers that have no language at hand. */
export const STATUS_TEXT = Object.fromEntries(
  (Object.keys(LOOK) as VerificationStatus[]).map((status) => [status, statusText(status)]),
) as Record<VerificationStatus, ReturnType<typeof statusText>>;

export function checkName(id: CheckId, lang: Language = "en"): string {
  return words(lang, "checks", id);
}

/** Headings of the report's warnings; the SDK's message follows each. */
export function warningTitle(code: WarningCode, lang: Language = "en"): string {
  return words(lang, "warnings", code);
}

const RESULT_ICON: Record<CheckResult, string> = { pass: "✓", fail: "✕", skipped: "–", error: "?" };

export function resultText(result: CheckResult, lang: Language = "en") {
  return { label: words(lang, "checkResults", result), icon: RESULT_ICON[result] };
}

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
