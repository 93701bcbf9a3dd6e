// The shipped contexts: pinned by SHA-256 (of their RFC 8785 canonical JSON), served offline, and
// enough for a whole v2 credential, both proofs included, to expand in JSON-LD safe mode.
import { createHash } from "node:crypto";
import { contexts as vcContexts } from "@digitalbazaar/credentials-context";
import { expect } from "chai";
import fc from "fast-check";
import jsonld from "jsonld";
import { canonicalJson } from "../../src/dataIntegrity/expandToQuads.ts";
import {
  CREDANCHOR_CONTEXT_URL,
  createEddsaProof,
  DataIntegrityError,
  documentLoader,
  SHIPPED_CONTEXTS,
} from "../../src/dataIntegrity/index.ts";
import { anchorProof, unsignedCredential } from "./arbitraries.ts";

const PINNED = new Map([
  [
    "https://www.w3.org/ns/credentials/v2",
    "b463c8d6a066214123ddd9827b135e1b50e1fc73322cc52a9b12a4f1fc7d86cf",
  ],
  [
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    "c5e555a91a5cf48e32ae0a05674c61ddd5c053b680b5643b2f57f9965e386d99",
  ],
  [
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
    "15f4c347c6fe4380d9b6b93795859e33747ef48d5c55b91a71c52fb51c7bcbd7",
  ],
  [
    "https://w3id.org/security/data-integrity/v2",
    "7ba3c50acf2689d5e07927267343eb353249c7c22a9f2d00307cc970e855e305",
  ],
  [
    "https://w3id.org/security/multikey/v1",
    "be20c3ee6af6e9c4102e66a85c26617831218e32216bdf050f870e389e737cdc",
  ],
  [CREDANCHOR_CONTEXT_URL, "1acec40ead0e089d60725246283d244910cb925c6dd83d48ae10109b5ca6f733"],
]);

const sign = () => new Uint8Array(64).fill(9);

async function expandSafely(document: unknown): Promise<unknown> {
  return jsonld.expand(document, { documentLoader, safe: true });
}

describe("dataIntegrity: the shipped contexts", function () {
  this.timeout(30_000);

  it("ship exactly the pinned contexts, byte for byte (SHA-256 of their canonical JSON)", () => {
    const actual = new Map(
      [...SHIPPED_CONTEXTS].map(([url, context]) => [
        url,
        createHash("sha256").update(canonicalJson(context)).digest("hex"),
      ]),
    );
    expect(actual).to.deep.equal(PINNED);
  });

  it("carry the VC 2.0 context exactly as @digitalbazaar/credentials-context publishes it", () => {
    expect(SHIPPED_CONTEXTS.get("https://www.w3.org/ns/credentials/v2")).to.deep.equal(
      vcContexts.get("https://www.w3.org/ns/credentials/v2"),
    );
  });

  it("are served offline, and any other URL is refused with a named error", async () => {
    const loaded = await documentLoader(CREDANCHOR_CONTEXT_URL);
    expect(loaded.document).to.equal(SHIPPED_CONTEXTS.get(CREDANCHOR_CONTEXT_URL));
    const error = await documentLoader("https://example.com/context.json").catch((e) => e);
    expect(error).to.be.instanceOf(DataIntegrityError);
    expect(error.code).to.equal("DATA_INTEGRITY_CONTEXT_UNKNOWN");
    expect(error.message).to.contain("https://example.com/context.json");
  });

  it("expand a full v2 credential (anchor proof and eddsa proof) in safe mode", async () => {
    await fc.assert(
      fc.asyncProperty(unsignedCredential, anchorProof, async (document, anchor) => {
        const eddsa = await createEddsaProof(document, {
          verificationMethod:
            "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
          created: anchor.created,
          sign,
        });
        const expanded = JSON.stringify(
          await expandSafely({ ...document, proof: [anchor, eddsa] }),
        );
        for (const term of ["claims", "anchor", "credentialDigest", "batchIndex", "chainId"])
          expect(expanded).to.contain(`https://w3id.org/credanchor#${term}`);
      }),
      { numRuns: 40 },
    );
  });

  it("expand a disclosed v2 credential (anchor proof only, members hidden) in safe mode", async () => {
    await fc.assert(
      fc.asyncProperty(unsignedCredential, anchorProof, async (document, anchor) => {
        const { encryptedCopy: _, ...withoutCopy } = anchor as Record<string, unknown>;
        await expandSafely({ ...document, proof: [withoutCopy] });
      }),
      { numRuns: 40 },
    );
  });
});
