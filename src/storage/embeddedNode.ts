// Opening the embedded node's data folder: its two LevelDB databases (blocks, node data) and the
// Helia node over them, offline or with libp2p over TCP and bitswap. One process opens a folder
// once: LevelDB locks it, and a second open would fail with a vague error, so it is refused here
// by name.
import { join } from "node:path";
import { withBitswap } from "@helia/bitswap";
import { withLibp2pLight } from "@helia/libp2p";
import { identify } from "@libp2p/identify";
import { noise } from "@libp2p/noise";
import { tcp } from "@libp2p/tcp";
import { yamux } from "@libp2p/yamux";
import { LevelBlockstore } from "blockstore-level";
import { LevelDatastore } from "datastore-level";
import { createHeliaLight, type Helia } from "helia";
import type { Libp2p } from "libp2p";
import { base32upper } from "multiformats/bases/base32";
import type { EmbeddedNetworkOptions } from "./embeddedStore.ts";
import { StoreUnreachableError } from "./errors.ts";

/** Data folders open in this process. */
const openDirectories = new Set<string>();

export interface EmbeddedNode {
  blockstore: LevelBlockstore;
  datastore: LevelDatastore;
  /** With networking, the node carries its libp2p as `libp2p` (not in Helia's light type). */
  helia: Helia;
}

/** Opens the node in `directory`; `closeEmbeddedNode` gives the folder back. */
export async function openEmbeddedNode(
  directory: string,
  label: string,
  network: EmbeddedNetworkOptions | undefined,
): Promise<EmbeddedNode> {
  const offline = network === undefined;
  if (openDirectories.has(directory)) {
    throw new StoreUnreachableError(
      undefined,
      label,
      "io",
      "its data folder is already open in this process; share that store, or close it first",
    );
  }
  // The key encoding is set here, not left to the default, because putMany writes keys itself.
  const blockstore = new LevelBlockstore(join(directory, "blocks"), { base: base32upper });
  const datastore = new LevelDatastore(join(directory, "datastore"));
  try {
    await blockstore.open();
    await datastore.open();
  } catch (err) {
    await Promise.allSettled([blockstore.close(), datastore.close()]);
    // blockstore-level drops LevelDB's reason; a held lock is by far the likeliest one.
    const why =
      `its LevelDB databases would not open (${(err as Error).message}); another process ` +
      "may have this data folder open: close it, or use another directory";
    throw new StoreUnreachableError(undefined, label, "io", why, {}, { cause: err });
  }
  openDirectories.add(directory);

  let helia: Helia & { libp2p?: Libp2p };
  try {
    const light = createHeliaLight({ blockstore, datastore });
    helia = offline
      ? light
      : withBitswap(
          withLibp2pLight(light, {
            addresses: { listen: network.listen ?? ["/ip4/127.0.0.1/tcp/0"] },
            transports: [tcp()],
            connectionEncrypters: [noise()],
            streamMuxers: [yamux()],
            services: { identify: identify() },
          }),
        );
    await helia.start();
  } catch (err) {
    await Promise.allSettled([blockstore.close(), datastore.close()]);
    openDirectories.delete(directory);
    throw new StoreUnreachableError(
      undefined,
      label,
      "io",
      (err as Error).message,
      {},
      { cause: err },
    );
  }

  return { blockstore, datastore, helia };
}

/** Forgets that `directory` is open, once its databases are closed. */
export function releaseEmbeddedDirectory(directory: string): void {
  openDirectories.delete(directory);
}
