import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LevelBlockstore } from "blockstore-level";
import { expect } from "chai";
import { LevelDatastore } from "datastore-level";
import { CredanchorError } from "../../src/errors.ts";
import { buildMerkleTree } from "../../src/merkle/index.ts";
import { putManifest } from "../../src/recovery/batchManifest.ts";
import { createEmbeddedStore, type EmbeddedStore } from "../../src/storage/embeddedStore.ts";
import {
  ENVELOPE_MAGIC,
  ENVELOPE_VERSION,
  openEnvelope,
  sealCredential,
} from "../../src/storage/envelope.ts";
import { fetchAndOpen } from "../../src/storage/fetchAndOpen.ts";

const text = (s: string) => new TextEncoder().encode(s);
const body = text(JSON.stringify({ credentialSubject: { name: "Ada Lovelace", degree: "BSc" } }));

function expectThrows(fn: () => unknown, code: string): CredanchorError {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(CredanchorError);
    expect((err as CredanchorError).code).to.equal(code);
    return err as CredanchorError;
  }
  throw new Error(`expected ${code}, but it returned`);
}

describe("credential envelopes (XChaCha20-Poly1305, a key per credential)", () => {
  it("opens with the key it was sealed with", () => {
    const { envelope, key } = sealCredential(body);
    expect(key).to.have.length(32);
    expect(openEnvelope(envelope, key)).to.deep.equal(body);
  });

  it("lays out magic, version, 24-byte nonce, ciphertext and 16-byte tag", () => {
    const { envelope } = sealCredential(body);
    expect(envelope.subarray(0, 4)).to.deep.equal(ENVELOPE_MAGIC);
    expect(envelope[4]).to.equal(ENVELOPE_VERSION);
    expect(envelope.byteLength).to.equal(5 + 24 + body.byteLength + 16);
  });

  it("uses a fresh key and nonce every time, so equal bodies give unrelated envelopes", () => {
    const a = sealCredential(body);
    const b = sealCredential(body);
    expect(a.key).to.not.deep.equal(b.key);
    expect(a.envelope.subarray(5, 29)).to.not.deep.equal(b.envelope.subarray(5, 29));
    expect(a.envelope).to.not.deep.equal(b.envelope);
  });

  it("does not contain the body in clear", () => {
    const { envelope } = sealCredential(body);
    expect(Buffer.from(envelope).includes(Buffer.from("Ada Lovelace"))).to.equal(false);
  });

  it("fails with ENVELOPE_DECRYPTION_FAILED under another credential's key", () => {
    const { envelope } = sealCredential(body);
    const other = sealCredential(body);
    expectThrows(() => openEnvelope(envelope, other.key), "ENVELOPE_DECRYPTION_FAILED");
  });

  it("fails with ENVELOPE_DECRYPTION_FAILED when a ciphertext, nonce or tag byte is altered", () => {
    const { envelope, key } = sealCredential(body);
    for (const at of [5, 20, 29, 40, envelope.byteLength - 1]) {
      const altered = envelope.slice();
      altered[at]! ^= 0x01;
      expectThrows(() => openEnvelope(altered, key), "ENVELOPE_DECRYPTION_FAILED");
    }
  });

  it("fails with ENVELOPE_DECRYPTION_FAILED when truncated, and ENVELOPE_MALFORMED when too short for a tag", () => {
    const { envelope, key } = sealCredential(body);
    expectThrows(
      () => openEnvelope(envelope.subarray(0, envelope.byteLength - 1), key),
      "ENVELOPE_DECRYPTION_FAILED",
    );
    expectThrows(() => openEnvelope(envelope.subarray(0, 40), key), "ENVELOPE_MALFORMED");
    expectThrows(() => openEnvelope(envelope.subarray(0, 3), key), "ENVELOPE_MALFORMED");
  });

  it("fails with ENVELOPE_VERSION_UNSUPPORTED for another version, before touching the key", () => {
    const { envelope, key } = sealCredential(body);
    const v2 = envelope.slice();
    v2[4] = 2;
    const err = expectThrows(() => openEnvelope(v2, key), "ENVELOPE_VERSION_UNSUPPORTED");
    expect(err.details).to.include({ version: 2 });
  });

  it("fails with ENVELOPE_MALFORMED for bytes that are not an envelope", () => {
    const { key } = sealCredential(body);
    expectThrows(
      () => openEnvelope(text(`{"plain":"json", "pad": "${"x".repeat(64)}"}`), key),
      "ENVELOPE_MALFORMED",
    );
  });

  it("fails with ENVELOPE_KEY_INVALID for a key that is not 32 bytes", () => {
    const { envelope, key } = sealCredential(body);
    expectThrows(() => openEnvelope(envelope, key.subarray(0, 16)), "ENVELOPE_KEY_INVALID");
  });

  it("imports no Node built-in, so the browser verifier can reuse it", async () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const browserModules = ["envelope.ts", "fetchAndOpen.ts", "gatewaySource.ts", "readContent.ts"];
    for (const file of browserModules) {
      const specifiers = await importsOf(resolve(here, "../../src/storage", file));
      expect(specifiers).to.include("../errors.ts");
      for (const specifier of specifiers) {
        expect(specifier, `${file} imports ${specifier}`).to.not.match(
          /^node:|^(fs|path|os|crypto|http)$/,
        );
      }
    }
  });
});

