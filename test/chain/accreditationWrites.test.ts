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
  ACCREDITATION_FOREVER,
  accreditIssuer,
  appointBody,
  createChainClient,
  listAccreditations,
  listBodies,
  listOperators,
  OPERATOR_RIGHTS,
  type RegistryWriter,
  removeOperator,
  setBodyProfile,
  setOperator,
} from "../../src/chain/index.ts";
import { CredanchorError } from "../../src/errors.ts";

const connection = await network.getOrCreate();
const { ethers, networkHelpers } = connection;
const provider = connection.provider as unknown as EIP1193Provider;

const TYPE = ethers.zeroPadBytes(ethers.toUtf8Bytes("BachelorDegree"), 20) as Hex;
const DAY = 86_400;

async function deployed() {
  const [governance, body, issuer, operator, batchServer] = await ethers.getSigners();
  const accreditation = await ethers.deployContract("AccreditationRegistry", [
    0,
    governance!.address,
  ]);
  const registry = await ethers.deployContract("CredentialRegistry", [
    await accreditation.getAddress(),
  ]);
  return {
    accreditationRegistry: (await accreditation.getAddress()) as Address,
    registry: (await registry.getAddress()) as Address,
    governance: governance!.address as Address,
    body: body!.address as Address,
    issuer: issuer!.address as Address,
    operator: operator!.address as Address,
    batchServer: batchServer!.address as Address,
  };
}

/** `body` appointed as "Akkreditierungsrat" (DE), then renamed; it accredited `issuer` backdated. */
async function accredited() {
  const f = await deployed();
  await appointBody(writerFor(f.governance), {
    accreditationRegistry: f.accreditationRegistry,
    body: f.body,
    scope: [TYPE],
    metadataCid: "0x",
    name: "Akkreditierungsrat",
    jurisdiction: "DE",
  });
  await setBodyProfile(writerFor(f.governance), {
    accreditationRegistry: f.accreditationRegistry,
    body: f.body,
    name: "Stiftung Akkreditierungsrat",
    jurisdiction: "DE-NW",
  });
  const now = await networkHelpers.time.latest();
  const sent = await accreditIssuer(writerFor(f.body), {
    accreditationRegistry: f.accreditationRegistry,
    issuer: f.issuer,
    credentialType: TYPE,
    validFrom: now - 30 * DAY,
    validUntil: ACCREDITATION_FOREVER,
    evidenceCid: "0x",
    issuerName: "Example University",
    issuerDomain: "example.edu",
  });
  const block = await ethers.provider.getBlock(Number(sent.blockNumber));
  return { ...f, term: sent.term, recordedAt: block!.timestamp, validFrom: now - 30 * DAY };
}

function writerFor(account: Address): RegistryWriter {
  return {
    wallet: createWalletClient({ account, chain: hardhat, transport: custom(provider) }),
    reader: createPublicClient({ transport: custom(provider) }) as PublicClient,
  };
}

describe("chain/appointBody, setBodyProfile and accreditIssuer", () => {
  it("lists a body with the name and jurisdiction governance last gave it", async () => {
    const f = await networkHelpers.loadFixture(accredited);
    const [body] = await listBodies(createChainClient({ provider }), f.accreditationRegistry);
    expect(body).to.include({
      body: f.body,
      active: true,
      name: "Stiftung Akkreditierungsrat",
      jurisdiction: "DE-NW",
    });
    expect(body!.scope).to.deep.equal([TYPE.toLowerCase()]);
  });

  it("lists a term with the issuer's names, when it was recorded and when it counts from", async () => {
    const f = await networkHelpers.loadFixture(accredited);
    const [term] = await listAccreditations(
      createChainClient({ provider }),
      f.accreditationRegistry,
      {
        issuer: f.issuer,
      },
    );
    expect(term).to.include({
      body: f.body,
      term: 0,
      validFrom: f.validFrom,
      recordedAt: f.recordedAt,
      effectiveFrom: f.recordedAt,
      issuerName: "Example University",
      issuerDomain: "example.edu",
      state: "active",
      accreditedNow: true,
    });
  });

  it("reports an invalid jurisdiction as a named registry refusal", async () => {
    const f = await networkHelpers.loadFixture(deployed);
    try {
      await appointBody(writerFor(f.governance), {
        accreditationRegistry: f.accreditationRegistry,
        body: f.body,
        scope: [TYPE],
        metadataCid: "0x",
        name: "Akkreditierungsrat",
        jurisdiction: "Germany",
      });
      expect.fail("an invalid jurisdiction was accepted");
    } catch (error) {
      expect(error).to.be.instanceOf(CredanchorError);
      expect((error as CredanchorError).message).to.contain("BodyProfileInvalid");
    }
  });

  it("refuses a profile change sent by the body itself", async () => {
    const f = await networkHelpers.loadFixture(accredited);
    try {
      await setBodyProfile(writerFor(f.body), {
        accreditationRegistry: f.accreditationRegistry,
        body: f.body,
        name: "Self-renamed",
        jurisdiction: "DE",
      });
      expect.fail("a body renamed itself");
    } catch (error) {
      expect(error).to.be.instanceOf(CredanchorError);
      expect((error as CredanchorError).message).to.contain("AccessControlUnauthorizedAccount");
    }
  });
});

describe("chain/setOperator and listOperators", () => {
  it("exports the registry's rights as OPERATOR_RIGHTS", () => {
    expect(OPERATOR_RIGHTS).to.deep.equal({ anchor: 1, suspend: 2, revoke: 4 });
  });

  it("lists each operator with its rights, and a removed one with none", async () => {
    const f = await networkHelpers.loadFixture(deployed);
    const expiresAt = (await networkHelpers.time.latest()) + 30 * DAY;
    await setOperator(writerFor(f.issuer), {
      registry: f.registry,
      operator: f.batchServer,
      expiresAt,
      rights: OPERATOR_RIGHTS.anchor,
    });
    await setOperator(writerFor(f.issuer), {
      registry: f.registry,
      operator: f.operator,
      expiresAt,
      rights: OPERATOR_RIGHTS.suspend | OPERATOR_RIGHTS.revoke,
    });
    await removeOperator(writerFor(f.issuer), { registry: f.registry, operator: f.operator });
    const operators = await listOperators(createChainClient({ provider }), f.registry, f.issuer);
    expect(operators).to.deep.equal([
      { operator: f.batchServer, expiresAt, rights: 1, live: true },
      { operator: f.operator, expiresAt: null, rights: 0, live: false },
    ]);
  });

  it("reports rights outside the three as a named registry refusal", async () => {
    const f = await networkHelpers.loadFixture(deployed);
    try {
      await setOperator(writerFor(f.issuer), {
        registry: f.registry,
        operator: f.operator,
        expiresAt: (await networkHelpers.time.latest()) + DAY,
        rights: 8,
      });
      expect.fail("rights 8 were accepted");
    } catch (error) {
      expect(error).to.be.instanceOf(CredanchorError);
      expect((error as CredanchorError).message).to.contain("OperatorRightsInvalid");
    }
  });
});
