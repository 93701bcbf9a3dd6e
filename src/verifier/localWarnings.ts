// The warnings a file alone gives, shown even when the verdict is valid: a copy that does not say
// whom it was issued to, and text holding control or bidirectional-override characters that can
// make it read differently from what it says.
import type { ReportFacts } from "./reportFacts.ts";
import type { VerificationWarning } from "./types.ts";
import { hasUnsafeCharacters } from "./unsafeText.ts";

/** Claims that say whom a credential was issued to; a copy hiding all of them says nobody. */
const RECIPIENT_POINTERS = [
  "/credentialSubject/id",
  "/credentialSubject/name",
  "/credentialSubject/identifier",
];

export function localWarnings(facts: ReportFacts, integrityOk: boolean): VerificationWarning[] {
  const warnings: VerificationWarning[] = [];
  if (integrityOk) {
    const disclosed = Object.keys(facts.disclosed);
    const names = disclosed.some((p) =>
      RECIPIENT_POINTERS.some((r) => p === r || p.startsWith(`${r}/`)),
    );
    if (!names) {
      warnings.push({
        code: "RECIPIENT_HIDDEN",
        message:
          "this copy does not say whom it was issued to: the holder hid the name, id and identifiers of the recipient",
        params: {},
      });
    }
  }
  const texts = [
    facts.issuer.name,
    facts.issuer.id,
    facts.credentialId,
    ...Object.values(facts.disclosed).flatMap(strings),
  ];
  if (texts.some((t) => typeof t === "string" && hasUnsafeCharacters(t))) {
    warnings.push({
      code: "CONTROL_CHARACTERS",
      message:
        "text in this credential holds control or bidirectional-override characters (shown as <U+XXXX>), which can make it read differently from what it says",
      params: {},
    });
  }
  return warnings;
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}
