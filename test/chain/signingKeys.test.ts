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
  createChainClient,
  declareSigningKey,
  NO_SIGNING_KEY,
  type RegistryWriter,
  readBatchView,
  readSigningKey,
  retireSigningKey,
} from "../../src/chain/index.ts";
import { CredanchorError } from "../../src/errors.ts";

const connection = await network.getOrCreate();
const { ethers, networkHelpers } = connection;
const provider = connection.provider as unknown as EIP1193Provider;

const KEY = ethers.id("an Ed25519 public key") as Hex;
const TYPE = ethers.zeroPadBytes(ethers.toUtf8Bytes("Certificate"), 20) as Hex;
const ROOT = ethers.id("a batch root") as Hex;

async function deployed() {
  const [governance, issuer, operator, otherIssuer] = await ethers.getSigners();
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
    otherIssuer: otherIssuer!.address as Address,
  };
}

function writerFor(account: Address): RegistryWriter {
  return {
    wallet: createWalletClient({ account, chain: hardhat, transport: custom(provider) }),
    reader: createPublicClient({ transport: custom(provider) }) as PublicClient,
  };
}

const chain = createChainClient({ provider });

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

describe("chain/declareSigningKey, retireSigningKey and readSigningKey", () => {
  it("declares the writer's key and reads its term back", async () => {
    const { registry, issuer } = await networkHelpers.loadFixture(deployed);
    const sent = await declareSigningKey(writerFor(issuer), { registry, publicKey: KEY });
    const block = await ethers.provider.getBlock(Number(sent.blockNumber));
    expect(await readSigningKey(chain, { registry, issuer, publicKey: KEY })).to.deep.equal({
      declaredAt: block!.timestamp,
      retiredAt: 0,
    });
  });

  it("retires a key from a past moment and reads the retirement back", async () => {
    const { registry, issuer } = await networkHelpers.loadFixture(deployed);
    await declareSigningKey(writerFor(issuer), { registry, publicKey: KEY });
    const declaredAt = await networkHelpers.time.latest();
    await networkHelpers.time.increase(3_600);
    await retireSigningKey(writerFor(issuer), {
      registry,
      publicKey: KEY,
      effectiveAt: declaredAt + 60,
    });
    expect(await readSigningKey(chain, { registry, issuer, publicKey: KEY })).to.deep.equal({
      declaredAt,
      retiredAt: declaredAt + 60,
    });
  });

  it("reads 0 and 0 for a key only another issuer declared", async () => {
    const { registry, issuer, otherIssuer } = await networkHelpers.loadFixture(deployed);
    await declareSigningKey(writerFor(otherIssuer), { registry, publicKey: KEY });
    expect(await readSigningKey(chain, { registry, issuer, publicKey: KEY })).to.deep.equal({
      declaredAt: 0,
      retiredAt: 0,
    });
  });

  it("declares an operator's key for the operator itself, not for the issuer it serves", async () => {
    const { registry, issuer, operator } = await networkHelpers.loadFixture(deployed);
    await declareSigningKey(writerFor(operator), { registry, publicKey: KEY });
    const issuerTerm = await readSigningKey(chain, { registry, issuer, publicKey: KEY });
    expect(issuerTerm.declaredAt).to.equal(0);
  });

  it("turns a second declaration into a named registry refusal", async () => {
    const { registry, issuer } = await networkHelpers.loadFixture(deployed);
    await declareSigningKey(writerFor(issuer), { registry, publicKey: KEY });
    const error = await expectCode(
      declareSigningKey(writerFor(issuer), { registry, publicKey: KEY }),
      "REGISTRY_REVERTED",
    );
    expect(error.details.error).to.equal("SigningKeyAlreadyDeclared");
  });

  it("turns a retirement in the future into a named registry refusal", async () => {
    const { registry, issuer } = await networkHelpers.loadFixture(deployed);
    await declareSigningKey(writerFor(issuer), { registry, publicKey: KEY });
    const future = (await networkHelpers.time.latest()) + 86_400;
    const error = await expectCode(
      retireSigningKey(writerFor(issuer), { registry, publicKey: KEY, effectiveAt: future }),
      "REGISTRY_REVERTED",
    );
    expect(error.details.error).to.equal("SigningKeyRetirementInvalid");
  });

  it("names a key that is not 32 bytes of hex before sending anything", async () => {
    const { registry, issuer } = await networkHelpers.loadFixture(deployed);
    const short = "0x1234" as Hex;
    const error = await expectCode(
      declareSigningKey(writerFor(issuer), { registry, publicKey: short }),
      "SIGNING_KEY_INVALID",
    );
    expect(error.message).to.contain(short);
    await expectCode(
      readSigningKey(chain, { registry, issuer, publicKey: short }),
      "SIGNING_KEY_INVALID",
    );
  });
});

describe("chain/readBatchView with a signing key", () => {
  it("returns the asked key's term with the batch, in one call", async () => {
    const { registry, issuer } = await networkHelpers.loadFixture(deployed);
    await declareSigningKey(writerFor(issuer), { registry, publicKey: KEY });
    const declaredAt = await networkHelpers.time.latest();
    const view = await readBatchView(chain, { registry, issuer, root: ROOT }, [0], [], KEY);
    expect([view.anchoredAt, view.keyDeclaredAt, view.keyRetiredAt]).to.deep.equal([
      0,
      declaredAt,
      0,
    ]);
  });

  it("returns 0 and 0 for the key of a v1 credential (none), as when no key is passed", async () => {
    const { registry, issuer } = await networkHelpers.loadFixture(deployed);
    await declareSigningKey(writerFor(issuer), { registry, publicKey: KEY });
    const contract = await ethers.getContractAt("CredentialRegistry", registry);
    await contract.connect(await ethers.getSigner(issuer)).anchor(ROOT, 3, TYPE, "0x");
    const ref = { registry, issuer, root: ROOT };
    const explicit = await readBatchView(chain, ref, [0], [], NO_SIGNING_KEY);
    const implicit = await readBatchView(chain, ref, [0], []);
    expect([explicit.keyDeclaredAt, explicit.keyRetiredAt]).to.deep.equal([0, 0]);
    expect(implicit).to.deep.equal(explicit);
  });
});
