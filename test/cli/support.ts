// Fixtures of the CLI tests: a `hardhat node` on a free port with the registries deployed by
// scripts/deploy.ts into a temporary deployments folder, the CLI run as a child process the way
// a user runs it, and batches of real credentials anchored on that node (with their manifest on
// an embedded IPFS node) so that revoke, status, disclose and recover act on real files.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
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
import { anchorBatch, createChainClient, type RegistryWriter } from "../../src/chain/index.ts";
import {
  attachAnchor,
  buildCredential,
  type CredanchorCredential,
  credentialTypeId,
} from "../../src/credential/index.ts";
import { buildMerkleTree } from "../../src/merkle/index.ts";
import { createEmbeddedStore, putManifest } from "../../src/storage/index.ts";
import {
  PROJECT_ROOT,
  type RunningNode,
  runHardhat,
  startHardhatNode,
} from "../deploy/hardhatNode.ts";

const CLI = path.join(PROJECT_ROOT, "src/cli/main.ts");

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

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

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

/**
 * Runs the CLI with a clean environment: none of the caller's CREDANCHOR_* variables leak in,
 * `env` entries set to undefined are removed.
 */
export function runCli(
  args: string[],
  env: Record<string, string | undefined>,
  cwd: string,
): Promise<CliResult> {
  const childEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("CREDANCHOR_") && value !== undefined) childEnv[key] = value;
  }
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, env: childEnv, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The JSON document a `--json` run printed; fails the test with stderr when there is none. */
export function jsonOf<T = Record<string, unknown>>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(
      `expected JSON on stdout (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
    );
  }
}

/** The JSON error a failing `--json` run printed on stderr. */
export function jsonError(result: CliResult): {
  code: string;
  message: string;
  details?: Record<string, unknown>;
} {
  const line = result.stderr.trim().split("\n").at(-1) ?? "";
  try {
    return (JSON.parse(line) as { error: { code: string; message: string } }).error;
  } catch {
    throw new Error(`expected a JSON error on stderr (exit ${result.code}):\n${result.stderr}`);
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
  const context = {
    chainId: 31337,
    registryAddress: chain.registry,
    issuerAddress: ACCOUNTS.university,
    credentialType,
    issuerProfile: { name: "Northwind Polytechnic", url: "https://northwind-poly.example" },
  };
  const credentials = Array.from({ length: options.size }, (_, index) =>
    buildCredential({
      record: {
        holderName: `Holder ${options.label ?? ""}${index}`,
        identifiers: [{ identityType: "emailAddress", value: `holder${index}@mail.example` }],
        achievement: {
          name: "BEng Mechatronics",
          description: "Bachelor of Engineering in Mechatronics.",
          criteria: "Earn 180 ECTS.",
        },
        validFrom: "2025-07-14",
        results: [{ name: "Classification", value: "First class" }],
      },
      index,
      context,
    }),
  );
  const digests = credentials.map((c) => c.proof.credentialDigest);
  const tree = await buildMerkleTree(digests);
  const manifest = {
    chain: "eip155:31337",
    registry: chain.registry,
    issuer: ACCOUNTS.university as Address,
    credentialType,
    root: tree.root,
    leafCount: options.size,
    credentialDigests: Buffer.concat(digests.map((d) => Buffer.from(d.slice(2), "hex"))),
  };
  const store = await createEmbeddedStore({ directory: options.ipfsDir });
  let cid: Awaited<ReturnType<typeof putManifest>>;
  try {
    cid = await putManifest(store, manifest, { pin: true });
  } finally {
    await store.close();
  }
  const anchored = await anchorBatch(writerFor(chain, ACCOUNTS.university), {
    registry: chain.registry,
    issuer: ACCOUNTS.university,
    root: tree.root,
    leafCount: options.size,
    credentialType: credentialTypeId(credentialType),
    manifestCid: `0x${Buffer.from(cid.bytes).toString("hex")}`,
  });
  if (anchored.status !== "anchored") throw new Error("the test batch was anchored before");
  await mkdir(options.folder, { recursive: true });
  const files: string[] = [];
  const anchoredCredentials = credentials.map((credential, index) =>
    attachAnchor(credential, {
      merkleRoot: tree.root,
      merkleProof: tree.proof(index),
      transactionHash: anchored.txHash,
      blockNumber: Number(anchored.blockNumber),
      leafCount: options.size, // as `issue` writes every holder file
    }),
  );
  for (const [index, credential] of anchoredCredentials.entries()) {
    const file = path.join(options.folder, `holder-${index}.json`);
    await writeFile(file, `${JSON.stringify(credential, null, 2)}\n`);
    files.push(file);
  }
  return {
    root: tree.root,
    leafCount: options.size,
    files,
    credentials: anchoredCredentials,
    manifestCid: cid.toString(),
    transactionHash: anchored.txHash,
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

export interface RangeLimitedRpc {
  url: string;
  /** eth_getLogs calls refused for spanning more than the limit. */
  refused(): number;
  close(): Promise<void>;
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
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const call = JSON.parse(body) as { id: unknown; method: string; params?: unknown[] };
      if (!Array.isArray(call) && call.method === "eth_getLogs") {
        const filter = (call.params?.[0] ?? {}) as { fromBlock?: string; toBlock?: string };
        const span = Number(filter.toBlock) - Number(filter.fromBlock) + 1;
        if (!(span <= maxBlocks)) {
          refused++;
          response.writeHead(200, { "content-type": "application/json" }).end(
            JSON.stringify({
              jsonrpc: "2.0",
              id: call.id,
              error: { code: -32005, message: `query exceeds max block range ${maxBlocks}` },
            }),
          );
          return;
        }
      }
      const forwarded = await fetch(target, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      response
        .writeHead(forwarded.status, { "content-type": "application/json" })
        .end(await forwarded.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    refused: () => refused,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
