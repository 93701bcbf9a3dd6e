// Reason codes recorded with revocations and suspensions (the uint8 `reason` of the status
// events). The registry stores any 0-255; these names are the ones credanchor writes and shows.
import { CredanchorError } from "../errors.ts";

export const STATUS_REASONS = {
  unspecified: 0,
  "issued-in-error": 1,
  superseded: 2,
  fraud: 3,
  "key-compromise": 4,
  "withdrawn-by-holder": 5,
  "under-investigation": 6,
  "investigation-cleared": 7,
  other: 255,
} as const;

export type StatusReasonName = keyof typeof STATUS_REASONS;

/** A reason name or a number from 0 to 255. */
export function parseStatusReason(input: string): number {
  const text = input.trim();
  if (Object.hasOwn(STATUS_REASONS, text)) return STATUS_REASONS[text as StatusReasonName];
  if (/^[0-9]{1,3}$/.test(text) && Number(text) <= 255) return Number(text);
  throw new CredanchorError(
    "REASON_INVALID",
    `Reason "${input}" is not a code from 0 to 255 or one of ${Object.keys(STATUS_REASONS).join(", ")}.`,
    { reason: input },
  );
}

/** The name of a reason code, or its number as text when it has no name. */
export function statusReasonName(code: number): string {
  for (const [name, value] of Object.entries(STATUS_REASONS)) if (value === code) return name;
  return String(code);
}
