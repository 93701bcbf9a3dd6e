// Anchors one batch root, idempotently: a root this issuer already anchored is reported as such,
// never anchored twice, so a batch run that died after sending can simply be run again.
import type { Address, Hex } from "viem";
import { credentialRegistryAbi } from "./abi.ts";
import { classifyChainError } from "./classifyError.ts";
import { revertName, toTransactionError } from "./toTransactionError.ts";
import { type RegistryWriter, type SentTransaction, sendAndWait } from "./writer.ts";

export interface AnchorRequest {
  registry: Address;
  /** The issuer in whose name to anchor; the writer's account must be it or a live operator. */
  issuer: Address;
  root: Hex;
  leafCount: number;
  /** bytes20 credential type id. */
  credentialType: Hex;
  /** Binary CIDv1 of the batch manifest. */
  manifestCid: Hex;
}

export type AnchorResult =
  | ({ status: "anchored"; anchoredAt: number } & SentTransaction)
  | { status: "already-anchored"; anchoredAt: number };

export async function anchorBatch(
  writer: RegistryWriter,
  request: AnchorRequest,
): Promise<AnchorResult> {
  const existing = await readAnchoredAt(writer, request);
  if (existing !== 0) return { status: "already-anchored", anchoredAt: existing };
  try {
    const sent = await sendAndWait(writer, () => sendAnchor(writer, request));
    return { status: "anchored", anchoredAt: await readAnchoredAt(writer, request), ...sent };
  } catch (error) {
    if (revertName(error) === "BatchAlreadyAnchored") {
      return { status: "already-anchored", anchoredAt: await readAnchoredAt(writer, request) };
    }
    throw toTransactionError(error, request.registry, "anchor", writer.wallet.account.address);
  }
}

/** Gas the anchor transaction would use now (for the pipeline to show before sending). */
export async function estimateAnchorGas(
  writer: RegistryWriter,
  request: AnchorRequest,
): Promise<bigint> {
  try {
    return await estimateAnchor(writer, request);
  } catch (error) {
    throw toTransactionError(error, request.registry, "anchor", writer.wallet.account.address);
  }
}

function isSelf(writer: RegistryWriter, r: AnchorRequest): boolean {
  return writer.wallet.account.address.toLowerCase() === r.issuer.toLowerCase();
}

function sendAnchor(writer: RegistryWriter, r: AnchorRequest): Promise<Hex> {
  const common = {
    address: r.registry,
    abi: credentialRegistryAbi,
    chain: writer.wallet.chain,
  } as const;
  return isSelf(writer, r)
    ? writer.wallet.writeContract({
        ...common,
        functionName: "anchor",
        args: [r.root, r.leafCount, r.credentialType, r.manifestCid],
      })
    : writer.wallet.writeContract({
        ...common,
        functionName: "anchorFor",
        args: [r.issuer, r.root, r.leafCount, r.credentialType, r.manifestCid],
      });
}

// The same call as sendAnchor, estimated: a deliberate second spelling, since viem types each
// action's arguments by its literal function name and a shared call object would lose them.
function estimateAnchor(writer: RegistryWriter, r: AnchorRequest): Promise<bigint> {
  const common = {
    address: r.registry,
    abi: credentialRegistryAbi,
    account: writer.wallet.account,
  } as const;
  return isSelf(writer, r)
    ? writer.reader.estimateContractGas({
        ...common,
        functionName: "anchor",
        args: [r.root, r.leafCount, r.credentialType, r.manifestCid],
      })
    : writer.reader.estimateContractGas({
        ...common,
        functionName: "anchorFor",
        args: [r.issuer, r.root, r.leafCount, r.credentialType, r.manifestCid],
      });
}

async function readAnchoredAt(writer: RegistryWriter, r: AnchorRequest): Promise<number> {
  try {
    const batch = await writer.reader.readContract({
      address: r.registry,
      abi: credentialRegistryAbi,
      functionName: "batchOf",
      args: [r.issuer, r.root],
    });
    return batch.anchoredAt;
  } catch (error) {
    throw classifyChainError(error, [], r.registry);
  }
}
