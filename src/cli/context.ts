// Where a command acts and as whom: picks the chain (Hardhat's in-process chain, a local node, a
// recorded or known deployment, or any RPC URL), finds the registries and builds the signer. Each
// job has its own file (networkOptions, inProcessChain, deployments, registries, signer,
// contentStore); this one puts them together into the context a command runs with.
import { type Address, custom, defineChain, getAddress, isAddress } from "viem";
import {
  type Caip2ChainId,
  type ChainClient,
  createChainClient,
  type RegistryWriter,
  servedChainId,
  toCaip2,
} from "../chain/index.ts";
import { CredanchorError } from "../errors.ts";
import { parseAddress } from "./commands/args.ts";
import {
  deploymentsDir,
  type FoundDeployment,
  findDeploymentByChainId,
  findNamedDeployment,
} from "./deployments.ts";
import { startInProcessChain } from "./inProcessChain.ts";
import { DEFAULT_NETWORK, LOCALHOST_URL, type NetworkOptions } from "./networkOptions.ts";
import { resolveRegistries } from "./registries.ts";
import { createWriter, resolveAccount } from "./signer.ts";

// The option helpers every command adds, beside the context they feed.
export {
  addStoreOptions,
  openContentStore,
  type StoreOptions,
  storeContent,
} from "./contentStore.ts";
export { addNetworkOptions, markRequiredOptions, type NetworkOptions } from "./networkOptions.ts";

const LOCAL_CHAIN_IDS = new Set([31337, 1337]);

export interface OpenContextOptions {
  /** Build a signer (writer); without it the context only reads. */
  signer?: boolean;
  /** Where warnings go (default: stderr), e.g. that the in-process chain vanishes at exit. */
  warn?: (line: string) => void;
  /** Environment to read CREDANCHOR_* from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /**
   * The command reads what earlier commands recorded (anchors, bodies, operators), so the
   * in-process chain, empty on every run, is refused with a hint instead of answering "nothing".
   */
  existingState?: boolean;
}

/** Everything a command needs to act on one chain. Call close() when done (withContext does). */
export interface CliContext {
  /** "hardhat", "localhost", a deployment name, or "rpc" for a bare --rpc-url. */
  network: string;
  chainId: number;
  caip2: Caip2ChainId;
  /** The CredentialRegistry. */
  registry: Address;
  accreditationRegistry: Address;
  /** Blocks where event reads start (0 when the registries were given by address). */
  deployBlocks: { registry: bigint; accreditationRegistry: bigint };
  chain: ChainClient;
  /** Present when a signer was asked for. */
  writer?: RegistryWriter;
  /** The signing account's address, when there is a writer. */
  account?: Address;
  /** True for the in-process chain: its state is gone when the command exits. */
  ephemeral: boolean;
  close(): Promise<void>;
}

/** Opens a context, runs `run` with it, and always closes it. */
export async function withContext<T>(
  options: NetworkOptions,
  open: OpenContextOptions,
  run: (context: CliContext) => Promise<T>,
): Promise<T> {
  const context = await openContext(options, open);
  try {
    return await run(context);
  } finally {
    await context.close();
  }
}

/**
 * Runs a read-only `run` for the issuer --issuer names or, without it, for the account of your
 * key or --from: a signer is opened only to learn who you are, never to send.
 */
export async function withIssuerContext<T>(
  options: NetworkOptions & { issuer?: string },
  run: (context: CliContext, issuer: Address) => Promise<T>,
): Promise<T> {
  const given = options.issuer === undefined ? undefined : parseAddress(options.issuer, "--issuer");
  return withContext(options, { signer: given === undefined, existingState: true }, (context) =>
    run(context, given ?? requireWriter(context).account),
  );
}

/** The writer and its account, or an error when the context was opened without a signer. */
export function requireWriter(context: CliContext): RegistryWriter & { account: Address } {
  if (context.writer === undefined || context.account === undefined) {
    throw new CredanchorError("KEY_MISSING", "This command needs a signer; none was opened.");
  }
  return { ...context.writer, account: context.account };
}

