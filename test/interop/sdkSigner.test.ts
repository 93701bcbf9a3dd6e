// The SDK's own eddsa-rdfc-2022 signer (src/dataIntegrity, the fast canonicaliser) and status list
// encoder, judged by the verifiers the field uses on the hand-built v2 credential: what the
// pipeline will sign must be what Digital Bazaar's vc and DCC's verifier-core accept.
import { ed25519 } from "@noble/curves/ed25519.js";
import { expect } from "chai";
import {
  createEddsaProof,
  didKeyFromPublicKey,
  encodeStatusList,
  STATUS_LIST_MIN_BITS,
  verificationMethodOf,
} from "../../src/dataIntegrity/index.ts";
import {
  BATCH_INDEX,
  CREATED,
  STATUS_LIST_URL,
  TEST_SEED,
  type TestIssuer,
  v2Credential,
} from "./handBuiltV2.ts";
import {
  type JsonObject,
  type StatusLists,
  verifyWithDigitalBazaar,
  verifyWithVerifierCore,
} from "./standardVerifiers.ts";

function sdkIssuer(): TestIssuer {
  const did = didKeyFromPublicKey(ed25519.getPublicKey(TEST_SEED));
  return {
    did,
    sign: async (document) => ({
      ...document,
      proof: await createEddsaProof(document, {
        verificationMethod: verificationMethodOf(did),
        created: CREATED,
        sign: (message) => ed25519.sign(message, TEST_SEED),
      }),
    }),
  };
}

async function sdkStatusList(issuer: TestIssuer, revoked: number[]): Promise<StatusLists> {
  const bits = new Uint8Array(STATUS_LIST_MIN_BITS / 8);
  for (const index of revoked) bits[index >> 3]! |= 0x80 >> (index & 7);
  const list: JsonObject = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    id: STATUS_LIST_URL,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: issuer.did,
    validFrom: "2025-02-03T00:00:00Z",
    credentialSubject: {
      id: `${STATUS_LIST_URL}#list`,
      type: "BitstringStatusList",
      statusPurpose: "revocation",
      encodedList: await encodeStatusList(bits),
    },
  };
  return new Map([[STATUS_LIST_URL, await issuer.sign(list)]]);
}

describe("the SDK's eddsa-rdfc-2022 signer, judged by the field's verifiers", function () {
  this.timeout(30_000);
  let credential: JsonObject;
  let liveLists: StatusLists;
  let revokedLists: StatusLists;

  before(async () => {
    const issuer = sdkIssuer();
    credential = await v2Credential(issuer);
    liveLists = await sdkStatusList(issuer, []);
    revokedLists = await sdkStatusList(issuer, [BATCH_INDEX]);
  });

  it("Digital Bazaar's vc verifies what the SDK signed, and reads the SDK's list", async () => {
    const live = await verifyWithDigitalBazaar(credential, { statusLists: liveLists });
    expect(live).to.deep.equal({ verified: true, revoked: false, errors: [] });
    const revoked = await verifyWithDigitalBazaar(credential, { statusLists: revokedLists });
    expect(revoked.revoked).to.equal(true);
  });

  it("verifier-core verifies what the SDK signed, and reads the SDK's list", async () => {
    const live = await verifyWithVerifierCore(credential, { statusLists: liveLists });
    expect(live.errors).to.deep.equal([]);
    expect(live).to.include({ verified: true, revoked: false });
    const revoked = await verifyWithVerifierCore(credential, { statusLists: revokedLists });
    expect(revoked).to.include({ verified: false, revoked: true });
  });
});
