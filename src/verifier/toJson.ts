// Reports as JSON, for programs: exactly the VerificationReport type, one array, stable keys.
import type { VerificationReport } from "./types.ts";

export function toJson(reports: readonly VerificationReport[]): string {
  return `${JSON.stringify(reports, null, 2)}\n`;
}
