// Off-chain storage on the embedded defaults: a Helia node with blocks on disk (a fresh temp
// folder per run). Workload: 10,000 sealed credential envelopes of about 2 KB each (a credential
// body of 2,000 bytes plus 45 bytes of envelope), put then read back with their CIDs checked,
// 16 at a time as the batch pipeline does; and one million-credential batch manifest (32 MB,
// chunked). Sealing happens before the clock starts.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CID } from "multiformats/cid";
import { encodeManifest } from "../src/recovery/batchManifest.ts";
import { createEmbeddedStore, type EmbeddedStore } from "../src/storage/embeddedStore.ts";
import { sealCredential } from "../src/storage/envelope.ts";
import { type BenchModule, median } from "./harness.ts";

const BODY_BYTES = 2_000;
const CONCURRENCY = 16;
const PER_SECOND = "envelopes/s";

async function withStore<T>(fn: (store: EmbeddedStore) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "credanchor-bench-storage-"));
  const store = await createEmbeddedStore({ directory: dir });
  try {
    return await fn(store);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function inParallel<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return out;
}

function envelopes(count: number): Uint8Array[] {
  return Array.from(
    { length: count },
    () => sealCredential(new Uint8Array(randomBytes(BODY_BYTES))).envelope,
  );
}

const bench: BenchModule = {
  name: "storage",
  async run(ctx) {
    const count = ctx.quick ? 2_000 : 10_000;
    const prefix = ctx.quick ? "storage.2k" : "storage.10k";
    const put: number[] = [];
    const get: number[] = [];

    await ctx.measure(`${prefix}.putGet.perSecond`, PER_SECOND, () =>
      withStore(async (store) => {
        const batch = envelopes(count);
        let start = performance.now();
        const cids: CID[] = await inParallel(batch, (envelope) => store.put(envelope));
        const putSeconds = (performance.now() - start) / 1000;
        start = performance.now();
        await inParallel(cids, (cid) => store.get(cid));
        const getSeconds = (performance.now() - start) / 1000;
        put.push(count / putSeconds);
        get.push(count / getSeconds);
        return count / (putSeconds + getSeconds);
      }),
    );
    // The put and get halves of the same runs (the first value is the warm-up run's).
    ctx.record(`${prefix}.put.perSecond`, median(put.slice(1)), PER_SECOND);
    ctx.record(`${prefix}.get.perSecond`, median(get.slice(1)), PER_SECOND);

    const leaves = ctx.quick ? 100_000 : 1_000_000;
    const manifest = encodeManifest({
      chain: "eip155:8453",
      registry: "0x2222222222222222222222222222222222222222",
      issuer: "0x1111111111111111111111111111111111111111",
      credentialType: "BachelorDegree",
      root: `0x${"ab".repeat(32)}`,
      leafCount: leaves,
      credentialDigests: new Uint8Array(randomBytes(32 * leaves)),
    });
    const manifestPut: number[] = [];
    const manifestGet: number[] = [];
    const name = `storage.manifest${ctx.quick ? "100k" : "1M"}`;
    await ctx.measure(
      `${name}.putGet.seconds`,
      "s",
      () =>
        withStore(async (store) => {
          let start = performance.now();
          const cid = await store.put(manifest);
          manifestPut.push((performance.now() - start) / 1000);
          start = performance.now();
          await store.get(cid);
          manifestGet.push((performance.now() - start) / 1000);
          return manifestPut.at(-1)! + manifestGet.at(-1)!;
        }),
      { runs: 3 },
    );
    ctx.record(`${name}.put.seconds`, median(manifestPut.slice(1)), "s");
    ctx.record(`${name}.get.seconds`, median(manifestGet.slice(1)), "s");
  },
};

export default bench;
