// verify() on other issuers' Open Badges 3.0 credentials (docs/format.md, section 16), with
// checkThirdParty from src/thirdParty: the eddsa-rdfc-2022 signature by a did:key or a did:web
// key, the issuer's Bitstring Status List fetched over HTTPS (an injected fetch serves the issuer's
// documents), and never "valid": at best not-accredited, because no registry vouches for them.

import { ed25519 } from "@noble/curves/ed25519";
import { sha256 } from "@noble/hashes/sha2.js";
import { expect } from "chai";
import {
  createEddsaProof,
  didKeyFromPublicKey,
  encodeStatusList,
  multikeyFromPublicKey,
  STATUS_LIST_MIN_BITS,
  verificationMethodOf,
} from "../../src/dataIntegrity/index.ts";
import { checkThirdParty } from "../../src/thirdParty/index.ts";
import { type VerificationReport, type VerifyOptions, verify } from "../../src/verifier/index.ts";

const seed = sha256(new TextEncoder().encode("another issuer's test key"));
const publicKey = ed25519.getPublicKey(seed);
const sign = (message: Uint8Array) => ed25519.sign(message, seed);
const didKey = didKeyFromPublicKey(publicKey);
const DID_WEB = "did:web:badges.example";
const DID_WEB_METHOD = `${DID_WEB}#key-1`;
const CREATED = "2025-03-01T09:00:00Z";
const LIST_URL = "https://badges.example/status/1.json";
const SUSPENSION_URL = "https://badges.example/status/2.json";
const INDEX = 5;

type Json = Record<string, unknown>;

function badge(issuer: string, purpose: "revocation" | "suspension" = "revocation"): Json {
  const url = purpose === "revocation" ? LIST_URL : SUSPENSION_URL;
  return {
    "@context": [
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    id: "urn:uuid:6f1c5a9e-2b7d-4c8a-9e6f-0b2d4c8e9a71",
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: "Open Data Practitioner",
    issuer: { id: issuer, type: ["Profile"], name: "Badge Makers Guild" },
    validFrom: "2025-03-01T00:00:00Z",
    credentialSubject: {
      id: "did:example:learner-7",
      type: ["AchievementSubject"],
      achievement: {
        id: "https://badges.example/achievements/open-data",
        type: ["Achievement"],
        name: "Open Data Practitioner",
        description: "Publishes data sets with licences and provenance.",
        criteria: { narrative: "Publish three data sets reviewed by a peer." },
      },
    },
    // Open Badges 3.0 allows one status entry: revocation, or suspension for the test that says.
    credentialStatus: {
      id: `${url}#${INDEX}`,
      type: "BitstringStatusListEntry",
      statusPurpose: purpose,
      statusListIndex: String(INDEX),
      statusListCredential: url,
    },
  };
}

async function signed(document: Json, verificationMethod: string): Promise<Json> {
  const proof = await createEddsaProof(document, { verificationMethod, created: CREATED, sign });
  return { ...document, proof };
}

async function statusList(
  url: string,
  issuer: string,
  purpose: string,
  setBits: number[],
  verificationMethod: string,
): Promise<Json> {
  const bits = new Uint8Array(STATUS_LIST_MIN_BITS / 8);
  for (const i of setBits) bits[i >> 3]! |= 0x80 >> (i & 7);
  return signed(
    {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      id: url,
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      issuer,
      validFrom: CREATED,
      credentialSubject: {
        id: `${url}#list`,
        type: "BitstringStatusList",
        statusPurpose: purpose,
        encodedList: await encodeStatusList(bits),
      },
    },
    verificationMethod,
  );
}

const didDocument = {
  "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
  id: DID_WEB,
  verificationMethod: [
    {
      id: DID_WEB_METHOD,
      type: "Multikey",
      controller: DID_WEB,
      publicKeyMultibase: multikeyFromPublicKey(publicKey),
    },
  ],
  assertionMethod: ["#key-1"],
};

/** An issuer's web host: the documents it serves by URL; anything else is 404. */
function host(documents: Record<string, unknown>) {
  const asked: string[] = [];
  const fetch = async (url: string) => {
    asked.push(url);
    return url in documents
      ? new Response(JSON.stringify(documents[url]))
      : new Response("not found", { status: 404 });
  };
  return { fetch, asked };
}

/** No chain is asked for another issuer's credential: this URL is never called. */
const NO_CHAIN = ["http://127.0.0.1:9"];

function options(fetch: VerifyOptions["fetch"]): VerifyOptions {
  return { rpcUrls: NO_CHAIN, trust: [], thirdParty: checkThirdParty, fetch };
}

function results(report: VerificationReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.id, `${c.result}:${c.code}`]));
}

