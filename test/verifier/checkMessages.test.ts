// Every check verify() makes carries the params its catalogue message needs, so the page and the
// CLI can say it in the reader's language: real reports (valid, revoked, suspended, tampered,
// untrusted, expired, unreachable) on the in-process chain, rendered in English and French.
import { expect } from "chai";
import type { Address } from "viem";
import { changeCredentialStatus } from "../../src/chain/index.ts";
import { CATALOGUES } from "../../src/labels/index.ts";
import { type VerificationCheck, verify } from "../../src/verifier/index.ts";
import { deadRpcUrl } from "../helpers/rpcServer.ts";
import {
  copy,
  issueBatch,
  networkHelpers,
  provider,
  record,
  redigest,
  registries,
  withValue,
  writerFor,
} from "./fixtures.ts";

async function universityBatch() {
  const env = await registries();
  const batch = await issueBatch(env, {
    issuer: env.university,
    records: [0, 1, 2, 3].map((i) => record(i, { validUntil: "2030-01-01" })),
  });
  return { env, batch };
}

/** The placeholders a check's (or warning's) catalogue message needs that its params do not give. */
function missingValues(
  language: string,
  check: Pick<VerificationCheck, "code" | "params">,
  section: "checkMessages" | "warningMessages" = "checkMessages",
): string[] {
  const catalogue = CATALOGUES[language]!;
  const template = (catalogue[section] as Record<string, string>)[check.code];
  if (template === undefined) return [`no message for ${check.code}`];
  const phrases = catalogue.checkPhrases as Record<string, string>;
  const phrase = check.params?.phrase;
  const text = template.replace(
    "{phrase}",
    template.includes("{phrase}")
      ? (phrases[String(phrase)] ?? `{no phrase ${String(phrase)}}`)
      : "",
  );
  return [...text.matchAll(/\{([^}]+)\}/g)]
    .map((m) => m[1]!)
    .filter((name) => !Object.hasOwn(check.params ?? {}, name));
}

describe("verifier: check params for the catalogue", () => {
  it("gives every check of real reports the values its message needs in English and French", async () => {
    const { env, batch } = await networkHelpers.loadFixture(universityBatch);
    await changeCredentialStatus(writerFor(env.university), {
      registry: env.registry,
      issuer: env.university,
      root: batch.root,
      leafCount: batch.leafCount,
      action: "revoke",
      indices: [1],
      reason: 1,
    });
    await changeCredentialStatus(writerFor(env.university), {
      registry: env.registry,
      issuer: env.university,
      root: batch.root,
      leafCount: batch.leafCount,
      action: "suspend",
      indices: [2],
      reason: 2,
    });
    const credential = batch.credentials[0]!;
    const trusted = { provider, trust: [env.trust] };
    const reports = await Promise.all([
      verify(copy(credential), trusted),
      verify(batch.credentials[1], trusted),
      verify(batch.credentials[2], trusted),
      verify(withValue(credential, "/credentialSubject/achievement/name", "MSc"), trusted),
      verify(
        redigest(withValue(credential, "/credentialSubject/achievement/name", "MSc")),
        trusted,
      ),
      verify(copy(credential), { provider, trust: [] }),
      verify(copy(credential), { ...trusted, now: new Date("2031-01-01T00:00:00Z") }),
      verify(copy(credential), { ...trusted, now: new Date("2020-01-01T00:00:00Z") }),
      verify(copy(credential), {
        ...trusted,
        trustedBodies: [env.otherBody.address as Address],
      }),
      verify(copy(credential), {
        rpcUrls: [await deadRpcUrl()],
        retryCount: 0,
        trust: [env.trust],
      }),
    ]);
    expect(reports.map((r) => r.status)).to.deep.equal([
      "valid",
      "revoked",
      "suspended",
      "invalid",
      "invalid",
      "untrusted-registry",
      "expired",
      "invalid",
      "not-accredited",
      "unverifiable",
    ]);
    const codes = new Set<string>();
    for (const report of reports) {
      for (const warning of report.warnings) {
        codes.add(warning.code);
        for (const language of ["en", "fr"]) {
          expect(missingValues(language, warning, "warningMessages"), warning.code).to.deep.equal(
            [],
          );
        }
      }
      for (const check of report.checks) {
        codes.add(check.code);
        for (const language of ["en", "fr"]) {
          expect(
            missingValues(language, check),
            `${language} ${check.id} ${check.code}`,
          ).to.deep.equal([]);
        }
      }
    }
    expect([...codes]).to.include.members([
      "REVOKED",
      "SUSPENDED",
      "INTEGRITY_DIGEST_MISMATCH",
      "NOT_INCLUDED",
      "REGISTRY_NOT_TRUSTED",
      "EXPIRED",
      "NOT_YET_VALID",
      "ACCREDITOR_NOT_TRUSTED",
      "RPC_UNREACHABLE",
      "NOT_CHECKED",
    ]);
  });
});
