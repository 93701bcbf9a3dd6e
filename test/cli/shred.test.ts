// `credanchor shred` as an issuer runs it on a folder `credanchor issue` wrote: four graduates
// issued once (in-process chain, bodies pinned on an embedded IPFS node), then each test shreds a
// fresh copy of that folder and node. Kubo and the pinning service are the two stand-ins
// (test/storage/kuboRpcStandIn.ts, test/storage/pinningServiceStandIn.ts): no daemon or service
// can run or be reached here.
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import type { AnchorProof, CredanchorCredentialV2 } from "../../src/credential/index.ts";
import type { ShredReport } from "../../src/issuer/shred.ts";
import { createEmbeddedStore } from "../../src/storage/embeddedStore.ts";
import { createKuboStore } from "../../src/storage/kuboStore.ts";
import { type IssuedFolder, issueFolder } from "../helpers/issuedFolder.ts";
import { jsonError, jsonOf, runCli } from "../helpers/runCli.ts";
import { startKuboRpcStandIn } from "../storage/kuboRpcStandIn.ts";
import { startPinningServiceStandIn } from "../storage/pinningServiceStandIn.ts";

const IDS = ["NP-2021-1000", "NP-2021-1001", "NP-2021-1002", "NP-2021-1003"];

interface Issued {
  dir: string;
  out: string;
  ipfs: string;
  file(id: string): string;
}

