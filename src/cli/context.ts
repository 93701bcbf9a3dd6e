// Where a command acts and as whom: picks the chain (Hardhat's in-process chain, a local node, a
// recorded deployment or any RPC URL), finds the registries, checks they have code, and builds a
// signer from the environment, the Hardhat keystore or an unlocked dev-node account. Keys never
// come from files in the repository and are never printed. Hardhat is imported (dynamically)
// only for the in-process chain and the keystore; everything else is plain viem. Commands that
// record a file's CID (evidence, body metadata) open the content store here too, as `issue` does.

import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import {
  type Account,
  type Address,
  type Chain,
  createWalletClient,
  custom,
  defineChain,
  type EIP1193Provider,
  getAddress,
  type Hex,
  http,
  isAddress,
  type PublicClient,
  publicActions,
  type Transport,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { getChainId, getCode, readContract, waitForTransactionReceipt } from "viem/actions";
import {
  accreditationRegistryAbi,
  type Caip2ChainId,
  type ChainClient,
  classifyChainError,
  createChainClient,
  credentialRegistryAbi,
  type DeploymentRecord,
  parseDeploymentRecord,
  type RegistryWriter,
  toCaip2,
} from "../chain/index.ts";
import { CredanchorError } from "../errors.ts";
import { type ContentStore, DEFAULT_MAX_CONTENT_BYTES } from "../storage/contentStore.ts";
import type { ContentArgument, RecordedContent } from "./commands/args.ts";

/** The environment variable holding the signing key (or its name in the Hardhat keystore). */
export const KEY_VARIABLE = "CREDANCHOR_PRIVATE_KEY";
/** The network used when neither --network nor --rpc-url is given. */
export const DEFAULT_NETWORK = "hardhat";
export const LOCALHOST_URL = "http://127.0.0.1:8545";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
const LOCAL_CHAIN_IDS = new Set([31337, 1337]);

/** The network and key options, as commander parses them (see addNetworkOptions). */
export interface NetworkOptions {
  network?: string;
  rpcUrl?: string;
  registry?: string;
  accreditationRegistry?: string;
  from?: string;
  keystore?: boolean;
  confirmations?: string;
}

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

/**
 * Adds the network options to a command; with `signer`, also the key options. Every command that
 * talks to a chain calls this, so they all read the same flags and show them in --help.
 */
export function addNetworkOptions(command: Command, options: { signer: boolean }): Command {
  command
    .option(
      "--network <name>",
      `"hardhat" (in-process, ephemeral), "localhost" (npx hardhat node) or a deployments/<name>.json record (env CREDANCHOR_NETWORK; default ${DEFAULT_NETWORK} unless --rpc-url is given)`,
    )
    .option(
      "--rpc-url <url>",
      "JSON-RPC endpoint of the chain (env CREDANCHOR_RPC_URL); the deployment is found by chain id",
    )
    .option("--registry <address>", "CredentialRegistry address (instead of the deployment record)")
    .option(
      "--accreditation-registry <address>",
      "AccreditationRegistry address (default: the one the CredentialRegistry reads)",
    );
  if (options.signer) {
    command
      .option(
        "--from <address|index>",
        "send from an unlocked account of a development node (e.g. npx hardhat node), by address or index",
      )
      .option(
        "--keystore",
        `read ${KEY_VARIABLE} from the Hardhat keystore (npx hardhat keystore set ${KEY_VARIABLE}) when it is not in the environment`,
      )
      .option(
        "--confirmations <n>",
        "blocks to wait for after each transaction (env CREDANCHOR_CONFIRMATIONS; default 1 on local chains, 2 elsewhere)",
      );
  }
  return command;
}

/**
 * Marks each option declared with requiredOption as "(required)" in --help, in `command` and its
 * subcommands: commander enforces them but its help does not say so. Call it once they are added.
 */
export function markRequiredOptions(command: Command): void {
  for (const option of command.options) {
    if (option.mandatory && !option.description.endsWith("(required)")) {
      option.description = `${option.description} (required)`;
    }
  }
  for (const sub of command.commands) markRequiredOptions(sub);
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

  const dir = deploymentsDir(env);
  // Read the named record before touching the network, so a typo fails at once.
  const named =
    network !== undefined && explicit.registry === undefined
      ? await readNamedDeployment(dir, network)
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
  const chainId = await readChainId(chain);
  const record =
    named ??
    (explicit.registry === undefined ? await findDeploymentByChainId(dir, chainId) : undefined);
  if (record !== undefined && record.chainId !== chainId) {
    throw new CredanchorError(
      "DEPLOYMENT_CHAIN_MISMATCH",
      `${recordFile(dir, record.network)} records chain ${record.chainId}, but ${url} serves chain ${chainId}: use an RPC URL of chain ${record.chainId} or another --network.`,
      { file: recordFile(dir, record.network), expected: record.chainId, actual: chainId, url },
    );
  }
  const addresses = await resolveAddresses(chain, explicit, record);
  const local = LOCAL_CHAIN_IDS.has(chainId);
  const viemChain = defineChain({
    id: chainId,
    name: network ?? `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [url] } },
  });
  const context: CliContext = {
    network: network ?? record?.network ?? "rpc",
    chainId,
    caip2: toCaip2(chainId),
    ...addresses,
    chain,
    ephemeral: false,
    async close() {},
  };
  if (open.signer) {
    const account = await resolveAccount(options, env, chain, false);
    attachWriter(context, account, viemChain, http(url), confirmations ?? (local ? 1 : 2));
  }
  return context;
}

// ------------------------------------------------------------------ content store

/** Where files given for evidence or metadata are stored (the store `issue` uses). */
export interface StoreOptions {
  ipfsDir?: string;
  kubo?: string;
}

/** Adds the content-store options to a command that may store a file. */
export function addStoreOptions(command: Command): Command {
  return command
    .option(
      "--ipfs-dir <dir>",
      "data folder of the embedded IPFS node that stores a file given above (default: .data/ipfs; offline: pin the CID on a public node for others to read it)",
    )
    .option(
      "--kubo <url>",
      "store a file given above on a Kubo node's RPC API instead, e.g. http://127.0.0.1:5001",
    );
}

/** The embedded IPFS node (default) or a Kubo node, as `--ipfs-dir` / `--kubo` choose. */
export async function openContentStore(options: StoreOptions): Promise<ContentStore> {
  if (options.kubo !== undefined) {
    const { createKuboStore } = await import("../storage/kuboStore.ts");
    return createKuboStore({ url: options.kubo });
  }
  const { createEmbeddedStore } = await import("../storage/embeddedStore.ts");
  return createEmbeddedStore(options.ipfsDir === undefined ? {} : { directory: options.ipfsDir });
}

/**
 * Stores each file argument (pinned, as-is: nothing is encrypted) and returns every argument as
 * the CID to record, in order. The store is opened only when there is a file, and closed after.
 */
export async function storeContent(
  contents: readonly ContentArgument[],
  options: StoreOptions,
): Promise<RecordedContent[]> {
  for (const c of contents) {
    if (c.kind === "file" && c.size > DEFAULT_MAX_CONTENT_BYTES) {
      throw new CredanchorError(
        "FILE_TOO_LARGE",
        `${c.option} ${c.file} is ${c.size} bytes; readers refuse content over ${DEFAULT_MAX_CONTENT_BYTES} bytes: store a smaller file (a summary, or the report without annexes).`,
        { option: c.option, file: c.file, size: c.size },
      );
    }
  }
  let store: ContentStore | undefined;
  try {
    const recorded: RecordedContent[] = [];
    for (const c of contents) {
      if (c.kind === "cid") {
        recorded.push({ cid: c.cid, cidBytes: c.cidBytes, file: null, store: null });
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = await readFile(c.file);
      } catch (error) {
        throw new CredanchorError(
          "FILE_UNREADABLE",
          `${c.option} ${c.file} could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): check it is still there and readable.`,
          { option: c.option, file: c.file },
          { cause: error },
        );
      }
      store ??= await openContentStore(options);
      const cid = await store.put(bytes, { pin: true });
      recorded.push({
        cid: cid.toString(),
        cidBytes: `0x${Buffer.from(cid.bytes).toString("hex")}`,
        file: c.file,
        store: store.label,
      });
    }
    return recorded;
  } finally {
    await store?.close();
  }
}

// ------------------------------------------------------------------ in-process chain

interface HardhatModule {
  hre: import("hardhat/types/hre").HardhatRuntimeEnvironment;
}

let hardhat: Promise<HardhatModule> | undefined;

/** Hardhat's runtime with this project's config, whatever the working directory. */
async function loadHardhat(purpose: string): Promise<HardhatModule> {
  hardhat ??= (async () => {
    let module: typeof import("hardhat/hre");
    try {
      module = await import("hardhat/hre");
    } catch (error) {
      throw new CredanchorError(
        "HARDHAT_UNAVAILABLE",
        `${purpose} needs Hardhat, a development dependency that is not installed here: run from a checkout after \`npm install\`, or use --network localhost / --rpc-url with ${KEY_VARIABLE}.`,
        {},
        { cause: error },
      );
    }
    const configPath = path.join(PROJECT_ROOT, "hardhat.config.ts");
    const config = await module.importUserConfig(configPath);
    const hre = await module.createHardhatRuntimeEnvironment(
      config,
      { config: configPath },
      PROJECT_ROOT,
    );
    return { hre };
  })();
  return hardhat;
}