describe("verifier/verify (other issuers' credentials)", function () {
  this.timeout(30_000);

  async function didKeyIssuer(
    revoked: number[] = [],
    suspended: number[] = [],
    purpose: "revocation" | "suspension" = "revocation",
  ) {
    const method = verificationMethodOf(didKey);
    return {
      credential: await signed(badge(didKey, purpose), method),
      issuerHost: host({
        [LIST_URL]: await statusList(LIST_URL, didKey, "revocation", revoked, method),
        [SUSPENSION_URL]: await statusList(SUSPENSION_URL, didKey, "suspension", suspended, method),
      }),
    };
  }

  it("answers not-accredited, never valid, for a did:key credential whose signature and status pass", async () => {
    const { credential, issuerHost } = await didKeyIssuer();
    const report = await verify(credential, options(issuerHost.fetch));
    expect(report.status, JSON.stringify(report.cause)).to.equal("not-accredited");
    expect(report.cause).to.deep.include({ check: "trust", code: "THIRD_PARTY_ISSUER" });
    expect(report.cause!.message).to.include(`signed by ${didKey}`);
    expect(report.cause!.message).to.include("a did:key is anyone's to make");
    expect(report.warnings.map((w) => w.code)).to.include("ISSUER_NOT_IN_REGISTRY");
    expect(report.issuer).to.include({ id: didKey, name: "Badge Makers Guild" });
    expect(results(report)).to.deep.equal({
      structure: "pass:STRUCTURE_OK",
      integrity: "skipped:THIRD_PARTY",
      signature: "pass:SIGNATURE_VALID",
      inclusion: "skipped:THIRD_PARTY",
      trust: "fail:THIRD_PARTY_ISSUER",
      chain: "skipped:THIRD_PARTY",
      anchor: "skipped:THIRD_PARTY",
      "signing-key": "skipped:THIRD_PARTY",
      "batch-revocation": "skipped:THIRD_PARTY",
      revocation: "pass:NOT_REVOKED",
      suspension: "skipped:NO_STATUS",
      "accreditation-at-anchoring": "skipped:THIRD_PARTY",
      "accreditation-now": "skipped:THIRD_PARTY",
      "validity-period": "pass:WITHIN_VALIDITY",
    });
    expect(issuerHost.asked).to.deep.equal([LIST_URL]);
  });

  it("answers revoked when the issuer's revocation list has the credential's bit set", async () => {
    const { credential, issuerHost } = await didKeyIssuer([INDEX]);
    const report = await verify(credential, options(issuerHost.fetch));
    expect(report.status).to.equal("revoked");
    expect(report.cause).to.deep.include({ check: "revocation", code: "REVOKED" });
  });

  it("answers suspended when the issuer's suspension list has the credential's bit set", async () => {
    const { credential, issuerHost } = await didKeyIssuer([INDEX], [INDEX], "suspension");
    const report = await verify(credential, options(issuerHost.fetch));
    expect(report.status).to.equal("suspended");
  });

  it("answers invalid for a credential changed after it was signed, without fetching its lists", async () => {
    const { credential, issuerHost } = await didKeyIssuer();
    const tampered = structuredClone(credential);
    tampered.name = "Open Data Master";
    const report = await verify(tampered, options(issuerHost.fetch));
    expect(report.status).to.equal("invalid");
    expect(report.cause).to.deep.include({ check: "signature", code: "SIGNATURE_INVALID" });
    expect(issuerHost.asked).to.deep.equal([]);
  });

  it("answers invalid for a status list that another key signed", async () => {
    const { credential } = await didKeyIssuer();
    const stranger = didKeyFromPublicKey(ed25519.getPublicKey(sha256(Uint8Array.of(1))));
    const list = await statusList(LIST_URL, didKey, "revocation", [], verificationMethodOf(didKey));
    const issuerHost = host({
      [LIST_URL]: { ...list, issuer: stranger },
      [SUSPENSION_URL]: list,
    });
    const report = await verify(credential, options(issuerHost.fetch));
    expect(report.status).to.equal("invalid");
    expect(report.cause).to.deep.include({ check: "revocation", code: "STATUS_LIST_INVALID" });
  });

  it("answers unverifiable, never invalid, when a status list cannot be fetched", async () => {
    const { credential } = await didKeyIssuer();
    const report = await verify(credential, options(host({}).fetch));
    expect(report.status).to.equal("unverifiable");
    expect(report.cause).to.deep.include({ check: "revocation", code: "STATUS_LIST_UNREACHABLE" });
  });

  it("verifies a did:web issuer's key from its DID document, fetched over HTTPS", async () => {
    const credential = await signed(badge(DID_WEB), DID_WEB_METHOD);
    const documents = {
      "https://badges.example/.well-known/did.json": didDocument,
      [LIST_URL]: await statusList(LIST_URL, DID_WEB, "revocation", [], DID_WEB_METHOD),
      [SUSPENSION_URL]: await statusList(SUSPENSION_URL, DID_WEB, "suspension", [], DID_WEB_METHOD),
    };
    const report = await verify(credential, options(host(documents).fetch));
    expect(report.status).to.equal("not-accredited");
    expect(results(report).signature).to.equal("pass:SIGNATURE_VALID");

    const withoutKey = { ...didDocument, assertionMethod: [] };
    const notHeld = await verify(
      credential,
      options(
        host({ ...documents, "https://badges.example/.well-known/did.json": withoutKey }).fetch,
      ),
    );
    expect(notHeld.status).to.equal("invalid");
    expect(notHeld.cause).to.deep.include({ check: "signature", code: "ISSUER_KEY_NOT_FOUND" });

    const unreachable = await verify(credential, options(host({}).fetch));
    expect(unreachable.status).to.equal("unverifiable");
    expect(unreachable.cause).to.deep.include({
      check: "signature",
      code: "DID_DOCUMENT_UNREACHABLE",
    });
  });

  it("answers unverifiable for a DID method or a context it does not read", async () => {
    const method = await verify(
      {
        ...badge("did:example:issuer"),
        proof: {
          ...((await didKeyIssuer()).credential.proof as Json),
          verificationMethod: "did:example:issuer#k",
        },
      },
      options(host({}).fetch),
    );
    expect(method.status).to.equal("unverifiable");
    expect(method.cause).to.deep.include({ code: "ISSUER_METHOD_UNSUPPORTED" });

    const { credential, issuerHost } = await didKeyIssuer();
    // A plain VC 2.0 (an Open Badge would first fail its 3.0.3 structure) under an older context.
    const older = {
      ...credential,
      type: ["VerifiableCredential"],
      "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
      ],
    };
    const context = await verify(older, options(issuerHost.fetch));
    expect(context.status).to.equal("unverifiable");
    expect(context.cause).to.deep.include({ check: "signature", code: "CONTEXT_UNKNOWN" });
  });

  it("answers unverifiable when the verifier was set up without third-party verification", async () => {
    const { credential, issuerHost } = await didKeyIssuer();
    const report = await verify(credential, {
      ...options(issuerHost.fetch),
      thirdParty: undefined,
    });
    expect(report.status).to.equal("unverifiable");
    expect(report.cause).to.deep.include({ check: "signature", code: "THIRD_PARTY_NOT_SUPPORTED" });
    expect(issuerHost.asked).to.deep.equal([]);
  });
});