export async function openContext(
  options: NetworkOptions,
  open: OpenContextOptions = {},
): Promise<CliContext> {
  const env = open.env ?? process.env;
  const warn = open.warn ?? ((line: string) => process.stderr.write(`credanchor: ${line}\n`));
  const rpcUrl = options.rpcUrl ?? nonEmpty(env.CREDANCHOR_RPC_URL);
  const network = options.network ?? nonEmpty(env.CREDANCHOR_NETWORK);
  const explicit = {
    registry: optionalAddress(options.registry, "--registry"),
    accreditationRegistry: optionalAddress(
      options.accreditationRegistry,
      "--accreditation-registry",
    ),
  };
  const confirmations = readConfirmations(options.confirmations ?? env.CREDANCHOR_CONFIRMATIONS);

  if (network === DEFAULT_NETWORK || (network === undefined && rpcUrl === undefined)) {
    if (open.existingState) {
      throw new CredanchorError(
        "NETWORK_EPHEMERAL",
        `This command reads what is recorded on a chain, and --network ${DEFAULT_NETWORK} (the default) is an in-process chain that starts empty on every run: pass --network localhost, --network <deployment> with --rpc-url, or --rpc-url <url>.`,
        { network: DEFAULT_NETWORK },
      );
    }
    const foreign = [
      options.rpcUrl !== undefined ? "--rpc-url" : undefined,
      explicit.registry !== undefined ? "--registry" : undefined,
      explicit.accreditationRegistry !== undefined ? "--accreditation-registry" : undefined,
    ].filter((o) => o !== undefined);
    if (foreign.length > 0) {
      throw new CredanchorError(
        "OPTION_CONFLICT",
        `--network hardhat (the default without --rpc-url) runs an in-process chain with fresh registries, so ${foreign.join(" and ")} cannot apply: add --rpc-url <url> or --network <name>.`,
        { options: foreign },
      );
    }
    return openInProcess(options, open, env, warn, confirmations);
  }

  const dir = deploymentsDir(options.deployments, env);
  // Find the named deployment before touching the network, so a typo fails at once.
  const named =
    network !== undefined && explicit.registry === undefined
      ? await findNamedDeployment(network, dir)
      : undefined;
  const url = rpcUrl ?? (network === "localhost" ? LOCALHOST_URL : undefined);
  if (url === undefined) {
    throw new CredanchorError(
      "RPC_URL_MISSING",
      `Network "${network}" needs an RPC URL: pass --rpc-url <url> or set CREDANCHOR_RPC_URL.`,
      { network },
    );
  }

  const chain = createChainClient({ rpcUrls: [url], retryCount: 1 });
  const chainId = await servedChainId(chain);
  const found: FoundDeployment | undefined =
    named ??
    (explicit.registry === undefined ? await findDeploymentByChainId(chainId, dir) : undefined);
  const record = found?.record;
  if (found !== undefined && found.record.chainId !== chainId) {
    throw new CredanchorError(
      "DEPLOYMENT_CHAIN_MISMATCH",
      `${found.source} records chain ${found.record.chainId}, but ${url} serves chain ${chainId}: use an RPC URL of chain ${found.record.chainId} or another --network.`,
      { file: found.source, expected: found.record.chainId, actual: chainId, url },
    );
  }
  const registries = await resolveRegistries(chain, explicit, record);
  const local = LOCAL_CHAIN_IDS.has(chainId);
  const context: CliContext = {
    network: network ?? record?.network ?? "rpc",
    chainId,
    caip2: toCaip2(chainId),
    ...registries,
    chain,
    ephemeral: false,
    async close() {},
  };
  if (open.signer) {
    const viemChain = defineChain({
      id: chainId,
      name: network ?? `chain ${chainId}`,
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [url] } },
    });
    const account = await resolveAccount(options, env, chain, false);
    const writer = createWriter(
      account,
      viemChain,
      // Writes go over the reads' transport (src/chain/rpc.ts), which retries by itself.
      custom({ request: chain.request as never }, { retryCount: 0 }),
      chain,
      confirmations ?? (local ? 1 : 2),
    );
    context.writer = writer;
    context.account = writer.wallet.account.address;
  }
  return context;
}

async function openInProcess(
  options: NetworkOptions,
  open: OpenContextOptions,
  env: NodeJS.ProcessEnv,
  warn: (line: string) => void,
  confirmations: number | undefined,
): Promise<CliContext> {
  const inProcess = await startInProcessChain();
  try {
    warn(
      `--network hardhat: an in-process chain with fresh registries (CredentialRegistry ${inProcess.registry}); everything this command records vanishes when it exits. Use --network localhost or --rpc-url to keep it.`,
    );
    const context: CliContext = {
      network: DEFAULT_NETWORK,
      chainId: inProcess.chainId,
      caip2: toCaip2(inProcess.chainId),
      registry: inProcess.registry,
      accreditationRegistry: inProcess.accreditationRegistry,
      deployBlocks: inProcess.deployBlocks,
      chain: inProcess.chain,
      ephemeral: true,
      close: () => inProcess.close(),
    };
    if (open.signer) {
      // Nothing of value lives on a chain that vanishes at exit: its first account signs (or --from).
      const account = await resolveAccount(options, env, inProcess.chain, true);
      const writer = createWriter(
        account,
        inProcess.viemChain,
        inProcess.transport,
        inProcess.chain,
        confirmations ?? 1,
      );
      context.writer = writer;
      context.account = writer.wallet.account.address;
    }
    return context;
  } catch (error) {
    await inProcess.close();
    throw error;
  }
}

function readConfirmations(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  if (!/^[0-9]+$/.test(raw.trim()) || Number(raw) < 1 || Number(raw) > 1000) {
    throw new CredanchorError(
      "OPTION_INVALID",
      `--confirmations "${raw}" must be a whole number from 1 to 1000.`,
      { option: "--confirmations", value: raw },
    );
  }
  return Number(raw);
}

function optionalAddress(value: string | undefined, option: string): Address | undefined {
  if (value === undefined) return undefined;
  if (!isAddress(value, { strict: false })) {
    throw new CredanchorError("OPTION_INVALID", `${option} "${value}" is not an address.`, {
      option,
      value,
    });
  }
  return getAddress(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}
