// The verifier's trust root, tried as an attacker would: a stranger deploys this project's own,
// unmodified registries, appoints itself governance and body, and anchors a credential that is
// byte for byte what the real university would issue: same issuer address, same name, "accredited"
// by the real body's address. In the stranger's registry the real university's and body's
// accounts act through Hardhat's unlocked accounts: that stands in for a registry that simply
// lies (a 30-line fake answers the same). Only the registry's address differs, and that must be
// enough: no default or option combination verifies it.
import { expect } from "chai";
import type { Address } from "viem";
import { deployRegistries } from "../../scripts/lib/deployRegistries.ts";
import { disclose } from "../../src/credential/index.ts";
import {
  describeTrust,
  knownTrust,
  parseTrustEntry,
  trustFromDeployment,
  verify,
  verifyMany,
} from "../../src/verifier/index.ts";
import { startRpcServer } from "../helpers/rpcServer.ts";
import {
  BODY_JURISDICTION,
  BODY_NAME,
  copy,
  ethers,
  FOREVER,
  ISSUER_NAME,
  issueBatch,
  networkHelpers,
  provider,
  type Registries,
  record,
  registries,
  TYPE_ID,
} from "./fixtures.ts";

/** The genuine registries with a genuine batch, and a stranger's registries with a forged one. */
async function genuineAndForged() {
  const env = await registries();
  const genuine = await issueBatch(env, {
    issuer: env.university,
    records: [record(0), record(1)],
  });
  const strangerSigner = await ethers.getSigner(env.impostor);
  const fake = await deployRegistries(ethers, { deployer: strangerSigner, adminDelay: 0n });
  const fakeAccreditation = fake.accreditationRegistry;
  // The stranger, governance of its own registry, appoints the real body's address as a body
  // with the real body's name, and that account "accredits" the real university.
  await (
    await fakeAccreditation.appointBody(
      env.body.address,
      [TYPE_ID],
      "0x",
      BODY_NAME,
      BODY_JURISDICTION,
    )
  ).wait();
  const now = await networkHelpers.time.latest();
  await (
    await fakeAccreditation
      .connect(env.body)
      .accredit(env.university, TYPE_ID, now, FOREVER, "0x", ISSUER_NAME, "northwind-poly.example")
  ).wait();
  const fakeEnv: Registries = {
    ...env,
    registry: fake.contracts.CredentialRegistry.address as Address,
  };
  const forged = await issueBatch(fakeEnv, {
    issuer: env.university,
    records: [record(0, { holderName: "Mallory Forger" })],
  });
  return {
    env,
    genuine: genuine.credentials,
    forged: forged.credentials[0]!,
    fakeRegistry: fakeEnv.registry,
    fakeAccreditation: fake.contracts.AccreditationRegistry.address as Address,
  };
}

