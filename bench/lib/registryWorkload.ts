// The registry workload the gas figures measure, shared by contracts.bench.ts and peers.bench.ts
// (which sets ours beside the peers'): freshly deployed registries, an accreditation body, a
// university accredited for BachelorDegree with a live operator key holding every right, and the
// measured calls.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { type DeployedRegistries, deployRegistries } from "../../scripts/lib/deployRegistries.ts";
import { toStatusWords } from "../../src/chain/statusWords.ts";
import { credentialTypeId } from "../../src/credential/credentialType.ts";
import type { BenchChain } from "./chain.ts";
import { gasUsed } from "./chain.ts";
import { seededBytes32, seededCid, seededIndices } from "./seeded.ts";

export const CREDENTIAL_TYPE = credentialTypeId("BachelorDegree");
const FOREVER = 2n ** 48n - 1n;
const YEAR = 365 * 24 * 60 * 60;
/** RIGHT_ANCHOR | RIGHT_SUSPEND | RIGHT_REVOKE: the bench operator may do what the issuer does. */
const ALL_RIGHTS = 7;

export interface RegistryFixture extends DeployedRegistries {
  chain: BenchChain;
  governor: HardhatEthersSigner;
  body: HardhatEthersSigner;
  issuer: HardhatEthersSigner;
  operator: HardhatEthersSigner;
  relayer: HardhatEthersSigner;
}

export async function registryFixture(chain: BenchChain): Promise<RegistryFixture> {
  const { ethers } = chain;
  const [governor, body, issuer, operator, relayer] = await ethers.getSigners();
  if (!governor || !body || !issuer || !operator || !relayer) {
    throw new Error("the bench chain needs five accounts");
  }
  const deployed = await deployRegistries(ethers, { deployer: governor, adminDelay: 0n });
  const { accreditationRegistry, credentialRegistry } = deployed;
  const now = (await ethers.provider.getBlock("latest"))!.timestamp;
  await gasUsed(
    accreditationRegistry
      .connect(governor)
      .appointBody(
        body.address,
        [CREDENTIAL_TYPE],
        seededCid("body metadata"),
        "Bench Accreditation Council",
        "DE",
      ),
  );
  await gasUsed(
    accreditationRegistry
      .connect(body)
      .accredit(
        issuer.address,
        CREDENTIAL_TYPE,
        now,
        FOREVER,
        seededCid("accreditation evidence"),
        "Bench University",
        "bench.example",
      ),
  );
  await gasUsed(
    credentialRegistry.connect(issuer).setOperator(operator.address, now + YEAR, ALL_RIGHTS),
  );
  return { ...deployed, chain, governor, body, issuer, operator, relayer };
}

/** Gas of the issuer's own `anchor` of a batch of `leafCount` under a seeded root. */
export function anchorGas(fx: RegistryFixture, label: string, leafCount: number) {
  return gasUsed(
    fx.credentialRegistry
      .connect(fx.issuer)
      .anchor(seededBytes32(label, 0), leafCount, CREDENTIAL_TYPE, seededCid(label)),
  );
}

/** Anchors a batch (not measured) and returns its root. */
export async function anchoredRoot(fx: RegistryFixture, label: string, leafCount: number) {
  await anchorGas(fx, label, leafCount);
  return seededBytes32(label, 0);
}

/**
 * Revokes 1,000 seeded random credentials of a 10,000-credential batch in one
 * revokeCredentials transaction, indices grouped into 256-bit status words as the SDK does.
 */
export async function bulkRevokeGas(fx: RegistryFixture) {
  const leafCount = 10_000;
  const revoked = 1_000;
  const root = await anchoredRoot(fx, "bulk revocation batch", leafCount);
  const words = toStatusWords(seededIndices("bulk revocation", revoked, leafCount), leafCount);
  const gas = await gasUsed(
    fx.credentialRegistry.connect(fx.issuer).revokeCredentials(fx.issuer.address, root, words, 1),
  );
  return { gas, perCredential: gas / revoked, words: words.length };
}

/**
 * Governance appoints a body that turns hostile: it piles `count` terms on the issuer for
 * CREDENTIAL_TYPE, each withdrawn in the second it is made (test-only HostileBody contract), so
 * none counts and every status read has to look past them to the honest body.
 */
export async function pileHostileTerms(fx: RegistryFixture, count: number) {
  const { ethers } = fx.chain;
  const hostile = await ethers.deployContract("HostileBody", [
    await fx.accreditationRegistry.getAddress(),
  ]);
  await gasUsed(
    fx.accreditationRegistry
      .connect(fx.governor)
      .appointBody(await hostile.getAddress(), [CREDENTIAL_TYPE], "0x", "Hostile Council", "XX"),
  );
  // Fifty terms a transaction stay well under the per-transaction gas cap.
  for (let piled = 0; piled < count; piled += 50) {
    await gasUsed(
      hostile.pileTerms(fx.issuer.address, CREDENTIAL_TYPE, Math.min(50, count - piled)),
    );
  }
}
