// When and why a credential was revoked or suspended: the registry's latest status event that
// names it (or its whole batch), and the time of the block that recorded it. Read only after the
// bitmaps said revoked or suspended, so a valid credential still costs one eth_call; one
// eth_getLogs for the batch (filtered by issuer and root, so the provider learns no more than the
// status read told it) and one eth_getBlockByNumber. Any fault leaves the detail out (null): it
// never changes the verdict. Event signatures are written out (test/verifier/statusChange.test.ts
// checks them against the ABI) to keep viem's event decoding out of the verifier's bundle.
import type { Address, Hex } from "viem";
import type { RpcEndpoint } from "../chain/index.ts";
import type { ReportedStatusChange } from "./types.ts";

/** keccak256 of each event's signature: topic 0 of its logs. */
export const STATUS_EVENT_TOPICS = {
  CredentialsRevoked: "0x6c9572d37ac3463ce809129eda163a1e38c961bb4ebfbeb479ce4dd3c47d4e83",
  CredentialsSuspended: "0xe415b6ab5dc942165c8380a09fa52e7dbdd5a82ec039eb820545f08afe3192fc",
  BatchRevoked: "0xf77fd87847f6bd57246ce6fbb392edcb0e615b4f8f93d09c05148979f868de67",
} as const;

type Log = { topics: Hex[]; data: Hex; blockNumber: Hex; logIndex: Hex; transactionHash: Hex };

/**
 * The batch's status logs from `fromBlock` (the block the file says it was anchored in, a hint:
 * a wrong one can only miss events, never change the verdict), oldest first; read once per batch
 * and shared by its credentials. Many public RPCs refuse wide ranges: a refused range is retried
 * in halves and the accepted span kept for the rest (a linear walk, as src/chain/readEventLogs.ts).
 */
export async function readStatusLogs(
  chain: RpcEndpoint,
  target: { registry: Address; issuer: Address; root: Hex },
  fromBlock = 0n,
): Promise<Log[]> {
  const head = BigInt((await chain.request({ method: "eth_blockNumber" })) as Hex);
  const topics = [
    Object.values(STATUS_EVENT_TOPICS),
    `0x${target.issuer.slice(2).toLowerCase().padStart(64, "0")}`,
    target.root.toLowerCase(),
  ];
  const logs: Log[] = [];
  let span = head - fromBlock + 1n;
  for (let start = fromBlock; start <= head; ) {
    const end = start + span - 1n < head ? start + span - 1n : head;
    try {
      const range = { fromBlock: hex(start), toBlock: hex(end) };
      const page = (await chain.request({
        method: "eth_getLogs",
        params: [{ address: target.registry, ...range, topics }],
      })) as Log[];
      logs.push(...page);
      start = end + 1n;
    } catch (error) {
      // A JSON-RPC answer (too many blocks or results) is a refusal worth halving; a fault is not.
      const answered = typeof (error as { code?: unknown } | null)?.code === "number";
      if (span === 1n || !answered) throw error;
      span = (span + 1n) / 2n;
    }
  }
  return logs.sort(
    (a, b) =>
      Number(BigInt(a.blockNumber) - BigInt(b.blockNumber)) ||
      Number(BigInt(a.logIndex) - BigInt(b.logIndex)),
  );
}

function hex(n: bigint): Hex {
  return `0x${n.toString(16)}`;
}

/**
 * The event that revoked the credential at `index` (the first: revocation is final) or that
 * suspended it (the latest: a suspension can be lifted and made again), with its block's time;
 * null when no log names it.
 */
export async function readStatusChange(
  chain: RpcEndpoint,
  logs: readonly Log[],
  index: number,
  status: "revoked" | "suspended",
  blockTimes: Map<Hex, Promise<unknown>> = new Map(),
): Promise<ReportedStatusChange | null> {
  let found: { log: Log; action: ReportedStatusChange["action"] } | null = null;
  for (const log of logs) {
    if (status === "revoked" && found !== null) break;
    const topic = log.topics[0];
    if (status === "revoked" && topic === STATUS_EVENT_TOPICS.BatchRevoked) {
      found = { log, action: "batch-revoked" };
    } else if (
      (status === "revoked" && topic === STATUS_EVENT_TOPICS.CredentialsRevoked) ||
      (status === "suspended" && topic === STATUS_EVENT_TOPICS.CredentialsSuspended)
    ) {
      if (wordsName(log.data, index)) found = { log, action: status };
    }
  }
  if (found === null) return null;
  // Credentials revoked together share one block read.
  const number = found.log.blockNumber;
  if (!blockTimes.has(number)) {
    blockTimes.set(
      number,
      chain.request({ method: "eth_getBlockByNumber", params: [number, false] }),
    );
  }
  const block = (await blockTimes.get(number)) as { timestamp?: Hex } | null;
  if (typeof block?.timestamp !== "string") return null;
  return {
    action: found.action,
    reason: Number(BigInt(slot(found.log.data, 0)) & 0xffn),
    at: new Date(Number(BigInt(block.timestamp)) * 1000).toISOString(),
    by: `0x${(found.log.topics[3] ?? "").slice(-40)}` as Address,
    transactionHash: found.log.transactionHash,
  };
}

/** Whether the event data's StatusWord[] (after the uint8 reason) has `index`'s bit set. */
function wordsName(data: Hex, index: number): boolean {
  const offset = Number(BigInt(slot(data, 1))) / 32;
  const count = Number(BigInt(slot(data, offset)));
  const word = BigInt(Math.floor(index / 256));
  for (let i = 0; i < count; i++) {
    if (BigInt(slot(data, offset + 1 + 2 * i)) !== word) continue;
    const mask = BigInt(slot(data, offset + 2 + 2 * i));
    if ((mask >> BigInt(index % 256)) & 1n) return true;
  }
  return false;
}

/** The 32-byte ABI slot `n` of `data`, as hex. */
function slot(data: Hex, n: number): Hex {
  const hex = data.slice(2 + 64 * n, 2 + 64 * (n + 1));
  if (hex.length !== 64) throw new RangeError(`event data ends before slot ${n}`);
  return `0x${hex}`;
}