describe("credanchor shred", function () {
  this.timeout(120_000);
  let root: string;
  let pristine: Issued;
  /** Each holder's encrypted-copy CID, and the batch manifest's. */
  const cids = new Map<string, string>();
  let manifestCid: string;
  let cases = 0;
  let issuedOnce: IssuedFolder;

  before(async () => {
    issuedOnce = await issueFolder(IDS.length, ["--pin-bodies"]);
    root = issuedOnce.dir;
    pristine = {
      dir: root,
      out: issuedOnce.out,
      ipfs: issuedOnce.ipfs,
      file: (id) => path.join(issuedOnce.out, "credentials", `${id}.credential.json`),
    };
    for (const id of IDS) {
      const credential = await readCredential(pristine.file(id));
      cids.set(id, anchorProofOf(credential).encryptedCopy!.cid);
      manifestCid = anchorProofOf(credential).anchor!.manifestCid!;
    }
  });

  after(async () => {
    await issuedOnce?.remove();
  });

  /** A fresh copy of the issued folder and IPFS node for one test. */
  async function fresh(): Promise<Issued> {
    const issued = layout(path.join(root, `case-${++cases}`));
    await cp(pristine.out, issued.out, { recursive: true });
    await cp(pristine.ipfs, issued.ipfs, { recursive: true });
    return issued;
  }

  const shred = (issued: Issued, args: string[], env: Record<string, string> = {}) =>
    runCli(["--json", "shred", ...args, "--out", issued.out, "--ipfs-dir", issued.ipfs], env, root);

  it("takes one credential's copy off the embedded node and its key out of the issuer's file, leaving the others untouched", async () => {
    const issued = await fresh();
    const before = await snapshot(issued);
    const run = await shred(issued, ["--id", "NP-2021-1001"]);
    expect(run.code, run.stderr).to.equal(0);
    const report = jsonOf<ShredReport>(run);
    expect(report.credentials).to.have.length(1);
    expect(report.credentials[0]).to.deep.include({
      file: issued.file("NP-2021-1001"),
      cid: cids.get("NP-2021-1001"),
      state: "shredded",
      keyRemovedFrom: [issued.file("NP-2021-1001")],
      fileDeleted: false,
    });
    expect(report.credentials[0]!.stores).to.deep.equal([
      {
        action: "removed",
        store: `the embedded IPFS node at ${issued.ipfs}`,
        unpinned: true,
        blocksDeleted: 1,
        blocksKept: 0,
        blocksMissing: 0,
      },
    ]);
    expect(report.manifestsKept.map((m) => m.cid)).to.deep.equal([manifestCid]);
    expect(report.beyondReach.join("\n")).to.match(/holders' own files/);

    // The file keeps everything but the key.
    const shredded = await readCredential(issued.file("NP-2021-1001"));
    expect(anchorProofOf(shredded).encryptedCopy).to.equal(undefined);
    const original = JSON.parse(before.files.get("NP-2021-1001")!) as CredanchorCredentialV2;
    const { encryptedCopy: _key, ...anchorProof } = anchorProofOf(original);
    expect(shredded).to.deep.equal({
      ...original,
      proof: [anchorProof, ...original.proof.slice(1)],
    });

    const after = await snapshot(issued);
    for (const id of IDS.filter((i) => i !== "NP-2021-1001")) {
      expect(after.files.get(id), id).to.equal(before.files.get(id));
      expect(after.held.get(id), id).to.equal(true);
    }
    expect(after.held.get("NP-2021-1001")).to.equal(false);
    expect(after.manifestHeld).to.equal(true);
    await withStore(issued, async (store) => {
      await store.get(cids.get("NP-2021-1001")!).then(
        () => expect.fail("the shredded copy could still be read"),
        (error: { code?: string }) => expect(error.code).to.equal("STORAGE_CONTENT_NOT_FOUND"),
      );
      // Removing it again finds neither a pin nor a block.
      expect(await store.remove(cids.get("NP-2021-1001")!)).to.include({
        unpinned: false,
        blocksDeleted: 0,
        blocksMissing: 1,
      });
    });
  });

  it("--all with --kubo calls pin/rm for every CID on the Kubo node and strips every key", async () => {
    const issued = await fresh();
    const kubo = await startKuboRpcStandIn();
    try {
      // The bodies and the manifest, stored and pinned on the Kubo node as `issue --kubo` does.
      const kuboStore = createKuboStore({ url: kubo.url, timeoutMs: 5_000 });
      await withStore(issued, async (store) => {
        for (const cid of [...cids.values(), manifestCid]) {
          await kuboStore.put(await store.get(cid), { pin: true });
        }
      });
      kubo.requests.length = 0;
      const run = await runCli(
        ["--json", "shred", "--all", "--out", issued.out, "--kubo", kubo.url],
        {},
        root,
      );
      expect(run.code, run.stderr).to.equal(0);
      const removed = kubo.requests
        .filter((r) => r.path === "/api/v0/pin/rm")
        .map((r) => r.query.get("arg"));
      expect(removed.sort()).to.deep.equal([...cids.values()].sort());
      expect([...kubo.pins]).to.deep.equal([manifestCid]);
      for (const cid of cids.values()) expect(kubo.blocks.has(cid), cid).to.equal(false);
      const report = jsonOf<ShredReport>(run);
      expect(report.credentials.map((c) => c.stores[0])).to.deep.equal(
        IDS.map(() => ({
          action: "removed",
          store: `Kubo RPC at ${kubo.url}`,
          unpinned: true,
          blocksDeleted: 1,
          blocksKept: 0,
          blocksMissing: 0,
        })),
      );
      for (const id of IDS) {
        expect(anchorProofOf(await readCredential(issued.file(id))).encryptedCopy, id).to.equal(
          undefined,
        );
      }
    } finally {
      await kubo.close();
    }
  });

  it("--pin-service deletes the pin requests for the shredded CIDs only, with the token from the environment", async () => {
    const issued = await fresh();
    const service = await startPinningServiceStandIn({ token: "pin-token" });
    try {
      const first = [
        service.add(cids.get("NP-2021-1000")!),
        service.add(cids.get("NP-2021-1000")!, "failed"),
      ];
      const other = service.add(cids.get("NP-2021-1002")!);
      const manifest = service.add(manifestCid);
      const run = await shred(issued, [issued.file("NP-2021-1000"), "--pin-service", service.url], {
        CREDANCHOR_PINNING_TOKEN: "pin-token",
      });
      expect(run.code, run.stderr).to.equal(0);
      const report = jsonOf<ShredReport>(run);
      expect(report.credentials[0]!.pinningServices).to.deep.equal([
        {
          service: `the pinning service at ${service.url}`,
          action: "removed",
          requestIds: report.credentials[0]!.pinningServices[0]!.requestIds,
        },
      ]);
      expect([...report.credentials[0]!.pinningServices[0]!.requestIds].sort()).to.deep.equal(
        [...first].sort(),
      );
      expect([...service.pins.keys()].sort()).to.deep.equal([other, manifest].sort());
      const deletes = service.requests.filter((r) => r.method === "DELETE");
      expect(deletes.map((r) => r.path).sort()).to.deep.equal(
        first.map((id) => `/pins/${id}`).sort(),
      );
      expect(service.requests.every((r) => r.authorization === "Bearer pin-token")).to.equal(true);
    } finally {
      await service.close();
    }
  });

  it("--dry-run lists what it would do and changes nothing", async () => {
    const issued = await fresh();
    const before = await snapshot(issued);
    const run = await runCli(
      ["shred", "--all", "--dry-run", "--out", issued.out, "--ipfs-dir", issued.ipfs],
      {},
      root,
    );
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/^Would shred 4 credential\(s\)/);
    expect(run.stdout).to.contain("holds it: would unpin and delete its blocks");
    expect(run.stdout).to.contain(`Not touched: batch manifest ${manifestCid}`);
    expect(await snapshot(issued)).to.deep.equal(before);
  });

  it("finds the embedded node issue keeps under the output folder when --ipfs-dir is not given", async () => {
    const issued = await fresh();
    await cp(issued.ipfs, path.join(issued.out, "ipfs"), { recursive: true });
    const run = await runCli(["shred", "--all", "--dry-run", "--out", issued.out], {}, root);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.contain("holds it: would unpin and delete its blocks");

    const elsewhere = await fresh();
    const missing = await runCli(["shred", "--all", "--out", elsewhere.out], {}, root);
    expect(missing.code).to.not.equal(0);
    expect(missing.stderr).to.contain(path.join(elsewhere.out, "ipfs"));
    expect(missing.stderr).to.contain("nothing was shredded");
  });

  it("takes down the copies share recorded beside the file, and forgets their keys", async () => {
    const issued = await fresh();
    const file = issued.file("NP-2021-1002");
    const shared = await runCli(
      [
        "--json",
        "share",
        file,
        "--ipfs",
        "--ipfs-dir",
        issued.ipfs,
        "--page-url",
        "https://verify.example/",
      ],
      {},
      root,
    );
    expect(shared.code, shared.stderr).to.equal(0);
    const copy = jsonOf<{ cid: string }>(shared).cid;
    const recordFile = file.replace(/\.json$/, ".shares.json");
    expect(JSON.parse(await readFile(recordFile, "utf8"))).to.have.length(1);

    const run = await shred(issued, ["--id", "NP-2021-1002"]);
    expect(run.code, run.stderr).to.equal(0);
    expect(
      jsonOf<{ sharedCopies: { cid: string; file: string; store: string }[] }>(run).sharedCopies,
    ).to.deep.equal([
      { cid: copy, store: `the embedded IPFS node at ${issued.ipfs}`, pinsDeleted: 0, file },
    ]);
    await withStore(issued, async (store) => expect(await store.has(copy)).to.equal(false));
    await readFile(recordFile).then(
      () => expect.fail(`${recordFile} still holds the link and its key`),
      (error: NodeJS.ErrnoException) => expect(error.code).to.equal("ENOENT"),
    );
  });

  it("--delete-files deletes the issuer's copy instead of editing it", async () => {
    const issued = await fresh();
    const run = await shred(issued, ["--id", "NP-2021-1003", "--delete-files"]);
    expect(run.code, run.stderr).to.equal(0);
    expect(jsonOf<ShredReport>(run).credentials[0]).to.include({ fileDeleted: true });
    const left = await readdir(path.dirname(issued.file("NP-2021-1003")));
    expect(left.sort()).to.deep.equal(
      IDS.filter((id) => id !== "NP-2021-1003").map((id) => `${id}.credential.json`),
    );
  });

  for (const [name, args, named] of [
    [
      "a file that is not a credential",
      (i: Issued) => [i.file("NP-2021-1000"), path.join(i.out, "report.json")],
      "report.json",
    ],
    ["an unknown id", () => ["--id", "NP-2021-1000", "NP-2099-0000"], "NP-2099-0000"],
  ] as const) {
    it(`exits 2 naming ${name}, and changes nothing`, async () => {
      const issued = await fresh();
      const before = await snapshot(issued);
      const run = await shred(issued, [...args(issued)]);
      expect(run.code, run.stderr).to.equal(2);
      expect(jsonError(run).message).to.contain(named);
      expect(await snapshot(issued)).to.deep.equal(before);
    });
  }

  it("refuses to shred while the issue run in the folder is unfinished (its staging holds keys)", async () => {
    const issued = await fresh();
    const journal = path.join(issued.out, "journal.jsonl");
    const lines = (await readFile(journal, "utf8"))
      .split("\n")
      .filter((l) => !l.includes('"completed"'));
    await writeFile(journal, lines.join("\n"));
    await mkdir(path.join(issued.out, ".staging"));
    const before = await snapshot(issued);
    const run = await shred(issued, ["--all"]);
    expect(run.code).to.equal(2);
    expect(jsonError(run).code).to.equal("RUN_INCOMPLETE");
    expect(await snapshot(issued)).to.deep.equal(before);
  });

  it("exits 3 when the Kubo node cannot be reached, and every key stays for a rerun", async () => {
    const issued = await fresh();
    const before = await snapshot(issued);
    const run = await runCli(
      ["--json", "shred", "--all", "--out", issued.out, "--kubo", "http://127.0.0.1:9"],
      {},
      root,
    );
    expect(run.code, run.stderr).to.equal(3);
    expect(jsonError(run).message).to.contain("Kubo RPC at http://127.0.0.1:9");
    expect(await snapshot(issued)).to.deep.equal(before);
  });

  it("asks for the pinning service's token before changing anything", async () => {
    const issued = await fresh();
    const run = await shred(issued, ["--all", "--pin-service", "http://127.0.0.1:9"]);
    expect(run.code).to.equal(2);
    expect(jsonError(run).message).to.contain("CREDANCHOR_PINNING_TOKEN");
  });

  it("names the pinning service --pin-service, as share, pin and deliver do, and still takes the old --pinning-service", async () => {
    const help = await runCli(["shred", "--help"]);
    expect(help.stdout).to.contain("--pin-service <url...>").and.not.contain("--pinning-service");
    const issued = await fresh();
    const before = await snapshot(issued);
    const run = await shred(issued, ["--all", "--pinning-service", "http://127.0.0.1:9"]);
    expect(run.code).to.equal(2);
    expect(jsonError(run).message).to.contain("--pin-service needs its access token");
    expect(await snapshot(issued)).to.deep.equal(before);
  });

  function layout(dir: string): Issued {
    const out = path.join(dir, "out");
    return {
      dir,
      out,
      ipfs: path.join(dir, "ipfs"),
      file: (id) => path.join(out, "credentials", `${id}.credential.json`),
    };
  }

  /** Every holder file's text and whether the node holds each copy and the manifest. */
  async function snapshot(issued: Issued) {
    const files = new Map<string, string>();
    for (const id of IDS) files.set(id, await readFile(issued.file(id), "utf8"));
    const held = new Map<string, boolean>();
    let manifestHeld = false;
    await withStore(issued, async (store) => {
      for (const id of IDS) held.set(id, await store.has(cids.get(id)!));
      manifestHeld = await store.has(manifestCid);
    });
    return { files, held, manifestHeld };
  }
});

/** What `credanchor issue` writes: a v2 file, its anchor proof first in the proof set. */
async function readCredential(file: string): Promise<CredanchorCredentialV2> {
  return JSON.parse(await readFile(file, "utf8")) as CredanchorCredentialV2;
}

function anchorProofOf(credential: CredanchorCredentialV2): AnchorProof {
  return credential.proof[0];
}

async function withStore<T>(
  issued: Issued,
  use: (store: Awaited<ReturnType<typeof createEmbeddedStore>>) => Promise<T>,
): Promise<T> {
  const store = await createEmbeddedStore({ directory: issued.ipfs });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