async function openInProcess(
  options: NetworkOptions,
  open: OpenContextOptions,
  env: NodeJS.ProcessEnv,
  warn: (line: string) => void,
  confirmations: number | undefined,
): Promise<CliContext> {
  const { hre } = await loadHardhat("--network hardhat");
  const connection = await hre.network.create();
  const provider = connection.provider as unknown as EIP1193Provider;
  try {
    const chain = createChainClient({ provider });
    const chainId = await readChainId(chain);
    const [deployer] = (await provider.request({ method: "eth_accounts" })) as Address[];
    if (deployer === undefined) throw new Error("the in-process chain has no accounts");
    const viemChain = defineChain({
      id: chainId,
      name: "hardhat (in-process)",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [] } },
    });
    const transport = custom(provider);
    const deployed = await deployInProcess(hre, deployer, viemChain, transport, chain);
    warn(
      `--network hardhat: an in-process chain with fresh registries (CredentialRegistry ${deployed.registry}); everything this command records vanishes when it exits. Use --network localhost or --rpc-url to keep it.`,
    );
    const context: CliContext = {
      network: DEFAULT_NETWORK,
      chainId,
      caip2: toCaip2(chainId),
      ...deployed,
      chain,
      ephemeral: true,
      async close() {
        await connection.close();
      },
    };
    if (open.signer) {
      // Nothing of value lives on a chain that vanishes at exit: its first account signs (or --from).
      const account = await resolveAccount(options, env, chain, true);
      attachWriter(context, account, viemChain, transport, confirmations ?? 1);
    }
    return context;
  } catch (error) {
    await connection.close();
    throw error;
  }
}

