// Shared fixtures for the AccreditationRegistry tests: one in-process chain, a registry governed
// by the first signer, and helpers that pin transactions to exact block timestamps so every
// window boundary is tested to the second.
import { network } from "hardhat";

export const { ethers, networkHelpers } = await network.getOrCreate();
export const { time, loadFixture } = networkHelpers;

/** Seconds a governance transfer waits between being started and accepted. */
export const ADMIN_DELAY = 3 * 24 * 60 * 60;
export const DAY = 24 * 60 * 60;
export const FOREVER = 2n ** 48n - 1n;
export const DEFAULT_ADMIN_ROLE = ethers.ZeroHash;

/** A credential type id as the contracts see it: the first 20 bytes of a hash of its name. */
export function credentialType(name: string): string {
  return ethers.dataSlice(ethers.id(name), 0, 20);
}

/** A binary CIDv1 (raw codec, sha2-256) of `label`, standing in for real metadata or evidence. */
export function cid(label: string): string {
  return ethers.concat(["0x01551220", ethers.sha256(ethers.toUtf8Bytes(label))]);
}

export const DEGREE = credentialType("BachelorDegree");
export const DIPLOMA = credentialType("Diploma");
export const MICRO = credentialType("MicroCredential");
export const BODY_CID = cid("body metadata");
/** A body's display name and jurisdiction (ISO 3166-1 alpha-2), as governance records them. */
export const BODY_NAME = "Akkreditierungsrat";
export const JURISDICTION = "DE";
/** An issuer's legal name and web domain, as a body records them in a term. */
export const ISSUER_NAME = "Example University";
export const ISSUER_DOMAIN = "example.edu";
export const EVIDENCE = cid("accreditation evidence");

/** Sends `send()` in a block mined at exactly `timestamp`. */
export async function at<T>(timestamp: number | bigint, send: () => Promise<T>): Promise<T> {
  await time.setNextBlockTimestamp(timestamp);
  return send();
}

/** A fresh registry, governance as its admin, nothing appointed. */
export async function deployedRegistry() {
  const [governance, body, otherBody, issuer, otherIssuer, stranger] = await ethers.getSigners();
  const registry = await ethers.deployContract("AccreditationRegistry", [
    ADMIN_DELAY,
    governance!.address,
  ]);
  return {
    registry,
    governance: governance!,
    body: body!,
    otherBody: otherBody!,
    issuer: issuer!,
    otherIssuer: otherIssuer!,
    stranger: stranger!,
  };
}

/** The registry with `body` appointed for degrees and diplomas at a known moment. */
export async function appointedBody() {
  const f = await deployedRegistry();
  const appointedAt = (await time.latest()) + 100;
  await at(appointedAt, () =>
    f.registry
      .connect(f.governance)
      .appointBody(f.body, [DEGREE, DIPLOMA], BODY_CID, BODY_NAME, JURISDICTION),
  );
  return { ...f, appointedAt };
}

/**
 * `body` has accredited `issuer` for degrees with an open-ended term (term 0) starting at
 * `validFrom`, a day after appointment; the chain stands at `validFrom`.
 */
export async function accreditedIssuer() {
  const f = await appointedBody();
  const validFrom = f.appointedAt + DAY;
  await at(validFrom, () =>
    f.registry
      .connect(f.body)
      .accredit(f.issuer, DEGREE, validFrom, FOREVER, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
  );
  return { ...f, validFrom };
}
