// Errors a person running the deploy script can meet: each names the setting or the network at
// fault and what to do next. They share the SDK's error hierarchy so a caller can switch on `code`.
import { CredanchorError } from "../../src/errors.ts";

export class DeployConfigError extends CredanchorError {
  constructor(variable: string, message: string, details: Record<string, unknown> = {}) {
    super("DEPLOY_CONFIG_INVALID", `${variable}: ${message}`, { variable, ...details });
  }
}

/** A configuration variable Hardhat needs for the chosen network is not set anywhere. */
export class DeployVariableMissingError extends CredanchorError {
  constructor(variable: string, network: string) {
    super(
      "DEPLOY_VARIABLE_MISSING",
      `${variable} is not set, and network "${network}" needs it. Export it in the environment ` +
        `(export ${variable}=...) or store it in the Hardhat keystore ` +
        `(npx hardhat keystore set ${variable}).`,
      { variable, network },
    );
  }
}

/** The RPC endpoint serves another chain than the one the deployer asked for. */
export class DeployChainMismatchError extends CredanchorError {
  constructor(network: string, expectedChainId: number, actualChainId: number) {
    super(
      "DEPLOY_CHAIN_MISMATCH",
      `Network "${network}" serves chain ${actualChainId}, but CREDANCHOR_CHAIN_ID asks for chain ` +
        `${expectedChainId}: point the RPC URL at chain ${expectedChainId} or change CREDANCHOR_CHAIN_ID.`,
      { network, expectedChainId, actualChainId },
    );
  }
}

/** The RPC endpoint did not answer. */
export class DeployRpcUnreachableError extends CredanchorError {
  constructor(network: string, endpoint: string, hint: string, cause: unknown) {
    super(
      "DEPLOY_RPC_UNREACHABLE",
      `Network "${network}" did not answer at ${endpoint}: ${hint}.`,
      { network, endpoint },
      { cause },
    );
  }
}

/** A live deployment is already recorded for this network; overwriting it would lose it. */
export class DeploymentExistsError extends CredanchorError {
  constructor(file: string, address: string) {
    super(
      "DEPLOYMENT_EXISTS",
      `${file} already records a live CredentialRegistry at ${address}. Deploying again would ` +
        `replace that record; set CREDANCHOR_REDEPLOY=1 to deploy a new version anyway, or ` +
        `CREDANCHOR_DEPLOYMENT_NAME to record it under another name.`,
      { file, address },
    );
  }
}
