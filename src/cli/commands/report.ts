// What every command prints about a transaction and the chain it acted on, in one shape for
// --json and one line for people, so scripts can rely on the same field names everywhere.
import type { Command } from "commander";
import type { SentTransaction } from "../../chain/index.ts";
import type { CliContext } from "../context.ts";
import { createOutput, type Output } from "../output.ts";

export function outputOf(command: Command): Output {
  return createOutput(Boolean(command.optsWithGlobals().json));
}

export interface TransactionReport {
  txHash: `0x${string}`;
  blockNumber: number;
  gasUsed: string;
}

export function transactionReport(sent: SentTransaction): TransactionReport {
  return {
    txHash: sent.txHash,
    blockNumber: Number(sent.blockNumber),
    gasUsed: sent.gasUsed.toString(),
  };
}

export function transactionLine(sent: TransactionReport): string {
  return `tx ${sent.txHash} (block ${sent.blockNumber}, gas ${sent.gasUsed})`;
}

/** Where a command acted: the fields every --json result starts with. */
export function chainReport(context: CliContext) {
  return {
    network: context.network,
    chain: context.caip2,
    ...(context.account !== undefined ? { account: context.account } : {}),
  };
}
