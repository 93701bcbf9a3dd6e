// What a verifier needs besides the credential: a way to read one chain (a prepared client, an
// EIP-1193 provider or RPC URLs), its own policy (which registry deployments it trusts, and
// within them which accreditation bodies) and the moment to judge validity dates at.
import type { Address, EIP1193Provider } from "viem";
import { httpRpc, type RpcEndpoint } from "../chain/index.ts";
import type { CredentialReading } from "../credential/index.ts";
import { isAddress } from "../values/index.ts";
import { VerifyOptionsError } from "./errors.ts";
import { checkTrustList, knownTrust, type TrustedRegistry } from "./trust.ts";
import type { VerificationCheck } from "./types.ts";

export type VerifyOptions = {
  /**
   * A prepared endpoint (a ChainClient from createChainClient is one); reuse one across calls so
   * the chain id is checked once.
   */
  chain?: RpcEndpoint;
  /** An EIP-1193 provider (a browser wallet, Hardhat's in-process chain). */
  provider?: EIP1193Provider;
  /** RPC URLs of the credential's chain, tried in turn. */
  rpcUrls?: readonly string[];
  /** Per-request timeout in milliseconds for rpcUrls (default 10,000). */
  timeoutMs?: number;
  /** Retries per URL after the first attempt, with exponential backoff (default 2). */
  retryCount?: number;
  /** Base delay of the backoff in milliseconds (default 150). */
  retryDelayMs?: number;
  /**
   * The registry deployments this verifier trusts (default: the SDK's known deployments, see
   * knownTrust()). A credential pointing at any other registry is "untrusted-registry": a
   * registry is a contract anyone can deploy, so its answers count only when the verifier chose
   * it. Development chains are never trusted by default.
   */
  trust?: readonly TrustedRegistry[];
  /**
   * Accreditation bodies this verifier trusts, within every trusted registry (an entry's own
   * `bodies` narrows further). When absent, any body of the trusted registry counts.
   */
  trustedBodies?: readonly Address[];
  /** When to judge validFrom and validUntil at (default: now). */
  now?: Date;
  /** Most status words (256 credentials each) read in one eth_call (default 1,024). */
  maxWordsPerCall?: number;
  /**
   * The smallest crowd a status read hides a credential in, in status words of 256 credentials
   * (default 16: 4,096 credentials). A batch this size or smaller is read whole in one round trip;
   * a bigger one takes a second, for the credential's words among random decoys.
   */
  crowdWords?: number;
  /**
   * Verifies other issuers' Open Badges 3.0 / VC 2.0 credentials: `checkThirdParty` from
   * @credanchor/sdk/third-party (kept out of this entry point: it carries the general JSON-LD
   * canonicaliser, ~100 KB). Without it such a credential is "unverifiable"
   * (THIRD_PARTY_NOT_SUPPORTED); credanchor's own credentials never need it.
   */
  thirdParty?: ThirdPartyChecker;
  /**
   * How other issuers' DID documents (did:web) and status lists are fetched, over HTTPS only
   * (default: globalThis.fetch). Credanchor's own credentials are never fetched for.
   */
  fetch?: (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;
  /** Where the credential came from, copied to the report (verify only). */
  source?: string;
};

/** What a third-party checker is given besides the credential. */
export type ThirdPartyPolicy = {
  fetch: NonNullable<VerifyOptions["fetch"]> | undefined;
  timeoutMs: number;
  now: Date;
};

/**
 * The signature, revocation and suspension checks of another issuer's credential (its other
 * checks are the verifier's). Findings are checks; it never throws on untrusted input.
 */
export type ThirdPartyChecker = (
  reading: CredentialReading & { version: "foreign" },
  policy: ThirdPartyPolicy,
) => Promise<VerificationCheck[]>;

export type VerifyManyOptions = Omit<VerifyOptions, "source"> & {
  /** Where each credential came from, by position, copied to its report. */
  sources?: readonly (string | undefined)[];
};

/**
 * 16 words, 4,096 credentials: a batch up to that size is read whole in the one round trip a
 * verdict takes anyway. Measured: on a 1,000,000-credential batch, 16 words cost 123,000 gas of
 * eth_call and a 2.1 KB reply (64 words: 361,000 gas, 5.2 KB; 256 words: 1.3 M gas, 17 KB); in
 * bench/verify.bench.ts 16 words left verify.one.s where it was, while 64 made it 30-45% slower.
 */
const DEFAULT_CROWD_WORDS = 16;

/** Options, checked once; throws VERIFY_OPTIONS_INVALID naming the bad option. */
export type ResolvedOptions = {
  trust: readonly TrustedRegistry[];
  trustedBodies: ReadonlySet<string> | null;
  now: Date;
  maxWordsPerCall: number;
  crowdWords: number;
  chain: RpcEndpoint;
  thirdParty: ThirdPartyChecker | undefined;
  fetch: NonNullable<VerifyOptions["fetch"]> | undefined;
  timeoutMs: number;
};

export function resolveOptions(options: VerifyManyOptions): ResolvedOptions {
  const ways = [options.chain, options.provider, options.rpcUrls].filter((w) => w !== undefined);
  if (ways.length !== 1) {
    throw new VerifyOptionsError(
      "chain",
      "give exactly one of chain, provider or rpcUrls (e.g. rpcUrls: ['http://127.0.0.1:8545'])",
    );
  }
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new VerifyOptionsError("now", "must be a valid Date");
  }
  const maxWordsPerCall = positiveInteger(options.maxWordsPerCall, 1_024, "maxWordsPerCall");
  const crowdWords = positiveInteger(options.crowdWords, DEFAULT_CROWD_WORDS, "crowdWords");
  return {
    trust: options.trust === undefined ? knownTrust() : checkTrustList(options.trust),
    trustedBodies: addressSet(options.trustedBodies, "trustedBodies"),
    now,
    maxWordsPerCall,
    crowdWords,
    thirdParty: optionalFunction(options.thirdParty, "thirdParty"),
    fetch: optionalFunction(options.fetch, "fetch") ?? globalThis.fetch?.bind(globalThis),
    timeoutMs: options.timeoutMs ?? 10_000,
    // Making an endpoint sends nothing; it only checks the URLs.
    chain: options.chain ?? endpointOf(options),
  };
}

function endpointOf(options: VerifyManyOptions): RpcEndpoint {
  const { provider } = options;
  if (provider !== undefined) {
    if (typeof provider?.request !== "function") {
      throw new VerifyOptionsError("provider", "must be an EIP-1193 provider (with request())");
    }
    return { request: (args) => provider.request(args as never), urls: [] };
  }
  const urls = options.rpcUrls ?? [];
  return {
    request: httpRpc(urls, {
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.retryCount === undefined ? {} : { retryCount: options.retryCount }),
      ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
    }),
    urls,
  };
}

function optionalFunction<T>(value: T | undefined, name: string): T | undefined {
  if (value !== undefined && typeof value !== "function")
    throw new VerifyOptionsError(name, "must be a function");
  return value;
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  const n = value ?? fallback;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new VerifyOptionsError(name, "must be a positive integer");
  return n;
}

function addressSet(list: readonly string[] | undefined, name: string): Set<string> | null {
  if (list === undefined) return null;
  if (!Array.isArray(list)) throw new VerifyOptionsError(name, "must be a list of addresses");
  return new Set(
    list.map((address, i) => {
      if (!isAddress(address)) {
        throw new VerifyOptionsError(
          `${name}[${i}]`,
          `"${String(address)}" is not an address (0x and 40 hex digits)`,
        );
      }
      return address.toLowerCase();
    }),
  );
}
