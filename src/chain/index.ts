// Typed access to the registries over any RPC: clients, status reads, chain faults, ABIs.

export { type Caip2ChainId, ChainIdInvalidError, parseCaip2, toCaip2 } from "../values/index.ts";
export { accreditationRegistryAbi, credentialRegistryAbi } from "./abi.ts";
export {
  ACCREDITATION_FOREVER,
  type AccreditIssuerRequest,
  accreditIssuer,
} from "./accreditIssuer.ts";
export {
  type AnchorRequest,
  type AnchorResult,
  anchorBatch,
  estimateAnchorGas,
} from "./anchorBatch.ts";
export { type AppointBodyRequest, appointBody } from "./appointBody.ts";
export { assertServesChain, servedChainId } from "./assertServesChain.ts";
export {
  changeCredentialStatus,
  revokeBatch,
  type StatusAction,
  type StatusChangeRequest,
} from "./changeCredentialStatus.ts";
export {
  type BatchStatusChange,
  type ChangeStatusesRequest,
  changeStatuses,
  type StatusTarget,
} from "./changeStatuses.ts";
export { classifyChainError } from "./classifyError.ts";
export { type ChainClient, type ChainClientOptions, createChainClient } from "./client.ts";
export { type DeclareSigningKeyRequest, declareSigningKey } from "./declareSigningKey.ts";
export {
  ABI_VERSION,
  type DeployedContract,
  type DeploymentRecord,
  DeploymentRecordInvalidError,
  parseDeploymentRecord,
  SUPPORTED_ABI_VERSIONS,
} from "./deploymentRecord.ts";
export {
  DEFAULT_ADMIN_DELAY,
  type DeployedRegistries,
  type DeployRegistriesRequest,
  deployRegistries,
  type RegistryBytecode,
  RegistryDeployFailedError,
} from "./deployRegistries.ts";
export {
  faultClause,
  RpcChainMismatchError,
  RpcResponseInvalidError,
  RpcUnreachableError,
} from "./errors.ts";
export type { KnownDeployment } from "./knownDeployment.ts";
export { KNOWN_DEPLOYMENTS } from "./knownDeployments.ts";
export {
  type AccreditationFilter,
  type AccreditationTerm,
  listAccreditations,
  type TermState,
} from "./listAccreditations.ts";
export { type AccreditationBody, listBodies } from "./listBodies.ts";
export { listOperators, type OperatorKey } from "./listOperators.ts";
export { listStatusChanges, type StatusChange } from "./listStatusChanges.ts";
export { type AnchoredBatchRef, readAnchoredBatch } from "./readAnchoredBatch.ts";
export {
  type BatchAnchorEvent,
  type BatchRecord,
  findBatchAnchor,
  readBatch,
} from "./readBatch.ts";
export {
  type AccreditationDetail,
  type BatchView,
  NO_SIGNING_KEY,
  readBatchView,
} from "./readBatchView.ts";
export {
  type BatchRef,
  type OnChainCredentialStatus,
  readCredentialStatus,
  readCredentialStatuses,
} from "./readCredentialStatus.ts";
export { compareLogs, type LogOrder, readEventLogs } from "./readEventLogs.ts";
export { readSigningKey, type SigningKeyRef, type SigningKeyTerm } from "./readSigningKey.ts";
export { reinstateAccreditation } from "./reinstateAccreditation.ts";
export { removeBody } from "./removeBody.ts";
export { removeOperator } from "./removeOperator.ts";
export { type RetireSigningKeyRequest, retireSigningKey } from "./retireSigningKey.ts";
export {
  type RevokeAnchoredBatchRequest,
  type RevokedBatch,
  revokeAnchoredBatch,
} from "./revokeAnchoredBatch.ts";
export {
  type HttpRpcOptions,
  httpRpc,
  isRevert,
  RpcAnswerError,
  type RpcEndpoint,
  type RpcRequest,
  RpcTransportError,
} from "./rpc.ts";
export { setBodyMetadata } from "./setBodyMetadata.ts";
export { type SetBodyProfileRequest, setBodyProfile } from "./setBodyProfile.ts";
export { type SetBodyScopeRequest, setBodyScope } from "./setBodyScope.ts";
export { OPERATOR_RIGHTS, type SetOperatorRequest, setOperator } from "./setOperator.ts";
export { signingKeyArgument } from "./signingKeyArgument.ts";
export {
  parseStatusReason,
  STATUS_REASONS,
  type StatusReasonName,
  statusReasonName,
} from "./statusReason.ts";
export { fromStatusWords, type StatusWord, toStatusWords } from "./statusWords.ts";
export { type AccreditationRef, suspendAccreditation } from "./suspendAccreditation.ts";
export { revertName, toTransactionError, toWriteError } from "./toTransactionError.ts";
export { withdrawAccreditation } from "./withdrawAccreditation.ts";
export { type RegistryWriter, type SentTransaction, sendAndWait } from "./writer.ts";
