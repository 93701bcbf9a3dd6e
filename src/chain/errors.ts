// Chain faults. None of them means a credential is invalid: a verifier turns each into
// "unverifiable" with the cause (DESIGN invariant 4).
import { CredanchorError } from "../errors.ts";

/** Every RPC endpoint failed (network error, timeout, HTTP or JSON-RPC error): try again later. */
export class RpcUnreachableError extends CredanchorError {
  override readonly name = "RpcUnreachableError";
  constructor(urls: readonly string[], cause: unknown) {
    const list = urls.length > 0 ? urls.join(", ") : "the configured transport";
    super(
      "RPC_UNREACHABLE",
      `No RPC endpoint answered (${list}): ${faultClause(cause)}. Check the URL or try again later.`,
      { urls },
      { cause },
    );
  }
}

/** The RPC serves another chain than the one the credential names. */
export class RpcChainMismatchError extends CredanchorError {
  override readonly name = "RpcChainMismatchError";
  constructor(expectedChainId: number, actualChainId: number, urls: readonly string[]) {
    super(
      "RPC_CHAIN_MISMATCH",
      `The RPC endpoint (${urls.join(", ") || "transport"}) serves chain ${actualChainId}, but the credential is anchored on chain ${expectedChainId}: use an RPC URL for chain ${expectedChainId}.`,
      { expectedChainId, actualChainId, urls },
    );
  }
}

/** The endpoint answered, but not as a credanchor registry would (no contract, garbage data). */
export class RpcResponseInvalidError extends CredanchorError {
  override readonly name = "RpcResponseInvalidError";
  constructor(registry: string, reason: string, cause?: unknown) {
    super(
      "RPC_RESPONSE_INVALID",
      `The registry ${registry} did not answer as a credanchor CredentialRegistry: ${reason}.`,
      { registry, reason },
      { cause },
    );
  }
}

/**
 * What the transport said (a refused connection, a timeout) as a clause for a sentence around it:
 * its first line, without the full stop viem and Node end their messages with ("HTTP request
 * failed." would read "failed.. Check the URL").
 */
export function faultClause(cause: unknown): string {
  const text =
    cause instanceof Error
      ? ((cause as Error & { shortMessage?: string }).shortMessage ?? cause.message)
      : String(cause);
  const line = (text.split("\n")[0] ?? "").trim().replace(/[.\s]+$/, "");
  return line === "" ? "unknown error" : line;
}
