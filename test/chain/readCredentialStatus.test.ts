import { expect } from "chai";
import { network } from "hardhat";
import type { Address, EIP1193Provider, Hex } from "viem";
import {
  assertServesChain,
  createChainClient,
  readCredentialStatus,
  readCredentialStatuses,
} from "../../src/chain/index.ts";
import { CredanchorError } from "../../src/errors.ts";
import { deadRpcUrl, startRpcServer, type TestRpcServer } from "../helpers/rpcServer.ts";

const connection = await network.getOrCreate();
const { ethers, networkHelpers } = connection;

const TYPE = ethers.zeroPadBytes(ethers.toUtf8Bytes("BachelorDegree"), 20) as Hex;
const ROOT = ethers.keccak256(ethers.toUtf8Bytes("a batch root")) as Hex;
const CID = `0x01551220${"ab".repeat(32)}`;

async function deployed() {
  const [governance, body, issuer] = await ethers.getSigners();
  const accreditation = await ethers.deployContract("AccreditationRegistry", [
    0,
    governance!.address,
  ]);
  const registry = await ethers.deployContract("CredentialRegistry", [
    await accreditation.getAddress(),
  ]);
  await accreditation.appointBody(body!.address, [TYPE], "0x", "Accreditation Council", "DE");
  const now = await networkHelpers.time.latest();
  await accreditation
    .connect(body!)
    .accredit(
      issuer!.address,
      TYPE,
      now - 10,
      now + 86_400,
      "0x",
      "Example University",
      "example.edu",
    );
  await registry.connect(issuer!).anchor(ROOT, 600, TYPE, CID);
  await registry.connect(issuer!).revokeCredential(issuer!.address, ROOT, 7, 1);
  await registry.connect(issuer!).suspendCredential(issuer!.address, ROOT, 300, 2);
  return {
    batch: {
      registry: (await registry.getAddress()) as Address,
      issuer: issuer!.address as Address,
      root: ROOT,
    },
    body: body!.address as Address,
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

describe("chain/readCredentialStatus", () => {
  const provider = connection.provider as unknown as EIP1193Provider;
  let server: TestRpcServer;

  beforeEach(async () => {
    server = await startRpcServer(connection.provider);
  });
  afterEach(async () => {
    await server.close();
  });

  it("reads anchor, bits and accreditation of one credential through an EIP-1193 provider", async () => {
    const { batch, body } = await networkHelpers.loadFixture(deployed);
    const status = await readCredentialStatus(createChainClient({ provider }), batch, 7);
    expect(status.anchoredAt).to.be.greaterThan(0);
    expect(status.leafCount).to.equal(600);
    expect(status.credentialType).to.equal(TYPE.toLowerCase());
    expect(status.revoked).to.equal(true);
    expect(status.suspended).to.equal(false);
    expect(status.accreditedAtAnchoring).to.equal(true);
    expect(status.accreditorAtAnchoring).to.equal(body);
  });

  it("reads many credentials of a batch over HTTP in one eth_call", async () => {
    const { batch } = await networkHelpers.loadFixture(deployed);
    const chain = createChainClient({ rpcUrls: [server.url] });
    const statuses = await readCredentialStatuses(chain, batch, [6, 7, 300, 599]);
    expect(statuses.map((s) => [s.revoked, s.suspended])).to.deep.equal([
      [false, false],
      [true, false],
      [false, true],
      [false, false],
    ]);
    expect(server.calls.filter((m) => m === "eth_call")).to.have.length(1);
  });

  it("reports a root the issuer never anchored as anchoredAt 0, not as an error", async () => {
    const { batch } = await networkHelpers.loadFixture(deployed);
    const status = await readCredentialStatus(
      createChainClient({ provider }),
      { ...batch, root: `0x${"11".repeat(32)}` },
      0,
    );
    expect(status.anchoredAt).to.equal(0);
    expect(status.accreditorNow).to.equal(null);
  });

  it("says unreachable, naming the URL, when nothing listens there", async () => {
    const { batch } = await networkHelpers.loadFixture(deployed);
    const url = await deadRpcUrl();
    const error = await expectCode(
      readCredentialStatus(createChainClient({ rpcUrls: [url], retryCount: 0 }), batch, 0),
      "RPC_UNREACHABLE",
    );
    expect(error.message).to.contain(url);
  });

  it("says unreachable when the endpoint does not answer within the timeout", async () => {
    const { batch } = await networkHelpers.loadFixture(deployed);
    server.setFault("slow");
    await expectCode(
      readCredentialStatus(
        createChainClient({ rpcUrls: [server.url], timeoutMs: 200, retryCount: 0 }),
        batch,
        0,
      ),
      "RPC_UNREACHABLE",
    );
  });

  it("says unreachable when the endpoint fails with HTTP 500 on every retry", async () => {
    const { batch } = await networkHelpers.loadFixture(deployed);
    server.setFault("http-500");
    await expectCode(
      readCredentialStatus(
        createChainClient({ rpcUrls: [server.url], retryCount: 1, retryDelayMs: 1 }),
        batch,
        0,
      ),
      "RPC_UNREACHABLE",
    );
  });

  it("falls through to the next URL when the first is down", async () => {
    const { batch } = await networkHelpers.loadFixture(deployed);
    const chain = createChainClient({ rpcUrls: [await deadRpcUrl(), server.url], retryCount: 0 });
    const status = await readCredentialStatus(chain, batch, 7);
    expect(status.revoked).to.equal(true);
  });

  it("rejects an endpoint that serves another chain than the credential names", async () => {
    await networkHelpers.loadFixture(deployed);
    server.setFault("wrong-chain");
    const chainId = Number(await connection.provider.request({ method: "eth_chainId" }));
    const error = await expectCode(
      assertServesChain(createChainClient({ rpcUrls: [server.url] }), chainId),
      "RPC_CHAIN_MISMATCH",
    );
    expect(error.details).to.include({ expectedChainId: chainId, actualChainId: 1 });
  });

  it("calls a garbage answer invalid-response, not a verdict on the credential", async () => {
    const { batch } = await networkHelpers.loadFixture(deployed);
    server.setFault("garbage");
    await expectCode(
      readCredentialStatus(createChainClient({ rpcUrls: [server.url] }), batch, 0),
      "RPC_RESPONSE_INVALID",
    );
  });

  it("calls an address without a registry invalid-response, naming the address", async () => {
    const { batch, emptyAccount } = await networkHelpers.loadFixture(deployed);
    const error = await expectCode(
      readCredentialStatus(
        createChainClient({ provider }),
        { ...batch, registry: emptyAccount },
        0,
      ),
      "RPC_RESPONSE_INVALID",
    );
    expect(error.message).to.contain(emptyAccount);
  });
});
