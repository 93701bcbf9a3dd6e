// Reads the chain for every credential of one batch at once, without telling the RPC provider
// which ones: status is read by bitmap word (256 credentials each), and the words asked hide the
// credentials' own among a crowd of at least `crowdWords` words, or the whole batch.
//
// The first eth_call, sent with eth_chainId (one round trip), asks for words 0 .. crowdWords - 1:
// the same request for every credential of every batch. For a batch of at most crowdWords words
// that is the whole batch and the verdict needs nothing more. A bigger batch takes a second
// eth_call: now that its size is known, the credentials' words go out among decoy words drawn
// uniformly from the whole batch (crypto.getRandomValues), shuffled, until the crowd is reached.
// Decoys have to lie inside the batch (a word past its end is a known decoy to anyone who reads
// the chain), which is why they wait for the size; nothing in the file bounds it reliably.
// A file that states its batch size (proof.anchor.leafCount, written by the issuer) skips the
// first step: its words and decoys go out in the first call, so the verdict is one round trip
// for a batch of any size; files without it (issued before) take the two steps above.
// Limit: each read draws fresh decoys, so a provider who links repeated checks of one credential
// can intersect their crowds.
import type { Address } from "viem";
import {
  assertServesChain,
  type BatchView,
  type RpcEndpoint,
  RpcResponseInvalidError,
  readBatchView,
} from "../chain/index.ts";
import { CredanchorError } from "../errors.ts";
import type { ChainTarget } from "./checkLocally.ts";
import type { StatusPrivacy } from "./types.ts";

/** What the bitmaps say about one credential, and the crowd its status was read among. */
export type CredentialBits = { revoked: boolean; suspended: boolean; privacy: StatusPrivacy };

export type BatchReading =
  /** The RPC could not be reached, or serves another chain. */
  | { kind: "chain-fault"; error: CredanchorError }
  /** The chain is right but the batch could not be read or decoded. */
  | { kind: "read-fault"; error: CredanchorError }
  | {
      kind: "read";
      view: BatchView;
      /** By credential index; every index asked about has an entry. */
      bits: ReadonlyMap<number, CredentialBits>;
      privacy: StatusPrivacy;
    };

/** How a batch is read: words per eth_call, and the smallest crowd in words. */
export type ReadPolicy = { maxWordsPerCall: number; crowdWords: number };

/** Latest time a Date can hold, in seconds: a registry answering later than this is lying. */
const MAX_DATE_SECONDS = 8.64e12;
const WORD_BITS = 256;

/**
 * `bodies`: the accreditation bodies to ask about (empty: any body of the registry). The trust
 * entry and the caller's trustedBodies have already been combined into it.
 */
export async function readBatchGroup(
  chain: RpcEndpoint,
  target: ChainTarget,
  indices: readonly number[],
  bodies: readonly Address[],
  policy: ReadPolicy,
): Promise<BatchReading> {
  // A file that states its batch size (proof.anchor.leafCount) lets the decoys be drawn from the
  // whole batch at once: one round trip whatever the size. Its statement is only a hint: the
  // crowd is counted against the chain's leaf count, so a wrong hint can shrink the stated crowd
  // of its own holder's check, never the verdict.
  const hint = target.leafCountHint;
  const hinted = hint !== undefined && Math.ceil(hint / WORD_BITS) > policy.crowdWords;
  const firstWords = hinted
    ? crowdWords(ownWords(indices, hint), hint, policy.crowdWords)
    : Array.from({ length: policy.crowdWords }, (_, w) => w);
  // Both requests leave at once (one round trip of latency); the view is only looked at once the
  // chain id is known to be the credential's.
  const served = settle(assertServesChain(chain, target.chainId));
  const first = settle(readWords(chain, target, firstWords, bodies, policy.maxWordsPerCall));
  const chainCheck = await served;
  if (!chainCheck.ok) return { kind: "chain-fault", error: asFault(chainCheck.error) };
  const firstRead = await first;
  if (!firstRead.ok) return { kind: "read-fault", error: asFault(firstRead.error) };
  let read = firstRead.value;
  const leafCount = read.view.anchoredAt === 0 ? 0 : read.view.leafCount;
  const wordCount = Math.ceil(leafCount / WORD_BITS);
  const unread = [...ownWords(indices, leafCount)].filter((w) => !read.words.has(w));
  if (wordCount > policy.crowdWords && (!hinted || unread.length > 0)) {
    const words = crowdWords(ownWords(indices, leafCount), leafCount, policy.crowdWords);
    const second = await settle(readWords(chain, target, words, bodies, policy.maxWordsPerCall));
    if (!second.ok) return { kind: "read-fault", error: asFault(second.error) };
    if (second.value.view.leafCount !== read.view.leafCount) {
      return {
        kind: "read-fault",
        error: new RpcResponseInvalidError(
          target.registry,
          `it reported the batch with ${read.view.leafCount} and then ${second.value.view.leafCount} credentials`,
        ),
      };
    }
    read = second.value;
  }
  const privacy: StatusPrivacy = {
    crowd: crowdSize([...read.words.keys()], leafCount),
    batchSize: leafCount,
  };
  const bits = new Map<number, CredentialBits>();
  for (const index of indices) {
    const word = read.words.get(Math.floor(index / WORD_BITS));
    const bit = 1n << BigInt(index % WORD_BITS);
    bits.set(index, {
      revoked: index < leafCount && word !== undefined && (word.revoked & bit) !== 0n,
      suspended: index < leafCount && word !== undefined && (word.suspended & bit) !== 0n,
      privacy,
    });
  }
  return { kind: "read", view: read.view, bits, privacy };
}

