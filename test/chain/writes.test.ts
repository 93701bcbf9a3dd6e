import { expect } from "chai";
import { network } from "hardhat";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  custom,
  type EIP1193Provider,
  type Hex,
  type PublicClient,
} from "viem";
import { hardhat } from "viem/chains";
import {
  anchorBatch,
  changeCredentialStatus,
  createChainClient,
  estimateAnchorGas,
  type RegistryWriter,
  readCredentialStatuses,
  revokeBatch,
} from "../../src/chain/index.ts";
import { CredanchorError } from "../../src/errors.ts";

const connection = await network.getOrCreate();
const { ethers, networkHelpers } = connection;
const provider = connection.provider as unknown as EIP1193Provider;

const TYPE = ethers.zeroPadBytes(ethers.toUtf8Bytes("Certificate"), 20) as Hex;
const CID = `0x01551220${"cd".repeat(32)}` as Hex;

async function deployed() {
  const [governance, issuer, operator, stranger] = await ethers.getSigners();
  const accreditation = await ethers.deployContract("AccreditationRegistry", [
    0,
    governance!.address,
  ]);
  const registry = await ethers.deployContract("CredentialRegistry", [
    await accreditation.getAddress(),
  ]);
  const expiry = (await networkHelpers.time.latest()) + 86_400;
  await registry.connect(issuer!).setOperator(operator!.address, expiry, 7);
  return {
    registry: (await registry.getAddress()) as Address,
    issuer: issuer!.address as Address,
    operator: operator!.address as Address,
    stranger: stranger!.address as Address,
  };
}

function writerFor(account: Address): RegistryWriter {
  return {
    wallet: createWalletClient({ account, chain: hardhat, transport: custom(provider) }),
    reader: createPublicClient({ transport: custom(provider) }) as PublicClient,
  };
}

describe("chain/anchorBatch and changeCredentialStatus", () => {
  it("anchors once and reports a rerun of the same root as already anchored", async () => {
    const { registry, issuer } = await networkHelpers.loadFixture(deployed);
    const request = {
      registry,
      issuer,
      root: ethers.id("batch 1") as Hex,
      leafCount: 10,
      credentialType: TYPE,
      manifestCid: CID,
    };
    const first = await anchorBatch(writerFor(issuer), request);
    expect(first.status).to.equal("anchored");
    const again = await anchorBatch(writerFor(issuer), request);
    expect(again).to.deep.equal({ status: "already-anchored", anchoredAt: first.anchoredAt });
  });

  it("anchors through an operator key in the issuer's name", async () => {
    const { registry, issuer, operator } = await networkHelpers.loadFixture(deployed);
    const request = {
      registry,
      issuer,
      root: ethers.id("batch 2") as Hex,
      leafCount: 3,
      credentialType: TYPE,
      manifestCid: CID,
    };
    expect(await estimateAnchorGas(writerFor(operator), request)).to.be.greaterThan(40_000n);
    const result = await anchorBatch(writerFor(operator), request);
    expect(result.status).to.equal("anchored");
  });

  it("turns a stranger's anchor into a named registry refusal", async () => {
    const { registry, issuer, stranger } = await networkHelpers.loadFixture(deployed);
    const request = {
      registry,
      issuer,
      root: ethers.id("batch 3") as Hex,
      leafCount: 3,
      credentialType: TYPE,
      manifestCid: CID,
    };
    try {
      await anchorBatch(writerFor(stranger), request);
      expect.fail("a stranger anchored");
    } catch (error) {
      expect(error).to.be.instanceOf(CredanchorError);
      expect((error as CredanchorError).code).to.equal("REGISTRY_REVERTED");
      expect((error as CredanchorError).message).to.contain("NotIssuerOrOperator");
    }
  });

  it("revokes, suspends and unsuspends many indices in word-sized chunks", async () => {
    const { registry, issuer } = await networkHelpers.loadFixture(deployed);
    const root = ethers.id("batch 4") as Hex;
    await anchorBatch(writerFor(issuer), {
      registry,
      issuer,
      root,
      leafCount: 2_000,
      credentialType: TYPE,
      manifestCid: CID,
    });
    const batch = { registry, issuer, root, leafCount: 2_000 };
    const revoked = await changeCredentialStatus(writerFor(issuer), {
      ...batch,
      action: "revoke",
      indices: [1, 300, 1_999],
      reason: 1,
      maxWordsPerTransaction: 2,
    });
    expect(revoked).to.have.length(2);
    await changeCredentialStatus(writerFor(issuer), {
      ...batch,
      action: "suspend",
      indices: [5, 6],
      reason: 2,
    });
    await changeCredentialStatus(writerFor(issuer), {
      ...batch,
      action: "unsuspend",
      indices: [6],
      reason: 3,
    });
    const statuses = await readCredentialStatuses(
      createChainClient({ provider }),
      batch,
      [1, 300, 1_999, 5, 6, 7],
    );
    expect(statuses.map((s) => s.revoked)).to.deep.equal([true, true, true, false, false, false]);
    expect(statuses.map((s) => s.suspended)).to.deep.equal([
      false,
      false,
      false,
      true,
      false,
      false,
    ]);
  });

  it("revokes a whole batch", async () => {
    const { registry, issuer } = await networkHelpers.loadFixture(deployed);
    const root = ethers.id("batch 5") as Hex;
    await anchorBatch(writerFor(issuer), {
      registry,
      issuer,
      root,
      leafCount: 4,
      credentialType: TYPE,
      manifestCid: CID,
    });
    await revokeBatch(writerFor(issuer), { registry, issuer, root, reason: 9 });
    const [status] = await readCredentialStatuses(
      createChainClient({ provider }),
      { registry, issuer, root },
      [0],
    );
    expect(status!.batchRevoked).to.equal(true);
  });
});
