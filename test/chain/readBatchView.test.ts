// The verifier's one read (readBatchView) over src/chain/rpc.ts, through an EIP-1193 provider and
// over real HTTP: what it decodes, and how each wrong answer is named. A revert or an empty
// answer means "no credanchor registry here" (invalid response); an endpoint that fails is a
// fault of the endpoint (unreachable), never a verdict on a credential.
import { expect } from "chai";
import { network } from "hardhat";
import type { Address, EIP1193Provider, Hex } from "viem";
import { createChainClient, type RpcEndpoint, readBatchView } from "../../src/chain/index.ts";
import { CredanchorError } from "../../src/errors.ts";
import { deadRpcUrl, startRpcServer, type TestRpcServer } from "../helpers/rpcServer.ts";

const connection = await network.getOrCreate();
const { ethers, networkHelpers } = connection;

const TYPE = ethers.zeroPadBytes(ethers.toUtf8Bytes("Certificate"), 20) as Hex;
const ROOT = ethers.keccak256(ethers.toUtf8Bytes("a batch for readBatchView")) as Hex;
const CID = `0x01551220${"cd".repeat(32)}`;

async function deployed() {
  const [governance, issuer] = await ethers.getSigners();
  const accreditation = await ethers.deployContract("AccreditationRegistry", [
    0,
    governance!.address,
  ]);
  const registry = await ethers.deployContract("CredentialRegistry", [
    await accreditation.getAddress(),
  ]);
  await registry.connect(issuer!).anchor(ROOT, 300, TYPE, CID);
  await registry.connect(issuer!).revokeCredential(issuer!.address, ROOT, 257, 1);
  return {
    batch: {
      registry: (await registry.getAddress()) as Address,
      issuer: issuer!.address as Address,
      root: ROOT,
    },
    accreditation: (await accreditation.getAddress()) as Address,
    emptyAccount: governance!.address as Address,
  };
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<CredanchorError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(CredanchorError);
    expect((error as CredanchorError).code).to.equal(code);
    return error as CredanchorError;
  }
  expect.fail(`expected ${code}`);
}

describe("chain/readBatchView", () => {
  const provider = connection.provider as unknown as EIP1193Provider;
  let server: TestRpcServer;
  const endpoints: [string, () => RpcEndpoint][] = [
    ["an EIP-1193 provider", () => ({ request: (a) => provider.request(a as never), urls: [] })],
    ["HTTP", () => createChainClient({ rpcUrls: [server.url], retryCount: 0 })],
  ];

  beforeEach(async () => {
    server = await startRpcServer(connection.provider);
  });
  afterEach(async () => {
    await server.close();
  });

  for (const [name, endpoint] of endpoints) {
    describe(`through ${name}`, () => {
      it("decodes the batch and the status words asked for", async () => {
        const { batch } = await networkHelpers.loadFixture(deployed);
        const view = await readBatchView(endpoint(), batch, [0, 1, 2], []);
        expect(view.leafCount).to.equal(300);
        expect(view.anchoredAt).to.be.greaterThan(0);
        expect(view.credentialType).to.equal(TYPE.toLowerCase());
        expect(view.revokedWords).to.deep.equal([0n, 2n, 0n]);
        expect(view.suspendedWords).to.deep.equal([0n, 0n, 0n]);
        expect(view.atAnchoring).to.equal(null);
      });

      it("calls an account with no code invalid-response, naming the address", async () => {
        const { batch, emptyAccount } = await networkHelpers.loadFixture(deployed);
        const error = await expectCode(
          readBatchView(endpoint(), { ...batch, registry: emptyAccount }, [0], []),
          "RPC_RESPONSE_INVALID",
        );
        expect(error.message).to.contain(emptyAccount).and.to.contain("no contract answers");
      });

      it("calls a contract that reverts the call invalid-response: not a registry", async () => {
        const { batch, accreditation } = await networkHelpers.loadFixture(deployed);
        const error = await expectCode(
          readBatchView(endpoint(), { ...batch, registry: accreditation }, [0], []),
          "RPC_RESPONSE_INVALID",
        );
        expect(error.message).to.contain("reverted");
      });
    });
  }

  it("calls an undecodable answer invalid-response", async () => {
    const { batch } = await networkHelpers.loadFixture(deployed);
    server.setFault("garbage");
    const error = await expectCode(
      readBatchView(createChainClient({ rpcUrls: [server.url] }), batch, [0], []),
      "RPC_RESPONSE_INVALID",
    );
    expect(error.message).to.contain("could not be decoded");
  });

  it("calls an endpoint that does not answer unreachable, naming it", async () => {
    const { batch } = await networkHelpers.loadFixture(deployed);
    const url = await deadRpcUrl();
    const error = await expectCode(
      readBatchView(createChainClient({ rpcUrls: [url], retryCount: 0 }), batch, [0], []),
      "RPC_UNREACHABLE",
    );
    expect(error.message).to.contain(url);
  });
});