describe("fetchAndOpen and where keys go", () => {
  let dir: string;
  let store: EmbeddedStore;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "credanchor-envelope-"));
    store = await createEmbeddedStore({ directory: dir });
  });

  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("fetches an envelope by CID from a store and opens it with the holder's key", async () => {
    const { envelope, key } = sealCredential(body);
    const cid = await store.put(envelope);
    expect(await fetchAndOpen(store, cid, key)).to.deep.equal(body);
    expect(await fetchAndOpen(store, cid.toString(), key)).to.deep.equal(body);
  });

  it("names the CID and the store when the key is wrong", async () => {
    const { envelope } = sealCredential(body);
    const cid = await store.put(envelope);
    try {
      await fetchAndOpen(store, cid, sealCredential(body).key);
      expect.fail("opened with a wrong key");
    } catch (err) {
      expect((err as CredanchorError).code).to.equal("ENVELOPE_DECRYPTION_FAILED");
      expect((err as Error).message)
        .to.contain(cid.toString())
        .and.to.contain(store.label);
    }
  });

  it("never writes a key to the store or the manifest: no stored file holds a key as bytes, hex or base64", async () => {
    const keys: Uint8Array[] = [];
    const sealedEnvelopes: Uint8Array[] = [];
    const digests = new Uint8Array(32 * 25);
    for (let i = 0; i < 25; i++) {
      const sealed = sealCredential(text(`credential ${i}`));
      keys.push(sealed.key);
      sealedEnvelopes.push(sealed.envelope);
      digests.set(createHash("sha256").update(sealed.envelope).digest(), 32 * i);
      await store.put(sealed.envelope, { pin: true });
    }
    const tree = await buildMerkleTree(digests);
    await putManifest(
      store,
      {
        chain: "eip155:31337",
        registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        issuer: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
        credentialType: "OpenBadgeCredential",
        root: tree.root,
        leafCount: 25,
        credentialDigests: digests,
      },
      { pin: true },
    );
    // Every block and every datastore record, decoded, plus the raw database files on disk.
    await store.close();
    const records = await storedRecords(dir);
    store = await createEmbeddedStore({ directory: dir });
    const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) =>
      e.isFile(),
    );
    const raw = await Promise.all(files.map((f) => readFile(join(f.parentPath, f.name))));
    const haystacks = [...records, ...raw];
    expect(records.length).to.be.greaterThan(26); // 25 envelopes, the manifest, pins, the node key
    expect(haystacks.some((h) => h.includes(Buffer.from(sealedEnvelopes[0]!)))).to.equal(true); // the search works
    for (const key of keys) {
      const k = Buffer.from(key);
      const forms = [
        k,
        k.toString("hex"),
        k.toString("hex").toUpperCase(),
        k.toString("base64"),
        k.toString("base64url"),
      ];
      for (const haystack of haystacks) {
        for (const form of forms) expect(haystack.includes(form)).to.equal(false);
      }
    }
  });
});

/** Every value in the store's block and data databases, as bytes. */
async function storedRecords(dir: string): Promise<Buffer[]> {
  const out: Buffer[] = [];
  const blocks = new LevelBlockstore(join(dir, "blocks"));
  await blocks.open();
  for await (const { bytes } of blocks.getAll()) {
    const parts: Uint8Array[] = [];
    for await (const part of bytes) parts.push(part);
    out.push(Buffer.concat(parts));
  }
  await blocks.close();
  const data = new LevelDatastore(join(dir, "datastore"));
  await data.open();
  for await (const { key, value } of data.query({}))
    out.push(Buffer.concat([Buffer.from(key.toString()), value]));
  await data.close();
  return out;
}

/** Import specifiers of a module and, transitively, of the relative modules it imports. */
async function importsOf(file: string, seen = new Set<string>()): Promise<string[]> {
  if (seen.has(file)) return [];
  seen.add(file);
  const source = await readFile(file, "utf8");
  const specifiers = [...source.matchAll(/^import\s[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1]!);
  const out = [...specifiers];
  for (const s of specifiers) {
    if (s.startsWith(".")) out.push(...(await importsOf(resolve(dirname(file), s), seen)));
  }
  return out;
}
