// Sorts a viem failure into the chain faults of errors.ts: the endpoint could not be reached or
// failed (unreachable), or it answered with something no credanchor registry returns (invalid).
import {
  AbiDecodingDataSizeInvalidError,
  AbiDecodingDataSizeTooSmallError,
  AbiDecodingZeroDataError,
  BaseError,
  ContractFunctionRevertedError,
  ContractFunctionZeroDataError,
  InvalidAddressError,
  SliceOffsetOutOfBoundsError,
} from "viem";
import { CredanchorError } from "../errors.ts";
import { RpcResponseInvalidError, RpcUnreachableError } from "./errors.ts";

export function classifyChainError(
  error: unknown,
  urls: readonly string[],
  registry: string,
): CredanchorError {
  if (error instanceof CredanchorError) return error;
  if (error instanceof BaseError) {
    const invalid = error.walk(
      (e) =>
        e instanceof ContractFunctionZeroDataError ||
        e instanceof ContractFunctionRevertedError ||
        e instanceof AbiDecodingZeroDataError ||
        e instanceof AbiDecodingDataSizeTooSmallError ||
        e instanceof AbiDecodingDataSizeInvalidError ||
        e instanceof SliceOffsetOutOfBoundsError ||
        e instanceof InvalidAddressError,
    );
    if (
      invalid instanceof ContractFunctionZeroDataError ||
      invalid instanceof AbiDecodingZeroDataError
    ) {
      return new RpcResponseInvalidError(
        registry,
        "no contract answers at this address on this chain",
        error,
      );
    }
    if (invalid instanceof ContractFunctionRevertedError) {
      return new RpcResponseInvalidError(
        registry,
        "the call reverted, so this is not a credanchor registry",
        error,
      );
    }
    if (invalid !== null) {
      return new RpcResponseInvalidError(registry, "the answer could not be decoded", error);
    }
  }
  // Network errors, timeouts, HTTP and JSON-RPC errors: the endpoint, not the credential, failed.
  return new RpcUnreachableError(urls, error);
}