/** Deploys both registries with governance = the first account and no admin delay. */
async function deployInProcess(
  hre: HardhatModule["hre"],
  deployer: Address,
  chain: Chain,
  transport: Transport,
  reader: ChainClient,
) {
  const wallet = createWalletClient({ account: deployer, chain, transport });
  const bytecode = async (name: string): Promise<Hex> => {
    try {
      return (await hre.artifacts.readArtifact(name)).bytecode as Hex;
    } catch (error) {
      throw new CredanchorError(
        "ARTIFACTS_MISSING",
        `The compiled ${name} is missing: run \`npx hardhat build\` in ${PROJECT_ROOT} first.`,
        { contract: name },
        { cause: error },
      );
    }
  };
  const deploy = async (hash: Hex) => {
    const receipt = await waitForTransactionReceipt(reader.client, { hash });
    if (receipt.contractAddress == null) throw new Error(`deployment ${hash} created no contract`);
    return { address: getAddress(receipt.contractAddress), block: receipt.blockNumber };
  };
  const accreditation = await deploy(
    await wallet.deployContract({
      abi: accreditationRegistryAbi,
      bytecode: await bytecode("AccreditationRegistry"),
      args: [0, deployer],
    }),
  );
  const registry = await deploy(
    await wallet.deployContract({
      abi: credentialRegistryAbi,
      bytecode: await bytecode("CredentialRegistry"),
      args: [accreditation.address],
    }),
  );
  return {
    registry: registry.address,
    accreditationRegistry: accreditation.address,
    deployBlocks: { registry: registry.block, accreditationRegistry: accreditation.block },
  };
}

// ------------------------------------------------------------------ deployments

/** The folder of deployment records: CREDANCHOR_DEPLOYMENTS_DIR or the project's deployments/. */
export function deploymentsDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(
    nonEmpty(env.CREDANCHOR_DEPLOYMENTS_DIR) ?? path.join(PROJECT_ROOT, "deployments"),
  );
}

function recordFile(dir: string, name: string): string {
  return path.join(dir, `${name}.json`);
}

async function readNamedDeployment(dir: string, name: string): Promise<DeploymentRecord> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new CredanchorError(
      "NETWORK_UNKNOWN",
      `"${name}" is not a network name (letters, digits, ".", "_", "-").`,
      { network: name },
    );
  }
  const file = recordFile(dir, name);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    const known = (await listRecordNames(dir)).filter((n) => !n.startsWith("hardhat"));
    const hint =
      name === "localhost"
        ? "deploy to it with `npx hardhat run scripts/deploy.ts --network localhost`, or pass --registry"
        : `known networks: hardhat, localhost${known.length > 0 ? `, ${known.join(", ")}` : ""}; or pass --rpc-url with --registry`;
    throw new CredanchorError(
      "DEPLOYMENT_MISSING",
      `No deployment record ${file} for network "${name}": ${hint}.`,
      { network: name, file },
    );
  }
  return parseRecord(text, file);
}

