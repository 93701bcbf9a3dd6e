import { createCipheriv, createHash } from "node:crypto";
import { expect } from "chai";
import { importBytes } from "ipfs-unixfs-importer";
import { fixedSize } from "ipfs-unixfs-importer/chunker";
import { balanced } from "ipfs-unixfs-importer/layout";
import type { CID } from "multiformats/cid";
import { CONTENT_LAYOUT, encodeContent } from "../../src/storage/encodeContent.ts";

const ignoreBlocks = async () => {};

/**
 * The pseudo-random bytes Kubo's CLI tests add with `IPFSAddDeterministic(size, seed)`
 * (test/cli/harness): the ChaCha20 keystream under key sha256(seed) with an all-zero nonce.
 */
async function* kuboDeterministicBytes(size: number, seed: string): AsyncGenerator<Uint8Array> {
  const key = createHash("sha256").update(seed).digest();
  const cipher = createCipheriv("chacha20", key, Buffer.alloc(16)); // 32-bit counter 0, zero nonce
  const zeros = Buffer.alloc(1 << 20);
  for (let left = size; left > 0; left -= zeros.length) {
    yield new Uint8Array(cipher.update(left >= zeros.length ? zeros : zeros.subarray(0, left)));
  }
}

/** What the UnixFS importer alone makes of the bytes with the same settings, for comparison. */
async function importerCid(bytes: Uint8Array): Promise<CID> {
  const result = await importBytes(
    bytes,
    { put: async (cid) => cid },
    {
      cidVersion: 1,
      rawLeaves: true,
      reduceSingleLeafToSelf: true,
      chunker: fixedSize({ chunkSize: CONTENT_LAYOUT.chunkSize }),
      layout: balanced({ maxChildrenPerNode: CONTENT_LAYOUT.maxLinksPerNode }),
    },
  );
  return result.cid;
}

describe("content CIDs: the same bytes give the CID Kubo gives", () => {
  it("matches Kubo's published CIDv1 raw-leaf CID for 'hello world'", async () => {
    const cid = await encodeContent(new TextEncoder().encode("hello world"), ignoreBlocks);
    expect(cid.toString()).to.equal("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");
  });

  // Kubo's `test-cid-v1` profile (CIDv1, raw leaves, balanced tree of at most 174 links) with
  // 1 MiB chunks; expected CIDs from Kubo's test/cli/add_test.go. Our layout differs only in the
  // chunk size (256 KiB, Kubo's default), a parameter of the same fixed-size chunker.
  for (const [mib, expected, rootLinks] of [
    [174, "bafybeigwduxcf2aawppv3isnfeshnimkyplvw3hthxjhr2bdeje4tdaicu", 174],
    [175, "bafybeidhd7lo2n2v7lta5yamob3xwhbxcczmmtmhquwhjesi35jntf7mpu", 2],
  ] as const) {
    it(`matches Kubo's CID for ${mib} MiB of its deterministic test data (root with ${rootLinks} links)`, async function () {
      this.timeout(60_000);
      let blocks = 0;
      const cid = await encodeContent(
        kuboDeterministicBytes(mib * 1024 * 1024, "v1-seed"),
        async () => {
          blocks++;
        },
        { chunkSize: 1024 * 1024, maxLinksPerNode: 174 },
      );
      expect(cid.toString()).to.equal(expected);
      expect(blocks).to.equal(mib + (rootLinks === 174 ? 1 : 3));
    });
  }

  it("stores what fits one chunk as that single raw block, exactly as the importer would", async () => {
    for (const size of [0, 1, 2_048, CONTENT_LAYOUT.chunkSize]) {
      const bytes = new Uint8Array(size).map((_, i) => i % 253);
      const blocks: Array<[CID, Uint8Array]> = [];
      const cid = await encodeContent(bytes, async (c, b) => {
        blocks.push([c, b]);
      });
      expect(cid.toString(), `${size} bytes`).to.equal((await importerCid(bytes)).toString());
      expect(cid.code).to.equal(0x55);
      expect(blocks).to.have.length(1);
    }
  });

  it("chunks anything larger into 256 KiB raw leaves under a dag-pb root", async () => {
    const bytes = new Uint8Array(CONTENT_LAYOUT.chunkSize + 1).map((_, i) => i % 251);
    const codecs: number[] = [];
    const cid = await encodeContent(bytes, async (c) => {
      codecs.push(c.code);
    });
    expect(cid.toString()).to.equal((await importerCid(bytes)).toString());
    expect(codecs).to.deep.equal([0x55, 0x55, 0x70]);
  });

  it("gives the same CID for bytes given whole or as a stream", async () => {
    const bytes = new Uint8Array(700_000).map((_, i) => (i * 13) % 256);
    async function* pieces() {
      for (let at = 0; at < bytes.length; at += 100_000) yield bytes.subarray(at, at + 100_000);
    }
    const whole = await encodeContent(bytes, ignoreBlocks);
    const streamed = await encodeContent(pieces(), ignoreBlocks);
    expect(streamed.equals(whole)).to.equal(true);
  });
});
