// A hostile accreditation body in scope can pile terms and suspension cycles onto any issuer. The
// status views must stay cheap anyway: the registry finds the one term that can count by binary
// search, so each doubling of the pile adds one storage read, not thousands.
import { expect } from "chai";
import {
  DAY,
  DEGREE,
  deployRegistries,
  ethers,
  LEAF_COUNT,
  MANIFEST_CID,
  networkHelpers,
  ROOT,
  time,
} from "./fixtures.ts";

const { loadFixture } = networkHelpers;
const FOREVER = 2n ** 48n - 1n;
const PILED_TERMS = 1000;
const SUSPENSION_CYCLES = 100;
/**
 * eth_estimateGas of credentialStatus, the 21,000 of a transaction included. Measured at 67,251
 * with the pile below and 55,165 without it; the linear scan this replaced needed 2,804,923 for the same pile.
 */
const STATUS_GAS_BOUND = 70_000n;

/** A body accredited the issuer, then the issuer anchored ROOT; nobody else is involved. */
async function accreditedBatch() {
  const f = await deployRegistries();
  const { accreditation, governance, body, issuer, registry } = f;
  await accreditation
    .connect(governance)
    .appointBody(body.address, [DEGREE], "0x", "Accreditation Council", "DE");
  const now = await time.latest();
  await accreditation
    .connect(body)
    .accredit(issuer.address, DEGREE, now, FOREVER, "0x", "Example University", "example.edu");
  await time.increase(DAY);
  await registry.connect(issuer).anchor(ROOT, LEAF_COUNT, DEGREE, MANIFEST_CID);
  return f;
}

/**
 * After the batch was anchored, governance appointed a body that turned hostile: it piled
 * PILED_TERMS terms on the issuer, then SUSPENSION_CYCLES closed suspensions on a live term, and
 * left that term suspended, so none of its terms counts at anchoring or now and every reader
 * must look past all of them to the honest body.
 */
async function piledOnBatch() {
  const f = await accreditedBatch();
  const { accreditation, governance, issuer } = f;
  const hostile = await ethers.deployContract("HostileBody", [await accreditation.getAddress()]);
  await accreditation
    .connect(governance)
    .appointBody(await hostile.getAddress(), [DEGREE], "0x", "Hostile Council", "XX");
  for (let piled = 0; piled < PILED_TERMS; piled += 200) {
    await hostile.pileTerms(issuer.address, DEGREE, 200);
  }
  await hostile.accredit(issuer.address, DEGREE);
  for (let cycle = 0; cycle <= SUSPENSION_CYCLES; cycle++) {
    await hostile.cycleSuspension(issuer.address, DEGREE, false);
  }
  return { ...f, hostile };
}

describe("CredentialRegistry status views under a pile of accreditation terms", () => {
  it(`keeps credentialStatus under ${STATUS_GAS_BOUND} gas with ${PILED_TERMS} terms and ${SUSPENSION_CYCLES} suspension cycles piled on the issuer`, async () => {
    const { registry, accreditation, issuer, hostile } = await loadFixture(piledOnBatch);
    const hostileAddress = await hostile.getAddress();
    expect(await accreditation.termsOf(hostileAddress, issuer.address, DEGREE)).to.have.length(
      PILED_TERMS + 1,
    );
    expect(
      await accreditation.suspensionsOf(hostileAddress, issuer.address, DEGREE, PILED_TERMS),
    ).to.have.length(SUSPENSION_CYCLES);
    const gas = await registry.credentialStatus.estimateGas(issuer.address, ROOT, 0);
    console.log(`      credentialStatus gas with the pile: ${gas}`);
    expect(gas < STATUS_GAS_BOUND).to.equal(true, `credentialStatus took ${gas} gas`);
  });

  it("still finds the honest body at anchoring and now, past the hostile body's pile", async () => {
    const { registry, issuer, body } = await loadFixture(piledOnBatch);
    const status = await registry.credentialStatus(issuer.address, ROOT, 0);
    expect([
      status.accreditedAtAnchoring,
      status.accreditorAtAnchoring,
      status.accreditedNow,
      status.accreditorNow,
    ]).to.deep.equal([true, body.address, true, body.address]);
  });

  it("costs the same order of gas as the status of an issuer nobody piled on", async () => {
    const { registry, issuer } = await loadFixture(accreditedBatch);
    const gas = await registry.credentialStatus.estimateGas(issuer.address, ROOT, 0);
    console.log(`      credentialStatus gas without a pile: ${gas}`);
    expect(gas < STATUS_GAS_BOUND).to.equal(true, `credentialStatus took ${gas} gas`);
  });
});
