// Sorts the failure of a registry write: a revert names the contract rule (toWriteError); a node
// that answered but refused the transaction (no funds for gas, a bad nonce, a fee too low) is the
// sender's to fix, not a network fault; only what never got an answer is "unreachable".
import {
  type Address,
  BaseError,
  ContractFunctionRevertedError,
  InsufficientFundsError,
  RpcRequestError,
} from "viem";
import { CredanchorError } from "../errors.ts";
import { classifyChainError } from "./classifyError.ts";
import { RpcAnswerError } from "./rpc.ts";

export function toTransactionError(
  error: unknown,
  contract: Address,
  action: string,
  account: Address,
): CredanchorError {
  // Writers of other files already turned the failure into a chain fault; look at its cause.
  const cause =
    error instanceof CredanchorError && error.code === "RPC_UNREACHABLE" ? error.cause : error;
  if (revertName(cause) !== undefined || !(cause instanceof BaseError)) {
    return toWriteError(cause, contract, action);
  }
  // The node's JSON-RPC error answer, as viem's HTTP transport or ours (src/chain/rpc.ts) raised it.
  const answered = cause.walk((e) => e instanceof RpcRequestError || e instanceof RpcAnswerError) as
    | RpcRequestError
    | RpcAnswerError
    | null;
  const detail =
    answered === null ? "" : "details" in answered ? answered.details : answered.message;
  if (
    cause.walk((e) => e instanceof InsufficientFundsError) !== null ||
    /enough funds|insufficient funds/i.test(detail)
  ) {
    return new CredanchorError(
      "ACCOUNT_UNFUNDED",
      `Account ${account} cannot pay the gas for ${action}: send it some of the chain's native token, or sign with a funded key.`,
      { account, action, contract },
      { cause },
    );
  }
  if (answered !== null) {
    return new CredanchorError(
      "TRANSACTION_REJECTED",
      `The node refused ${action} from ${account}: ${detail.split("\n")[0] || cause.shortMessage}.`,
      { account, action, contract, detail },
      { cause },
    );
  }
  return toWriteError(cause, contract, action);
}

/** The custom error name of a registry revert, if that is what `error` is. */
export function revertName(error: unknown): string | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
  return revert instanceof ContractFunctionRevertedError ? revert.data?.errorName : undefined;
}

/** A registry revert becomes a CredanchorError naming the rule broken; anything else a chain fault. */
export function toWriteError(error: unknown, registry: Address, action: string): CredanchorError {
  const name = revertName(error);
  if (name !== undefined) {
    const revert = (error as BaseError).walk(
      (e) => e instanceof ContractFunctionRevertedError,
    ) as ContractFunctionRevertedError;
    const args = (revert.data?.args ?? []).map((a) => String(a));
    return new CredanchorError(
      "REGISTRY_REVERTED",
      `The registry ${registry} refused ${action}: ${name}(${args.join(", ")}).`,
      { registry, action, error: name, args },
      { cause: error },
    );
  }
  return classifyChainError(error, [], registry);
}