async function findDeploymentByChainId(dir: string, chainId: number): Promise<DeploymentRecord> {
  const matches: DeploymentRecord[] = [];
  // In-process records (hardhat*.json) describe chains that no longer exist.
  for (const name of (await listRecordNames(dir)).filter((n) => !n.startsWith("hardhat"))) {
    const file = recordFile(dir, name);
    const record = parseRecord(await readFile(file, "utf8"), file);
    if (record.chainId === chainId) matches.push({ ...record, network: name });
  }
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    throw new CredanchorError(
      "DEPLOYMENT_MISSING",
      `No deployment record in ${dir} is for chain ${chainId}: deploy with scripts/deploy.ts, or pass --registry <address>.`,
      { chainId, dir },
    );
  }
  throw new CredanchorError(
    "DEPLOYMENT_AMBIGUOUS",
    `Several deployment records in ${dir} are for chain ${chainId} (${matches.map((m) => m.network).join(", ")}): choose one with --network <name>.`,
    { chainId, dir, networks: matches.map((m) => m.network) },
  );
}

async function listRecordNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir))
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.slice(0, -".json".length))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

function parseRecord(text: string, file: string): DeploymentRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CredanchorError("DEPLOYMENT_INVALID", `${file} is not JSON: fix or delete it.`, {
      file,
    });
  }
  return parseDeploymentRecord(json, file);
}

async function resolveAddresses(
  chain: ChainClient,
  explicit: { registry?: Address; accreditationRegistry?: Address },
  record: DeploymentRecord | undefined,
) {
  const fromRecord = record?.contracts;
  const registry = explicit.registry ?? fromRecord?.CredentialRegistry.address;
  if (registry === undefined) {
    throw new CredanchorError("DEPLOYMENT_MISSING", "No CredentialRegistry: pass --registry.");
  }
  await requireCode(chain, registry, "CredentialRegistry", explicit.registry ? undefined : record);
  const accreditationRegistry =
    explicit.accreditationRegistry ??
    (explicit.registry === undefined && fromRecord !== undefined
      ? fromRecord.AccreditationRegistry.address
      : await readAccreditationOf(chain, registry));
  const recorded = accreditationRegistry === fromRecord?.AccreditationRegistry.address;
  await requireCode(
    chain,
    accreditationRegistry,
    "AccreditationRegistry",
    recorded ? record : undefined,
  );
  const blockOf = (address: Address, deployed?: { address: Address; deployBlock: number }) =>
    deployed !== undefined && deployed.address === address ? BigInt(deployed.deployBlock) : 0n;
  return {
    registry,
    accreditationRegistry,
    deployBlocks: {
      registry: blockOf(registry, fromRecord?.CredentialRegistry),
      accreditationRegistry: blockOf(accreditationRegistry, fromRecord?.AccreditationRegistry),
    },
  };
}

async function readAccreditationOf(chain: ChainClient, registry: Address): Promise<Address> {
  try {
    return await readContract(chain.client, {
      address: registry,
      abi: credentialRegistryAbi,
      functionName: "accreditation",
    });
  } catch (error) {
    throw classifyChainError(error, chain.urls, registry);
  }
}

async function requireCode(
  chain: ChainClient,
  address: Address,
  name: string,
  record: DeploymentRecord | undefined,
): Promise<void> {
  let code: Hex | undefined;
  try {
    code = await getCode(chain.client, { address });
  } catch (error) {
    throw classifyChainError(error, chain.urls, address);
  }
  if (code === undefined || code === "0x") {
    const where = record === undefined ? "" : ` (recorded in the "${record.network}" deployment)`;
    throw new CredanchorError(
      "REGISTRY_NO_CODE",
      `No contract at ${address}, the ${name}${where}, on this chain: was the node restarted? Deploy again (scripts/deploy.ts) or pass the right address.`,
      { address, contract: name },
    );
  }
}

// ------------------------------------------------------------------ signer

type SigningAccount = Account | Address;

