// How the CLI finds a deployment: a record in the folder the user points to, else one of the
// package's known deployments, by name or by the chain id the RPC URL serves.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { writeDeploymentFile } from "../../src/chain/deploymentFiles.ts";
import { ABI_VERSION, type KnownDeployment } from "../../src/chain/index.ts";
import {
  deploymentsDir,
  findDeploymentByChainId,
  findNamedDeployment,
} from "../../src/cli/deployments.ts";

const ACCREDITATION = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const REGISTRY = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
const OTHER_REGISTRY = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";

const KNOWN: KnownDeployment[] = [
  {
    network: "base-sepolia",
    label: "Ruritania Ministry of Education",
    chainId: 84532,
    credentialRegistry: REGISTRY,
    accreditationRegistry: ACCREDITATION,
    deployBlock: 1234,
    abiVersion: ABI_VERSION,
  },
];

function record(network: string, chainId: number, registry: `0x${string}` = REGISTRY) {
  return {
    network,
    chainId,
    caip2: `eip155:${chainId}` as const,
    contracts: {
      AccreditationRegistry: { address: ACCREDITATION, deployBlock: 7 },
      CredentialRegistry: { address: registry, deployBlock: 8 },
    },
    abiVersion: ABI_VERSION,
  } as const;
}

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error as { code: string; message: string },
  );
}

describe("cli/deployments", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "credanchor-cli-deployments-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads --deployments first, then CREDANCHOR_DEPLOYMENTS_DIR, else ./deployments of the working directory", () => {
    expect(deploymentsDir("mine", { CREDANCHOR_DEPLOYMENTS_DIR: "/env" })).to.equal(
      path.resolve("mine"),
    );
    expect(deploymentsDir(undefined, { CREDANCHOR_DEPLOYMENTS_DIR: "/env" })).to.equal("/env");
    expect(deploymentsDir(undefined, {})).to.equal(path.join(process.cwd(), "deployments"));
  });

  it("finds a known deployment by name when the folder has no record of it", async () => {
    const found = await findNamedDeployment("base-sepolia", dir, KNOWN);
    expect(found.source).to.equal("known deployment base-sepolia");
    expect(found.record).to.deep.include({ chainId: 84532, label: KNOWN[0]!.label });
    expect(found.record.contracts.CredentialRegistry).to.deep.equal({
      address: REGISTRY,
      deployBlock: 1234,
    });
  });

  it("prefers the folder's record of a name over the known deployment", async () => {
    await writeDeploymentFile(record("base-sepolia", 84532, OTHER_REGISTRY), dir);
    const found = await findNamedDeployment("base-sepolia", dir, KNOWN);
    expect(found.source).to.equal(path.join(dir, "base-sepolia.json"));
    expect(found.record.contracts.CredentialRegistry.address).to.equal(OTHER_REGISTRY);
  });

  it("names the missing record, the folder's networks and the known ones", async () => {
    await writeDeploymentFile(record("testnode", 31337), dir);
    const error = await rejection(findNamedDeployment("mainnet", dir, KNOWN));
    expect(error.code).to.equal("DEPLOYMENT_MISSING");
    expect(error.message)
      .to.include(path.join(dir, "mainnet.json"))
      .and.to.include("testnode")
      .and.to.include("base-sepolia")
      .and.to.include("--deployments");
  });

  it("finds the deployment of a chain id among records and known deployments, counting one deployment once", async () => {
    const known = await findDeploymentByChainId(84532, dir, KNOWN);
    expect(known.source).to.equal("known deployment base-sepolia");
    await writeDeploymentFile(record("copy-of-known", 84532), dir);
    const same = await findDeploymentByChainId(84532, dir, KNOWN);
    expect(same.source).to.equal(path.join(dir, "copy-of-known.json"));
  });

  it("asks for --network when two deployments serve the chain, and skips in-process records", async () => {
    await writeDeploymentFile(record("hardhat", 84532, OTHER_REGISTRY), dir);
    expect((await findDeploymentByChainId(84532, dir, KNOWN)).record.network).to.equal(
      "base-sepolia",
    );
    await writeDeploymentFile(record("fork", 84532, OTHER_REGISTRY), dir);
    const error = await rejection(findDeploymentByChainId(84532, dir, KNOWN));
    expect(error.code).to.equal("DEPLOYMENT_AMBIGUOUS");
    expect(error.message).to.include("fork").and.to.include("base-sepolia");
  });
});
