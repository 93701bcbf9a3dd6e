// A holder's lost proof rebuilt from the batch manifest on IPFS (an embedded node in a temporary
// folder), checked against the credential, and a lost file reopened from its encrypted copy.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { type Address, bytesToHex, type Hex } from "viem";
import type { BatchAnchorEvent } from "../../src/chain/index.ts";
import {
  attachAnchor,
  buildCredential,
  type CredanchorCredential,
} from "../../src/credential/index.ts";
import { buildMerkleTree } from "../../src/merkle/index.ts";
import { putManifest } from "../../src/recovery/batchManifest.ts";
import { openEncryptedCopy, recoverCredential } from "../../src/recovery/index.ts";
import { createEmbeddedStore, type EmbeddedStore } from "../../src/storage/embeddedStore.ts";
import { sealCredential } from "../../src/storage/envelope.ts";

const REGISTRY: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const ISSUER: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const TX = `0x${"77".repeat(32)}` as Hex;

describe("recovery/recoverCredential", function () {
  this.timeout(60_000);
  let dir: string;
  let store: EmbeddedStore;
  let credentials: CredanchorCredential[];
  let root: Hex;
  let proofs: Hex[][];
  let manifestCid: string;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "credanchor-recover-"));
    store = await createEmbeddedStore({ directory: dir });
    const context = {
      chainId: 31337,
      registryAddress: REGISTRY,
      issuerAddress: ISSUER,
      credentialType: "BachelorDegree",
      issuerProfile: { name: "Northwind Polytechnic", url: "https://northwind-poly.example" },
    };
    credentials = Array.from({ length: 3 }, (_, index) =>
      buildCredential({
        record: {
          holderName: `Holder ${index}`,
          identifiers: [{ identityType: "emailAddress", value: `holder${index}@mail.example` }],
          achievement: { name: "BEng", description: "Bachelor.", criteria: "180 ECTS." },
          validFrom: "2025-07-14",
        },
        index,
        context,
      }),
    );
    const digests = credentials.map((c) => c.proof.credentialDigest);
    const tree = await buildMerkleTree(digests);
    root = tree.root;
    proofs = digests.map((_, i) => tree.proof(i));
    const cid = await putManifest(
      store,
      {
        chain: "eip155:31337",
        registry: REGISTRY,
        issuer: ISSUER,
        credentialType: "BachelorDegree",
        root,
        leafCount: 3,
        credentialDigests: Buffer.concat(digests.map((d) => Buffer.from(d.slice(2), "hex"))),
      },
      { pin: true },
    );
    manifestCid = cid.toString();
  });

  after(async () => {
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const place = (index: number, withRoot = true) => ({
    chainId: 31337,
    registry: REGISTRY,
    issuer: ISSUER,
    index,
    ...(withRoot ? { root: root.toLowerCase() as Hex } : {}),
  });
  const anchorEvent = (): BatchAnchorEvent => ({
    by: ISSUER,
    credentialType: `0x${"00".repeat(20)}`,
    leafCount: 3,
    manifestCid: bytesToHex(new Uint8Array(0)),
    transactionHash: TX,
    blockNumber: 12n,
  });

  it("gives a credential back the anchor issue wrote, from the manifest and the anchoring event", async () => {
    const asked: Hex[] = [];
    const result = await recoverCredential(store, {
      credential: credentials[1]!,
      place: place(1),
      name: "holder-1.json",
      manifestCid,
      findAnchor: async (batch) => {
        asked.push(batch.root);
        return anchorEvent();
      },
    });
    expect(asked).to.deep.equal([root.toLowerCase()]);
    expect(result.credential).to.deep.equal(
      attachAnchor(credentials[1]!, {
        merkleRoot: root,
        merkleProof: proofs[1]!,
        transactionHash: TX,
        manifestCid,
        leafCount: 3,
        blockNumber: 12,
      }),
    );
  });

  it("refuses a manifest that does not hold this credential at that index", async () => {
    const error = await recoverCredential(store, {
      credential: credentials[1]!,
      place: place(2),
      name: "holder-1.json",
      manifestCid,
      findAnchor: async () => anchorEvent(),
    }).catch((e: unknown) => e);
    expect(error).to.have.property("code", "RECOVERED_PROOF_MISMATCH");
  });

  it("asks for --manifest when the credential names neither its manifest nor its root", async () => {
    const error = await recoverCredential(store, {
      credential: credentials[0]!,
      place: place(0, false),
      name: "holder-0.json",
      findAnchor: async () => anchorEvent(),
    }).catch((e: unknown) => e);
    expect(error).to.have.property("code", "OPTION_MISSING");
  });

  it("says the batch was never anchored when the chain has no event for it", async () => {
    const error = await recoverCredential(store, {
      credential: credentials[0]!,
      place: place(0),
      name: "holder-0.json",
      manifestCid,
      findAnchor: async () => undefined,
    }).catch((e: unknown) => e);
    expect(error).to.have.property("code", "BATCH_NOT_ANCHORED");
  });
});

describe("recovery/openEncryptedCopy", function () {
  this.timeout(60_000);
  let dir: string;
  let store: EmbeddedStore;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "credanchor-copy-"));
    store = await createEmbeddedStore({ directory: dir });
  });

  after(async () => {
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("opens the credential sealed at issue, and refuses a copy that holds no credential", async () => {
    const body = { id: "urn:uuid:1", proof: { type: "CredanchorMerkleProof" } };
    const sealed = sealCredential(new TextEncoder().encode(JSON.stringify(body)));
    const cid = (await store.put(sealed.envelope, { pin: true })).toString();
    const opened = await openEncryptedCopy(store, { cid, key: bytesToHex(sealed.key) }, "a.json");
    expect(opened).to.deep.equal(body);

    const empty = sealCredential(new TextEncoder().encode("[]"));
    const emptyCid = (await store.put(empty.envelope, { pin: true })).toString();
    const error = await openEncryptedCopy(
      store,
      { cid: emptyCid, key: bytesToHex(empty.key) },
      "b.json",
    ).catch((e: unknown) => e);
    expect(error).to.have.property("code", "CREDENTIAL_FILE_INVALID");
  });
});
