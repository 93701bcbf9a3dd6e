// Typed access to the registries over any RPC: clients, status reads, chain faults, ABIs.
export { accreditationRegistryAbi, credentialRegistryAbi } from "./abi.ts";
export {
  type AnchorRequest,
  type AnchorResult,
  anchorBatch,
  estimateAnchorGas,
  revertName,
  toWriteError,
} from "./anchorBatch.ts";
export { type Caip2ChainId, ChainIdInvalidError, parseCaip2, toCaip2 } from "./caip2.ts";
export {
  changeCredentialStatus,
  revokeBatch,
  type StatusAction,
  type StatusChangeRequest,
} from "./changeCredentialStatus.ts";
export { classifyChainError } from "./classifyError.ts";
export { type ChainClient, type ChainClientOptions, createChainClient } from "./client.ts";
export {
  type DeployedContract,
  type DeploymentRecord,
  DeploymentRecordInvalidError,
  parseDeploymentRecord,
  SUPPORTED_ABI_VERSIONS,
} from "./deploymentRecord.ts";
export { RpcChainMismatchError, RpcResponseInvalidError, RpcUnreachableError } from "./errors.ts";
export {
  assertChainId,
  type BatchRef,
  type OnChainCredentialStatus,
  readCredentialStatus,
  readCredentialStatuses,
} from "./readCredentialStatus.ts";
export { fromStatusWords, type StatusWord, toStatusWords } from "./statusWords.ts";
export { type RegistryWriter, type SentTransaction, sendAndWait } from "./writer.ts";
