// Fixtures of the CLI tests: a `hardhat node` on a free port with the registries deployed by
// scripts/deploy.ts into a temporary deployments folder, the CLI run as a child process the way
// a user runs it, and batches of real credentials anchored on that node (with their manifest on
// an embedded IPFS node) so that revoke, status, disclose and recover act on real files.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  defineChain,
  type Hex,
  http,
} from "viem";
import { createChainClient, type RegistryWriter } from "../../src/chain/index.ts";
import type { CredanchorCredential } from "../../src/credential/index.ts";
import { putManifest } from "../../src/recovery/index.ts";
import { createEmbeddedStore } from "../../src/storage/index.ts";
import { type RunningNode, runHardhat, startHardhatNode } from "../deploy/hardhatNode.ts";
import { anchorCredentials, buildBatch, holderRecord } from "../helpers/issuedBatch.ts";
import { type RpcProxy, startRpcProxy } from "../helpers/rpcProxy.ts";
import { type CliResult, runCli } from "../helpers/runCli.ts";

export { type CliResult, jsonError, jsonOf, runCli } from "../helpers/runCli.ts";

/** The accounts of Hardhat's default mnemonic, by the role the tests give them. */
export const ACCOUNTS = {
  governance: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  body: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  university: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  operator: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
  stranger: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
} as const satisfies Record<string, Address>;
/** `--from` indices of the same accounts. */
export const FROM = { governance: "0", body: "1", university: "2", operator: "3", stranger: "4" };

export const EVIDENCE = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";

export interface CliChain {
  node: RunningNode;
  /** Temporary folder of this test file: deployments/, files, IPFS data. */
  dir: string;
  deploymentsDir: string;
  registry: Address;
  accreditationRegistry: Address;
  /** The environment every CLI run gets: the deployments folder and the node's URL. */
  env: Record<string, string>;
  /** Runs `node src/cli/main.ts <args>` in `dir`; never throws on exit code. */
  cli(args: string[], env?: Record<string, string | undefined>): Promise<CliResult>;
  stop(): Promise<void>;
}

/** Starts a node, deploys the registries as `testnode`, and returns the CLI bound to it. */
export async function startCliChain(): Promise<CliChain> {
  const node = await startHardhatNode();
  const dir = await mkdtemp(path.join(tmpdir(), "credanchor-cli-"));
  try {
    const deploymentsDir = path.join(dir, "deployments");
    const deployed = await runHardhat(
      ["run", "--no-compile", "scripts/deploy.ts", "--network", "custom"],
      {
        CREDANCHOR_RPC_URL: node.url,
        CREDANCHOR_PRIVATE_KEY: node.privateKey,
        CREDANCHOR_DEPLOYMENTS_DIR: deploymentsDir,
        CREDANCHOR_DEPLOYMENT_NAME: "testnode",
        CREDANCHOR_ADMIN_DELAY: "0",
      },
    );
    if (deployed.code !== 0) throw new Error(`deploy failed: ${deployed.stderr}`);
    const record = JSON.parse(await readFile(path.join(deploymentsDir, "testnode.json"), "utf8"));
    const env = { CREDANCHOR_DEPLOYMENTS_DIR: deploymentsDir, CREDANCHOR_RPC_URL: node.url };
    return {
      node,
      dir,
      deploymentsDir,
      registry: record.contracts.CredentialRegistry.address,
      accreditationRegistry: record.contracts.AccreditationRegistry.address,
      env,
      cli: (args, extra = {}) => runCli(args, { ...env, ...extra }, dir),
      async stop() {
        await node.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

export interface IssuedBatch {
  root: Hex;
  leafCount: number;
  files: string[];
  credentials: CredanchorCredential[];
  manifestCid: string;
  transactionHash: Hex;
}

/**
 * Issues `size` credentials as the university: builds them, stores the manifest in the embedded
 * IPFS node at `ipfsDir`, anchors the root from the test process, and writes one file per holder
 * into `folder` (holder-<index>.json).
 */
export async function issueBatch(
  chain: CliChain,
  options: {
    size: number;
    folder: string;
    ipfsDir: string;
    credentialType?: string;
    label?: string;
  },
): Promise<IssuedBatch> {
  const credentialType = options.credentialType ?? "BachelorDegree";
  const built = buildBatch(
    Array.from({ length: options.size }, (_, index) =>
      holderRecord(index, { holderName: `Holder ${options.label ?? ""}${index}` }),
    ),
    {
      chainId: 31337,
      registry: chain.registry,
      issuer: ACCOUNTS.university,
      credentialType,
      issuerName: "Northwind Polytechnic",
      issuerUrl: "https://northwind-poly.example",
    },
  );
  let manifestCid = "";
  const anchored = await anchorCredentials(writerFor(chain, ACCOUNTS.university), built, {
    registry: chain.registry,
    credentialType,
    writeLeafCount: true, // as `issue` writes every holder file
    async manifestCid(root, digests) {
      const store = await createEmbeddedStore({ directory: options.ipfsDir });
      try {
        const cid = await putManifest(
          store,
          {
            chain: "eip155:31337",
            registry: chain.registry,
            issuer: ACCOUNTS.university,
            credentialType,
            root,
            leafCount: options.size,
            credentialDigests: Buffer.concat(digests.map((d) => Buffer.from(d.slice(2), "hex"))),
          },
          { pin: true },
        );
        manifestCid = cid.toString();
        return `0x${Buffer.from(cid.bytes).toString("hex")}`;
      } finally {
        await store.close();
      }
    },
  });
  await mkdir(options.folder, { recursive: true });
  const files: string[] = [];
  for (const [index, credential] of anchored.credentials.entries()) {
    const file = path.join(options.folder, `holder-${index}.json`);
    await writeFile(file, `${JSON.stringify(credential, null, 2)}\n`);
    files.push(file);
  }
  return {
    root: anchored.root,
    leafCount: options.size,
    files,
    credentials: anchored.credentials,
    manifestCid,
    transactionHash: anchored.transactionHash,
  };
}

/** A writer sending from an unlocked account of the test node. */
export function writerFor(chain: CliChain, account: Address): RegistryWriter {
  const viemChain = defineChain({
    id: 31337,
    name: "test node",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [chain.node.url] } },
  });
  return {
    wallet: createWalletClient({ account, chain: viemChain, transport: http(chain.node.url) }),
    reader: createPublicClient({ chain: viemChain, transport: http(chain.node.url) }),
  };
}

/** A read client on the test node, for checking what the CLI did. */
export function readerFor(chain: CliChain) {
  return createChainClient({ rpcUrls: [chain.node.url] });
}

export interface RangeLimitedRpc extends RpcProxy {
  /** eth_getLogs calls refused for spanning more than the limit. */
  refused(): number;
}

/**
 * A JSON-RPC endpoint in front of `target` that refuses eth_getLogs over more than `maxBlocks`
 * blocks, as many public RPC providers do (error -32005), and forwards everything else.
 */
export async function startRangeLimitedRpc(
  target: string,
  maxBlocks: number,
): Promise<RangeLimitedRpc> {
  let refused = 0;
  const proxy = await startRpcProxy(target, {
    answer(call) {
      if (call.method !== "eth_getLogs") return undefined;
      const filter = (call.params?.[0] ?? {}) as { fromBlock?: string; toBlock?: string };
      const span = Number(filter.toBlock) - Number(filter.fromBlock) + 1;
      if (span <= maxBlocks) return undefined;
      refused++;
      return { error: { code: -32005, message: `query exceeds max block range ${maxBlocks}` } };
    },
  });
  return { ...proxy, refused: () => refused };
}