/** The status words of `indices` that lie inside a batch of `leafCount` credentials. */
function ownWords(indices: readonly number[], leafCount: number): Set<number> {
  return new Set(indices.filter((i) => i < leafCount).map((i) => Math.floor(i / WORD_BITS)));
}

/**
 * The words to ask for a batch of `leafCount` credentials bigger than `crowdWords` words: the
 * `own` words and decoys drawn uniformly from the rest of the batch until the crowd holds at
 * least crowdWords * 256 credentials, in random order.
 */
export function crowdWords(
  own: ReadonlySet<number>,
  leafCount: number,
  crowdWords: number,
): number[] {
  const wordCount = Math.ceil(leafCount / WORD_BITS);
  const wanted = Math.min(leafCount, crowdWords * WORD_BITS);
  const chosen = new Set(own);
  let crowd = crowdSize([...chosen], leafCount);
  while (crowd < wanted && chosen.size < wordCount) {
    const word = randomBelow(wordCount);
    if (chosen.has(word)) continue;
    chosen.add(word);
    crowd += crowdSize([word], leafCount);
  }
  return shuffle([...chosen]);
}

/** Credentials of a batch of `leafCount` held by `words` (a word past the batch holds none). */
export function crowdSize(words: readonly number[], leafCount: number): number {
  let crowd = 0;
  for (const word of words) {
    crowd += Math.max(0, Math.min(WORD_BITS, leafCount - word * WORD_BITS));
  }
  return crowd;
}

type WordsRead = {
  view: BatchView;
  words: Map<number, { revoked: bigint; suspended: bigint }>;
};

/** Reads `words` in eth_calls of at most maxWordsPerCall words, all sent at once. */
async function readWords(
  chain: RpcEndpoint,
  target: ChainTarget,
  words: readonly number[],
  bodies: readonly Address[],
  maxWordsPerCall: number,
): Promise<WordsRead> {
  const batch = { registry: target.registry, issuer: target.issuer, root: target.root };
  const chunks: number[][] = [];
  for (let i = 0; i < words.length; i += maxWordsPerCall) {
    chunks.push(words.slice(i, i + maxWordsPerCall));
  }
  const views = await Promise.all(
    chunks.map((chunk) => readBatchView(chain, batch, chunk, bodies, target.signingKey)),
  );
  const read: WordsRead = { view: views[0]!, words: new Map() };
  views.forEach((view, c) => {
    if (view.anchoredAt > MAX_DATE_SECONDS) {
      throw new RpcResponseInvalidError(
        target.registry,
        `it reports an anchoring time (${view.anchoredAt}) no block can have`,
      );
    }
    chunks[c]!.forEach((word, i) => {
      read.words.set(word, { revoked: view.revokedWords[i]!, suspended: view.suspendedWords[i]! });
    });
  });
  return read;
}

/** A uniform integer in [0, bound), from the platform's CSPRNG (browsers and Node alike). */
function randomBelow(bound: number): number {
  // Rejection keeps every value equally likely: drop draws from the uneven top of the range.
  const limit = Math.floor(0x1_0000_0000 / bound) * bound;
  const draw = new Uint32Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(draw);
    if (draw[0]! < limit) return draw[0]! % bound;
  }
}

/** Fisher-Yates with the CSPRNG, so the order of the words says nothing either. */
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

function asFault(error: unknown): CredanchorError {
  if (error instanceof CredanchorError) return error;
  throw error;
}
