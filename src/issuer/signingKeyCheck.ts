// Before anything is stored or anchored: the issuer account must have declared the signing key on
// chain, else verifiers reject every signature. A run that signs as the issuer account declares
// it; one that signs as an operator, or holds a retired key, stops here. A dry run (no
// transaction sink) only reports where the key stands.
import { declareSigningKey, readSigningKey } from "../chain/index.ts";
import { CredanchorError } from "../errors.ts";
import { chainReaderOf } from "./chainReader.ts";
import { IssueOptionError } from "./errors.ts";
import type { IssuePlan } from "./issuePlan.ts";
import type { IssueRun } from "./issueRun.ts";
import type { SigningKeyReport } from "./report.ts";

export type SigningKeyState = SigningKeyReport["state"];

/** Where the key stands once this step is done (declared, unless the run only estimates). */
export async function settleSigningKey(run: IssueRun): Promise<SigningKeyState> {
  const { plan, journal } = run;
  const state = await signingKeyState(plan);
  const writer = run.sinks.transactions;
  if (state === "declared" || writer === undefined) return state;
  refuseSigningKey(plan, state);
  const sent = await declareSigningKey(writer, {
    registry: plan.context.registryAddress,
    publicKey: plan.key.publicKey,
  });
  await journal.append({
    step: "signing-key-declared",
    didKey: plan.key.didKey,
    txHash: sent.txHash,
    blockNumber: sent.blockNumber.toString(),
  });
  run.emit({
    type: "signing-key-declared",
    didKey: plan.key.didKey,
    txHash: sent.txHash,
    blockNumber: sent.blockNumber,
  });
  return "declared";
}

async function signingKeyState(plan: IssuePlan): Promise<SigningKeyState> {
  const term = await readSigningKey(chainReaderOf(plan.writer), {
    registry: plan.context.registryAddress,
    issuer: plan.context.issuerAddress,
    publicKey: plan.key.publicKey,
  });
  if (term.declaredAt === 0) {
    const asIssuer = plan.signer.toLowerCase() === plan.context.issuerAddress.toLowerCase();
    return asIssuer ? "to-declare" : "undeclared";
  }
  return term.retiredAt === 0 ? "declared" : "retired";
}

/** Stops the run when the key cannot be used: retired, or undeclared and the signer an operator. */
function refuseSigningKey(plan: IssuePlan, state: SigningKeyState): void {
  const { didKey } = plan.key;
  const issuer = plan.context.issuerAddress;
  if (state === "retired") {
    throw new IssueOptionError(
      "signing key",
      `${didKey} is retired by issuer ${issuer}: verifiers would reject the signature of every credential anchored now. Set a new key (CREDANCHOR_SIGNING_KEY) and declare it with \`credanchor signing-key declare\` as the issuer; nothing was stored or anchored`,
    );
  }
  if (state === "undeclared") {
    throw new CredanchorError(
      "SIGNER_NOT_ISSUER",
      `Signing key ${didKey} is not declared by issuer ${issuer}, and you sign as its operator ${plan.signer}, who cannot declare it (only the issuer account may). Ask the issuer to run \`credanchor signing-key declare\` with this key, then run this command again; nothing was stored or anchored.`,
      { signer: plan.signer, issuer, act: "declare", didKey },
    );
  }
}