describe("verifier/trust", () => {
  it("ships no development chain among the known deployments", () => {
    expect(knownTrust().filter((t) => t.chainId === 31337 || t.chainId === 1337)).to.deep.equal([]);
  });

  it("reports a forged registry's credential untrusted-registry with default options", async () => {
    const { forged, fakeRegistry, env } = await networkHelpers.loadFixture(genuineAndForged);
    const report = await verify(copy(forged), { provider });
    expect(report.status).to.equal("untrusted-registry");
    expect(report.cause).to.deep.include({ check: "trust", code: "REGISTRY_NOT_TRUSTED" });
    expect(report.cause!.message).to.contain(fakeRegistry);
    expect(report.cause!.message).to.contain(`--trust eip155:${env.chainId}:${fakeRegistry}`);
    expect(report.trust).to.equal(null);
    expect(report.accreditor).to.equal(null);
    expect(report.issuer.registeredName).to.equal(null);
  });

  it("never asks an untrusted registry anything", async () => {
    const { forged } = await networkHelpers.loadFixture(genuineAndForged);
    const rpc = await startRpcServer(provider);
    try {
      const report = await verify(copy(forged), { rpcUrls: [rpc.url] });
      expect(report.status).to.equal("untrusted-registry");
      expect(rpc.calls).to.deep.equal([]);
    } finally {
      await rpc.close();
    }
  });

  it("keeps a forged registry untrusted when the genuine registry and the real body are trusted", async () => {
    const { forged, env } = await networkHelpers.loadFixture(genuineAndForged);
    for (const options of [
      { trust: [env.trust] },
      { trust: [env.trust], trustedBodies: [env.body.address as Address] },
      { trustedBodies: [env.body.address as Address] },
      { trust: [{ ...env.trust, bodies: [env.body.address as Address] }] },
    ]) {
      const report = await verify(copy(forged), { provider, ...options });
      expect(report.status, JSON.stringify(options)).to.equal("untrusted-registry");
    }
  });

  it("reports a genuine credential untrusted-registry until its registry is trusted, then valid with registry names", async () => {
    const { genuine, env } = await networkHelpers.loadFixture(genuineAndForged);
    const untrusted = await verify(copy(genuine[0]), { provider });
    expect(untrusted.status).to.equal("untrusted-registry");
    const report = await verify(copy(genuine[0]), { provider, trust: [env.trust] });
    expect(report.status).to.equal("valid");
    expect(report.trust).to.deep.equal({
      label: "test registries",
      chain: `eip155:${env.chainId}`,
      registry: env.registry,
    });
    expect(report.issuer.registeredName).to.equal(ISSUER_NAME);
    expect(report.issuer.registeredDomain).to.equal("northwind-poly.example");
    expect(report.accreditor).to.deep.equal({
      address: env.body.address,
      name: BODY_NAME,
      jurisdiction: BODY_JURISDICTION,
    });
    expect(report.warnings).to.deep.equal([]);
  });

  it("reports untrusted-registry when the registry consults another AccreditationRegistry than the trust entry names", async () => {
    const { genuine, env, fakeAccreditation } = await networkHelpers.loadFixture(genuineAndForged);
    const report = await verify(copy(genuine[0]), {
      provider,
      trust: [{ ...env.trust, accreditationRegistry: fakeAccreditation }],
    });
    expect(report.status).to.equal("untrusted-registry");
    expect(report.cause).to.deep.include({
      check: "trust",
      code: "ACCREDITATION_REGISTRY_MISMATCH",
    });
  });

  it("trusts a registry on one chain only", async () => {
    const { genuine, env } = await networkHelpers.loadFixture(genuineAndForged);
    const report = await verify(copy(genuine[0]), {
      provider,
      trust: [{ ...env.trust, chainId: 8453 }],
    });
    expect(report.status).to.equal("untrusted-registry");
  });

  it("narrows accreditation to a trust entry's bodies", async () => {
    const { genuine, env } = await networkHelpers.loadFixture(genuineAndForged);
    const narrowed = await verify(copy(genuine[0]), {
      provider,
      trust: [{ ...env.trust, bodies: [env.otherBody.address as Address] }],
    });
    expect(narrowed.status).to.equal("not-accredited");
    expect(narrowed.cause).to.deep.include({ code: "ACCREDITOR_NOT_TRUSTED" });
    const disjoint = await verify(copy(genuine[0]), {
      provider,
      trust: [{ ...env.trust, bodies: [env.body.address as Address] }],
      trustedBodies: [env.otherBody.address as Address],
    });
    expect(disjoint.status).to.equal("not-accredited");
  });

  it("flags a file whose issuer name is not the one the registry records", async () => {
    const { env } = await networkHelpers.loadFixture(genuineAndForged);
    const batch = await issueBatch(env, {
      issuer: env.university,
      records: [record(5)],
      issuerName: "Harvard University",
    });
    const report = await verify(copy(batch.credentials[0]), { provider, trust: [env.trust] });
    expect(report.issuer.name).to.equal("Harvard University");
    expect(report.issuer.registeredName).to.equal(ISSUER_NAME);
    expect(report.warnings.map((w) => w.code)).to.deep.equal(["ISSUER_NAME_DIFFERS"]);
    expect(report.warnings[0]!.message).to.contain("Harvard University").and.contain(ISSUER_NAME);
  });

  it("shows a self-named issuer of an unaccredited account as not accredited, its name unregistered", async () => {
    const { env } = await networkHelpers.loadFixture(genuineAndForged);
    const batch = await issueBatch(env, {
      issuer: env.smallProvider,
      records: [record(6)],
      issuerName: "Harvard University",
    });
    const report = await verify(copy(batch.credentials[0]), { provider, trust: [env.trust] });
    expect(report.status).to.equal("not-accredited");
    expect(report.issuer.registeredName).to.equal(null);
    expect(report.warnings.map((w) => w.code)).to.deep.equal(["ISSUER_NAME_UNREGISTERED"]);
  });

  it("says when a copy does not say whom it was issued to", async () => {
    const { genuine, env } = await networkHelpers.loadFixture(genuineAndForged);
    const anonymous = disclose(genuine[1]!, []);
    const report = await verify(copy(anonymous), { provider, trust: [env.trust] });
    expect(report.status).to.equal("valid");
    expect(report.warnings.map((w) => w.code)).to.deep.equal(["RECIPIENT_HIDDEN"]);
    expect(report.warnings[0]!.message).to.contain("does not say whom it was issued to");
  });

  it("warns about bidirectional-override characters in the credential's text", async () => {
    const { env } = await networkHelpers.loadFixture(genuineAndForged);
    const batch = await issueBatch(env, {
      issuer: env.university,
      records: [record(7, { holderName: "Ada \u202Egpj.exe" })],
    });
    const report = await verify(copy(batch.credentials[0]), { provider, trust: [env.trust] });
    expect(report.warnings.map((w) => w.code)).to.include("CONTROL_CHARACTERS");
  });

  it("reports a file with a duplicated member name invalid, whichever copy is genuine", async () => {
    const { genuine, env } = await networkHelpers.loadFixture(genuineAndForged);
    const text = JSON.stringify(genuine[0]);
    // A forged "name" before the genuine one: JSON.parse would keep the genuine (last) one and
    // verify, while an editor or a first-wins parser shows the forgery.
    const duplicated = text.replace('"issuer":{', '"issuer":{"name":"Forged Institute",');
    expect(duplicated).to.not.equal(text);
    const report = await verify(duplicated, { provider, trust: [env.trust] });
    expect(report.status).to.equal("invalid");
    expect(report.cause).to.deep.include({ check: "structure", code: "DUPLICATE_MEMBER" });
    expect(report.cause!.message).to.contain('"name"').and.contain("/issuer");
  });

  it("accepts a file that starts with a UTF-8 byte-order mark", async () => {
    const { genuine, env } = await networkHelpers.loadFixture(genuineAndForged);
    const report = await verify(`\uFEFF${JSON.stringify(genuine[0])}`, {
      provider,
      trust: [env.trust],
    });
    expect(report.status).to.equal("valid");
  });

  it("reaches a verdict in one round trip: the chain id and one eth_call sent together", async () => {
    const { genuine, env } = await networkHelpers.loadFixture(genuineAndForged);
    const rpc = await startRpcServer(provider);
    try {
      const report = await verify(copy(genuine[0]), {
        rpcUrls: [rpc.url],
        trust: [{ ...env.trust, bodies: [env.body.address as Address] }],
      });
      expect(report.status).to.equal("valid");
      expect([...rpc.calls].sort()).to.deep.equal(["eth_call", "eth_chainId"]);
      const many = await verifyMany([copy(genuine[0]), copy(genuine[1])], {
        rpcUrls: [rpc.url],
        trust: [env.trust],
      });
      expect(many.map((r) => r.status)).to.deep.equal(["valid", "valid"]);
      expect(rpc.calls.filter((m) => m === "eth_call")).to.have.length(2);
    } finally {
      await rpc.close();
    }
  });

  it("reads trust entries from CAIP-10 ids and deployment records, naming what is wrong", () => {
    const registry = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    expect(
      parseTrustEntry(`eip155:8453:${registry.toLowerCase()}=Ministry registry`),
    ).to.deep.equal({
      chainId: 8453,
      credentialRegistry: registry,
      label: "Ministry registry",
    });
    expect(() => parseTrustEntry("0x5FbDB2315678afecb367f032d93F642f64180aa3")).to.throw(
      /eip155:<chain id>:<CredentialRegistry address>/,
    );
    const entry = trustFromDeployment(
      {
        network: "localhost",
        chainId: 31337,
        contracts: {
          AccreditationRegistry: { address: registry, deployBlock: 1 },
          CredentialRegistry: { address: registry, deployBlock: 2 },
        },
        abiVersion: "credanchor-registry/3",
      },
      "deployments/localhost.json",
    );
    expect(entry).to.deep.include({ chainId: 31337, label: "localhost" });
    expect(describeTrust([entry])).to.equal("Trusting: localhost on eip155:31337");
    expect(describeTrust([])).to.contain("no registry");
  });

  it("refuses a malformed trust option, naming the entry", async () => {
    const { genuine } = await networkHelpers.loadFixture(genuineAndForged);
    const error = await verify(copy(genuine[0]), {
      provider,
      trust: [{ chainId: 1, credentialRegistry: "nope" as Address, label: "x" }],
    }).catch((e: Error) => e);
    expect((error as Error).message).to.contain("trust[0].credentialRegistry");
  });
});