async function resolveAccount(
  options: NetworkOptions,
  env: NodeJS.ProcessEnv,
  chain: ChainClient,
  inProcess: boolean,
): Promise<SigningAccount> {
  if (options.from !== undefined) return unlockedAccount(chain, options.from);
  // The in-process chain funds only its own accounts, and a real key has no business there.
  if (inProcess) return unlockedAccount(chain, "0");
  const fromEnv = nonEmpty(env[KEY_VARIABLE]);
  if (fromEnv !== undefined) return accountFromKey(fromEnv, "the environment");
  if (options.keystore) return accountFromKey(await readKeystoreKey(), "the Hardhat keystore");
  throw new CredanchorError(
    "KEY_MISSING",
    `No signing key: set ${KEY_VARIABLE} in the environment, or store it with \`npx hardhat keystore set ${KEY_VARIABLE}\` and pass --keystore, or on a development node pass --from <address|index>.`,
    { variable: KEY_VARIABLE },
  );
}

function accountFromKey(key: string, source: string): Account {
  const hex = key.startsWith("0x") ? key : `0x${key}`;
  // The message never quotes the key, not even in part.
  if (!/^0x[0-9a-fA-F]{64}$/.test(hex)) {
    throw new CredanchorError(
      "KEY_INVALID",
      `${KEY_VARIABLE} from ${source} is not a private key (expected 32 bytes as 64 hex digits).`,
      { variable: KEY_VARIABLE, source },
    );
  }
  try {
    return privateKeyToAccount(hex as Hex);
  } catch {
    throw new CredanchorError(
      "KEY_INVALID",
      `${KEY_VARIABLE} from ${source} is not a valid secp256k1 private key.`,
      { variable: KEY_VARIABLE, source },
    );
  }
}

async function unlockedAccount(chain: ChainClient, from: string): Promise<Address> {
  let accounts: Address[];
  try {
    accounts = (await chain.client.request({ method: "eth_accounts" } as never)) as Address[];
  } catch (error) {
    throw classifyChainError(error, chain.urls, "(eth_accounts)");
  }
  if (/^[0-9]+$/.test(from)) {
    const account = accounts[Number(from)];
    if (account === undefined) {
      throw new CredanchorError(
        "ACCOUNT_NOT_FOUND",
        `--from ${from}: the node has ${accounts.length} unlocked account(s)${accounts.length === 0 ? " (it is not a development node; set CREDANCHOR_PRIVATE_KEY instead)" : `, numbered 0 to ${accounts.length - 1}`}.`,
        { from, unlocked: accounts.length },
      );
    }
    return getAddress(account);
  }
  if (!isAddress(from, { strict: false })) {
    throw new CredanchorError(
      "OPTION_INVALID",
      `--from "${from}" is neither an address nor an account index.`,
      { option: "--from", value: from },
    );
  }
  const found = accounts.find((a) => a.toLowerCase() === from.toLowerCase());
  if (found === undefined) {
    throw new CredanchorError(
      "ACCOUNT_NOT_UNLOCKED",
      `--from ${from} is not an unlocked account of this node: --from works on development nodes (npx hardhat node); elsewhere set ${KEY_VARIABLE}.`,
      { from },
    );
  }
  return getAddress(found);
}

/**
 * CREDANCHOR_PRIVATE_KEY from the Hardhat keystore: the development keystore first, then the
 * encrypted one (Hardhat asks for its password on the terminal). Not consulted in CI, like Hardhat.
 */
async function readKeystoreKey(): Promise<string> {
  const { hre } = await loadHardhat("--keystore");
  const { configVariable } = await import("hardhat/config");
  const value = await hre.hooks.runHandlerChain(
    "configurationVariables",
    "fetchValue",
    [configVariable(KEY_VARIABLE)],
    async () => {
      throw new CredanchorError(
        "KEY_MISSING",
        `--keystore: ${KEY_VARIABLE} is not in the Hardhat keystore: store it with \`npx hardhat keystore set ${KEY_VARIABLE}\` (or \`--dev\` for a development key).`,
        { variable: KEY_VARIABLE },
      );
    },
  );
  return value;
}

function attachWriter(
  context: CliContext,
  account: SigningAccount,
  chain: Chain,
  transport: Transport,
  confirmations: number,
): void {
  const wallet = createWalletClient({ account, chain, transport });
  // The writer's reader is Node-side only, so it may carry every public action.
  context.writer = {
    wallet,
    reader: context.chain.client.extend(publicActions) as PublicClient,
    confirmations,
  };
  context.account = wallet.account.address;
}

// ------------------------------------------------------------------ small readers

async function readChainId(chain: ChainClient): Promise<number> {
  try {
    return await getChainId(chain.client);
  } catch (error) {
    throw classifyChainError(error, chain.urls, "(chain id)");
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
