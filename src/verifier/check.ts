// One check result, made one way: its id, result and stable code, the English message for SDK
// users and JSON, and the params the string catalogue fills into the reader's own language.
// A check that was not made says why by a phrase key; a fault keeps its error's code and details.
import { faultClause } from "../chain/index.ts";
import type { CheckCode, CheckParams, CheckPhrase } from "./checkCodes.ts";
import type { CheckId, VerificationCheck } from "./types.ts";

export function check(
  id: CheckId,
  result: VerificationCheck["result"],
  code: CheckCode,
  message: string,
  params: CheckParams = {},
): VerificationCheck {
  return { id, result, code, message, params };
}

/** A check that was not made: `why` in English, `because` its phrase key for the catalogue. */
export function notChecked(id: CheckId, why: string, because: CheckPhrase): VerificationCheck {
  return check(id, "skipped", "NOT_CHECKED", `not checked: ${why}`, { phrase: because });
}

/**
 * A check stopped by a network or RPC fault: an error, never a finding. The error's details
 * (URLs, chain ids) become the params, so the catalogue can say it in the reader's language.
 */
export function faultCheck(id: CheckId, error: Error): VerificationCheck {
  const code = (error as Error & { code?: unknown }).code;
  const details = (error as Error & { details?: unknown }).details;
  return {
    id,
    result: "error",
    code: typeof code === "string" ? code : "RPC_UNREACHABLE",
    message: error.message,
    params: { ...paramsOf(details), ...causeOf(error) },
  };
}

/** What the transport said (a refused connection, a timeout), one line, as the error's message has it. */
function causeOf(error: Error): { cause?: string } {
  return error.cause instanceof Error ? { cause: faultClause(error.cause) } : {};
}

/** The string and number details of an error; a list of strings is joined ("a, b"). */
function paramsOf(details: unknown): CheckParams {
  if (details === null || typeof details !== "object") return {};
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(details)) {
    if (typeof value === "string" || typeof value === "number") params[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
      params[name] = value.join(", ");
    }
  }
  return params;
}
