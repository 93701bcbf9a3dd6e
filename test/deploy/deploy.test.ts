// scripts/deploy.ts: the registries it deploys, the deployments/<name>.json record it writes, the
// settings it refuses, on the in-process chain and against a real `hardhat node` over JSON-RPC.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { JsonRpcProvider } from "ethers";
import hre, { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import { isLocalChain, readDeployConfig } from "../../scripts/lib/deployConfig.ts";
import { deployToNetwork } from "../../scripts/lib/deployToNetwork.ts";
import type { DeploymentRecord } from "../../src/chain/deploymentRecord.ts";
import { type RunningNode, runHardhat, startHardhatNode } from "./hardhatNode.ts";

const GOVERNANCE = "0x000000000000000000000000000000000000dEaD";

async function tempDir() {
  return mkdtemp(path.join(tmpdir(), "credanchor-deploy-"));
}

async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error("expected a rejection");
}

describe("scripts/deploy", () => {
  describe("on the in-process chain", () => {
    const dirs: string[] = [];
    const connections: NetworkConnection[] = [];

    async function deployFresh(env: Record<string, string> = {}) {
      const dir = await tempDir();
      dirs.push(dir);
      const connection = await network.create();
      connections.push(connection);
      const result = await deployToNetwork(connection, hre.artifacts, {
        CREDANCHOR_DEPLOYMENTS_DIR: dir,
        ...env,
      });
      return { ...result, connection, dir };
    }

    after(async () => {
      await Promise.all(connections.map((c) => c.close()));
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    });

    it("deploys both registries and writes deployments/hardhat.json describing them", async () => {
      const { file, deployment, connection, dir } = await deployFresh();
      const { ethers } = connection;
      const [deployer] = await ethers.getSigners();

      expect(file).to.equal(path.join(dir, "hardhat.json"));
      const onDisk = JSON.parse(await readFile(file, "utf8")) as DeploymentRecord;
      expect(onDisk).to.deep.equal(deployment);
      expect(onDisk).to.include({
        network: "hardhat",
        chainId: 31337,
        caip2: "eip155:31337",
        abiVersion: "credanchor-registry/3",
        deployer: deployer!.address,
        governance: deployer!.address,
        adminDelay: 172800,
      });
      expect(onDisk.solcVersion).to.match(/^0\.8\.\d+\+commit\.[0-9a-f]{8}$/);
      expect(Number.isNaN(Date.parse(onDisk.deployedAt!))).to.equal(false);

      const { AccreditationRegistry, CredentialRegistry } = onDisk.contracts;
      for (const record of [AccreditationRegistry, CredentialRegistry]) {
        const receipt = await ethers.provider.getTransactionReceipt(record.txHash!);
        expect(receipt?.contractAddress).to.equal(record.address);
        expect(receipt?.blockNumber).to.equal(record.deployBlock);
      }
      const registry = await ethers.getContractAt("CredentialRegistry", CredentialRegistry.address);
      expect(await registry.accreditation()).to.equal(AccreditationRegistry.address);
      const accreditation = await ethers.getContractAt(
        "AccreditationRegistry",
        AccreditationRegistry.address,
      );
      expect(await accreditation.defaultAdmin()).to.equal(deployer!.address);
      expect(await accreditation.defaultAdminDelay()).to.equal(172800n);
    });

    it("hands governance to CREDANCHOR_GOVERNANCE with the CREDANCHOR_ADMIN_DELAY it is given", async () => {
      const { deployment, connection } = await deployFresh({
        CREDANCHOR_GOVERNANCE: GOVERNANCE,
        CREDANCHOR_ADMIN_DELAY: "0",
      });
      const accreditation = await connection.ethers.getContractAt(
        "AccreditationRegistry",
        deployment.contracts.AccreditationRegistry.address,
      );
      expect(deployment.governance).to.equal(GOVERNANCE);
      expect(await accreditation.defaultAdmin()).to.equal(GOVERNANCE);
      expect(await accreditation.defaultAdminDelay()).to.equal(0n);
    });

    it("records under CREDANCHOR_DEPLOYMENT_NAME when one is given", async () => {
      const { file, deployment, dir } = await deployFresh({ CREDANCHOR_DEPLOYMENT_NAME: "demo-1" });
      expect(file).to.equal(path.join(dir, "demo-1.json"));
      expect(deployment.network).to.equal("demo-1");
    });

    it("refuses a chain other than CREDANCHOR_CHAIN_ID and deploys nothing", async () => {
      const error = await rejection(deployFresh({ CREDANCHOR_CHAIN_ID: "8453" }));
      expect(error.code).to.equal("DEPLOY_CHAIN_MISMATCH");
      expect(error.message).to.include("8453").and.to.include("31337");
      const connection = connections.at(-1)!;
      expect(await connection.ethers.provider.getBlockNumber()).to.equal(0);
    });

    it("rejects a governance that is not an address, naming the variable", async () => {
      const error = await rejection(deployFresh({ CREDANCHOR_GOVERNANCE: "0x1234" }));
      expect(error.code).to.equal("DEPLOY_CONFIG_INVALID");
      expect(error.message).to.include("CREDANCHOR_GOVERNANCE");
    });
  });

  describe("settings", () => {
    it("allows a zero admin delay only on local chains", () => {
      expect(readDeployConfig({ CREDANCHOR_ADMIN_DELAY: "0" }, true).adminDelay).to.equal(0n);
      expect(() => readDeployConfig({ CREDANCHOR_ADMIN_DELAY: "0" }, false)).to.throw(
        /CREDANCHOR_ADMIN_DELAY: 0 is only allowed on local chains/,
      );
    });

    it("waits for one confirmation on local chains and two elsewhere unless told", () => {
      expect(readDeployConfig({}, true).confirmations).to.equal(1);
      expect(readDeployConfig({}, false).confirmations).to.equal(2);
      expect(readDeployConfig({ CREDANCHOR_CONFIRMATIONS: "5" }, false).confirmations).to.equal(5);
      expect(() => readDeployConfig({ CREDANCHOR_CONFIRMATIONS: "0" }, false)).to.throw(
        /CREDANCHOR_CONFIRMATIONS/,
      );
    });

    it("records who runs the deployment as its label, and refuses a label with control characters", () => {
      const env = { CREDANCHOR_DEPLOYMENT_LABEL: " Ruritania Ministry of Education " };
      expect(readDeployConfig(env, false).label).to.equal("Ruritania Ministry of Education");
      expect(readDeployConfig({}, false).label).to.equal(undefined);
      expect(() =>
        readDeployConfig({ CREDANCHOR_DEPLOYMENT_LABEL: "Ministry\u202Eevil" }, false),
      ).to.throw(/CREDANCHOR_DEPLOYMENT_LABEL/);
    });

    it("treats Hardhat's in-process chain and development chain ids as local", () => {
      expect(isLocalChain(8453, "edr-simulated")).to.equal(true);
      expect(isLocalChain(31337, "http")).to.equal(true);
      expect(isLocalChain(8453, "http")).to.equal(false);
    });
  });

  describe("against a running `hardhat node`", function () {
    // Two Hardhat processes start here; each takes a few seconds on a busy 2-core machine.
    this.timeout(120_000);
    let node: RunningNode;
    let dir: string;

    before(async () => {
      node = await startHardhatNode();
      dir = await tempDir();
    });

    after(async () => {
      await node?.stop();
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    });

    function deployScript(env: Record<string, string> = {}) {
      return runHardhat(["run", "--no-compile", "scripts/deploy.ts", "--network", "custom"], {
        CREDANCHOR_RPC_URL: node.url,
        CREDANCHOR_PRIVATE_KEY: node.privateKey,
        CREDANCHOR_DEPLOYMENTS_DIR: dir,
        ...env,
      });
    }

    it("deploys over JSON-RPC and the registries exist at the recorded addresses", async () => {
      const run = await deployScript();
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stdout).to.include("Recorded in");

      const deployment = JSON.parse(
        await readFile(path.join(dir, "custom.json"), "utf8"),
      ) as DeploymentRecord;
      expect(deployment).to.include({ network: "custom", chainId: 31337, caip2: "eip155:31337" });

      const provider = new JsonRpcProvider(node.url);
      try {
        for (const { address, deployBlock } of Object.values(deployment.contracts)) {
          expect(await provider.getCode(address)).to.not.equal("0x");
          expect(await provider.getCode(address, deployBlock - 1)).to.equal("0x");
        }
      } finally {
        provider.destroy();
      }
    });

    it("refuses to overwrite the live record unless CREDANCHOR_REDEPLOY=1", async () => {
      const file = path.join(dir, "custom.json");
      const before = await readFile(file, "utf8");
      const refused = await deployScript();
      expect(refused.code).to.equal(1);
      expect(refused.stderr).to.include("CREDANCHOR_REDEPLOY=1");
      expect(await readFile(file, "utf8")).to.equal(before);

      const redeployed = await deployScript({ CREDANCHOR_REDEPLOY: "1" });
      expect(redeployed.code, redeployed.stderr).to.equal(0);
      expect(await readFile(file, "utf8")).to.not.equal(before);
    });
  });
});
