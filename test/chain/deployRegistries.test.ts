// The one deploy path, driven with a plain viem writer on the in-process chain: both registries
// exist, wired together, with the governance and delay asked for, and the receipts it reports.
import { expect } from "chai";
import hre, { network } from "hardhat";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  custom,
  type EIP1193Provider,
  getAddress,
  type Hex,
  type PublicClient,
} from "viem";
import { hardhat } from "viem/chains";
import {
  accreditationRegistryAbi,
  credentialRegistryAbi,
  DEFAULT_ADMIN_DELAY,
  deployRegistries,
  type RegistryBytecode,
  type RegistryWriter,
} from "../../src/chain/index.ts";

const connection = await network.getOrCreate();
const provider = connection.provider as unknown as EIP1193Provider;
const reader = createPublicClient({ transport: custom(provider) }) as PublicClient;
const [deployer, other] = ((await provider.request({ method: "eth_accounts" })) as Address[]).map(
  (a) => getAddress(a),
);

function writerFor(account: Address): RegistryWriter {
  return {
    wallet: createWalletClient({ account, chain: hardhat, transport: custom(provider) }),
    reader,
  };
}

async function bytecode(): Promise<RegistryBytecode> {
  const read = async (name: string) => (await hre.artifacts.readArtifact(name)).bytecode as Hex;
  return {
    AccreditationRegistry: await read("AccreditationRegistry"),
    CredentialRegistry: await read("CredentialRegistry"),
  };
}

describe("chain/deployRegistries", () => {
  it("deploys the CredentialRegistry reading the AccreditationRegistry, with a two-day delay by default", async () => {
    const deployed = await deployRegistries(writerFor(deployer!), { bytecode: await bytecode() });
    const { AccreditationRegistry, CredentialRegistry } = deployed.contracts;
    expect(deployed).to.include({ chainId: 31337, deployer, governance: deployer });
    expect(deployed.adminDelay).to.equal(DEFAULT_ADMIN_DELAY);
    expect(
      await reader.readContract({
        address: CredentialRegistry.address,
        abi: credentialRegistryAbi,
        functionName: "accreditation",
      }),
    ).to.equal(AccreditationRegistry.address);
    expect(
      await reader.readContract({
        address: AccreditationRegistry.address,
        abi: accreditationRegistryAbi,
        functionName: "defaultAdminDelay",
      }),
    ).to.equal(Number(DEFAULT_ADMIN_DELAY));
  });

  it("reports each creation's transaction, block and gas as mined", async () => {
    const deployed = await deployRegistries(writerFor(deployer!), {
      bytecode: await bytecode(),
      adminDelay: 0n,
    });
    for (const name of ["AccreditationRegistry", "CredentialRegistry"] as const) {
      const contract = deployed.contracts[name];
      const receipt = await reader.getTransactionReceipt({ hash: contract.txHash });
      expect(receipt.contractAddress?.toLowerCase()).to.equal(contract.address.toLowerCase());
      expect(Number(receipt.blockNumber)).to.equal(contract.deployBlock);
      expect(receipt.gasUsed).to.equal(deployed.gasUsed[name]);
    }
  });

  it("hands governance to the account asked for", async () => {
    const deployed = await deployRegistries(writerFor(deployer!), {
      bytecode: await bytecode(),
      governance: other!,
      adminDelay: 0n,
    });
    expect(deployed.governance).to.equal(other);
    expect(
      await reader.readContract({
        address: deployed.contracts.AccreditationRegistry.address,
        abi: accreditationRegistryAbi,
        functionName: "defaultAdmin",
      }),
    ).to.equal(other);
  });

  it("refuses bytecode that makes no contract, naming the registry", async () => {
    const reverting = "0x60006000fd" as Hex; // PUSH1 0 PUSH1 0 REVERT
    const error = await deployRegistries(writerFor(deployer!), {
      bytecode: { AccreditationRegistry: reverting, CredentialRegistry: reverting },
    }).then(
      () => undefined,
      (e: unknown) => e as { code?: string; message: string },
    );
    expect(error?.code).to.equal("REGISTRY_DEPLOY_FAILED");
    expect(error?.message).to.include("AccreditationRegistry");
  });
});
