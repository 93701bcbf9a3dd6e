// `credanchor share` and `unshare` run as a holder runs them, on credential files on disk: the
// link printed opens back to the credential (inline, or through a trustless gateway in front of
// the node the copy went to), the QR code written decodes to that link, unshare takes the copy
// down. The Kubo node is the Kubo RPC stand-in and the pinning service the Pinning Service API
// stand-in (test doubles: neither can run here); the gateway is test/share/localGateway.ts.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import {
  attachAnchor,
  buildCredential,
  type CredanchorCredential,
  verifyIntegrity,
} from "../../src/credential/index.ts";
import { openShare, readShareLink } from "../../src/share/index.ts";
import { createEmbeddedStore } from "../../src/storage/index.ts";
import { context, fullRecord } from "../credential/support.ts";
import { type LocalGateway, startLocalGateway } from "../share/localGateway.ts";
import { type KuboRpcStandIn, startKuboRpcStandIn } from "../storage/kuboRpcStandIn.ts";
import {
  type PinningServiceStandIn,
  startPinningServiceStandIn,
} from "../storage/pinningServiceStandIn.ts";
import { type CliResult, jsonError, jsonOf, runCli } from "./support.ts";

const jsQR = jsQRModule.default;
const PAGE = "https://verify.northwind-poly.example/";
const TOKEN = "holder-token";

type ShareResult = {
  link: string;
  kind: "inline" | "ipfs";
  cid?: string;
  record?: string;
  linkedIn: string;
  revealed: string[];
  hidden: string[];
  pinService?: { url: string; requestid: string };
};

describe("credanchor share and unshare (holder)", function () {
  this.timeout(60_000);
  let dir: string;
  let file: string;
  let credential: CredanchorCredential;
  let kubo: KuboRpcStandIn;
  let gateway: LocalGateway;
  let pins: PinningServiceStandIn;

  const cli = (args: string[], env: Record<string, string> = {}): Promise<CliResult> =>
    runCli(args, { CREDANCHOR_PINNING_TOKEN: TOKEN, ...env }, dir);

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "credanchor-share-"));
    credential = attachAnchor(buildCredential({ record: fullRecord, index: 2, context }), {
      merkleRoot: `0x${"11".repeat(32)}`,
      merkleProof: [`0x${"33".repeat(32)}`],
      transactionHash: `0x${"22".repeat(32)}`,
    });
    credential = {
      ...credential,
      proof: {
        ...(credential.proof as object),
        encryptedCopy: {
          cid: "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy",
          key: `0x${"ab".repeat(32)}`,
        },
      },
    } as CredanchorCredential;
    file = path.join(dir, "S-2.credential.json");
    await writeFile(file, JSON.stringify(credential, null, 2));
    kubo = await startKuboRpcStandIn();
    gateway = await startLocalGateway(kubo.blocks);
    pins = await startPinningServiceStandIn({ token: TOKEN });
  });

  after(async () => {
    await Promise.all([kubo?.close(), gateway?.close(), pins?.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it("prints a link with the credential inside, which opens to it without the issuer's copy key", async () => {
    const run = await cli(["--json", "share", file, "--page-url", PAGE, "--inline"]);
    expect(run.code, run.stderr).to.equal(0);
    const shared = jsonOf<ShareResult>(run);
    expect(shared.kind).to.equal("inline");
    const opened = JSON.parse(await openShare(readShareLink(shared.link)!));
    expect(opened.id).to.equal(credential.id);
    expect(opened.proof.encryptedCopy).to.equal(undefined);
    expect(verifyIntegrity(opened).ok).to.equal(true);
    expect(shared.revealed).to.include("/credentialSubject/identifier/0/identityHash");
  });

  it("stores an encrypted copy on Kubo, writes a QR code of the link, and the link opens through a gateway", async () => {
    const qr = path.join(dir, "share.png");
    const run = await cli([
      "--json",
      "share",
      file,
      "--page-url",
      PAGE,
      "--reveal",
      "/credentialSubject/result",
      "--kubo",
      kubo.url,
      "--gateway",
      gateway.url,
      "--qr",
      qr,
    ]);
    expect(run.code, run.stderr).to.equal(0);
    const shared = jsonOf<ShareResult>(run);
    expect(shared.kind).to.equal("ipfs");
    expect(shared.link).to.match(/#cid=b[a-z2-7]+&k=[\w-]{43}&gw=/);
    expect(kubo.pins.has(shared.cid!)).to.equal(true);
    // What Kubo holds is ciphertext: no claim of the credential is in it.
    for (const block of kubo.blocks.values()) {
      expect(Buffer.from(block).toString("latin1")).to.not.include(fullRecord.holderName);
    }
    const image = PNG.sync.read(await readFile(qr));
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).to.equal(
      shared.link,
    );
    const opened = JSON.parse(await openShare(readShareLink(shared.link)!, { gateways: [] }));
    expect(opened.id).to.equal(credential.id);
    expect(opened.credentialSubject.identifier).to.equal(undefined);
    expect(opened.credentialSubject.result).to.deep.equal(credential.credentialSubject.result);
    expect(shared.hidden).to.include("/credentialSubject/identifier/0/identityHash");
    const record = JSON.parse(await readFile(shared.record!, "utf8"));
    expect(record.map((r: { cid: string }) => r.cid)).to.deep.equal([shared.cid]);
  });

  it("writes a printable certificate whose printed QR code reads back as the link", async () => {
    const pdf = path.join(dir, "certificate.pdf");
    const run = await cli([
      "--json",
      "share",
      file,
      "--page-url",
      PAGE,
      "--ipfs",
      "--kubo",
      kubo.url,
      "--gateway",
      gateway.url,
      "--pdf",
      pdf,
    ]);
    expect(run.code, run.stderr).to.equal(0);
    const { link } = jsonOf<ShareResult>(run);
    expect((await readFile(pdf)).subarray(0, 5).toString()).to.equal("%PDF-");
    // Printed as a person would print it (poppler's pdftoppm), then read by a QR decoder.
    await new Promise<void>((resolve, reject) =>
      execFile(
        "pdftoppm",
        ["-png", "-r", "150", "-singlefile", "-f", "1", "-l", "1", pdf, path.join(dir, "printed")],
        (error) => (error === null ? resolve() : reject(error)),
      ),
    );
    const image = PNG.sync.read(await readFile(path.join(dir, "printed.png")));
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).to.equal(link);
  });

  it("gives a LinkedIn link with the achievement, the issuer and the share link", async () => {
    const run = await cli(["--json", "share", file, "--page-url", PAGE, "--inline"]);
    const shared = jsonOf<ShareResult>(run);
    const linkedIn = new URL(shared.linkedIn);
    expect(linkedIn.searchParams.get("name")).to.equal(fullRecord.achievement.name);
    expect(linkedIn.searchParams.get("organizationName")).to.equal(context.issuerProfile.name);
    expect(linkedIn.searchParams.get("certUrl")).to.equal(shared.link);
    expect(linkedIn.searchParams.get("certId")).to.equal(credential.id);
  });

  it("has a pinning service pin the copy, and unshare deletes the pin, takes the copy down and forgets its key", async () => {
    const run = await cli([
      "--json",
      "share",
      file,
      "--page-url",
      PAGE,
      "--ipfs",
      "--kubo",
      kubo.url,
      "--gateway",
      gateway.url,
      "--pin-service",
      pins.url,
    ]);
    expect(run.code, run.stderr).to.equal(0);
    const shared = jsonOf<ShareResult>(run);
    expect([...pins.pins.values()].map((p) => p.cid)).to.include(shared.cid);
    expect(pins.requests.at(-1)?.authorization).to.equal(`Bearer ${TOKEN}`);

    // No --kubo: the copy is taken down from the node the record says it went to.
    const undo = await cli(["unshare", file]);
    expect(undo.code, undo.stderr).to.equal(0);
    expect(undo.stdout).to.include("cannot reach what was already seen");
    expect([...pins.pins.values()].map((p) => p.cid)).to.not.include(shared.cid);
    expect(kubo.pins.has(shared.cid!)).to.equal(false);
    try {
      await openShare(readShareLink(shared.link)!, { gateways: [] });
      expect.fail("the copy is still served");
    } catch (error) {
      expect((error as { code?: string }).code).to.equal("STORAGE_CONTENT_NOT_FOUND");
    }
    // Every key is forgotten: the record of shared copies is gone.
    await readFile(shared.record!).then(
      () => expect.fail("the record of shared copies is still there"),
      (error: NodeJS.ErrnoException) => expect(error.code).to.equal("ENOENT"),
    );
  });

  it("stores the copy on the embedded node by default, and unshare deletes it there", async () => {
    const ipfsDir = path.join(dir, "ipfs");
    const run = await cli([
      "--json",
      "share",
      file,
      "--page-url",
      PAGE,
      "--ipfs",
      "--ipfs-dir",
      ipfsDir,
    ]);
    expect(run.code, run.stderr).to.equal(0);
    const { cid } = jsonOf<ShareResult>(run);
    const hasCopy = async () => {
      const store = await createEmbeddedStore({ directory: ipfsDir });
      try {
        return await store.has(cid!);
      } finally {
        await store.close();
      }
    };
    expect(await hasCopy()).to.equal(true);
    const undo = await cli(["--json", "unshare", file, "--ipfs-dir", ipfsDir]);
    expect(undo.code, undo.stderr).to.equal(0);
    expect(
      jsonOf<{ unshared: Array<{ cid: string }> }>(undo).unshared.map((u) => u.cid),
    ).to.deep.equal([cid]);
    expect(await hasCopy()).to.equal(false);
  });

  it("says an inline link cannot be unshared", async () => {
    const undo = await cli(["unshare", file, "--kubo", kubo.url]);
    expect(undo.code, undo.stderr).to.equal(0);
    expect(undo.stdout).to.include("cannot be unshared");
  });

  it("asks for the verifier page, and takes it from CREDANCHOR_PAGE_URL", async () => {
    const missing = await cli(["--json", "share", file, "--inline"]);
    expect(missing.code).to.equal(2);
    expect(jsonError(missing).message).to.include("--page-url");
    const fromEnv = await cli(["--json", "share", file, "--inline"], {
      CREDANCHOR_PAGE_URL: PAGE,
    });
    expect(jsonOf<ShareResult>(fromEnv).link.startsWith(`${PAGE}#c=`)).to.equal(true);
  });

  it("refuses a QR code file that is neither .svg nor .png, and a link too long for a QR code", async () => {
    const badExt = await cli(["--json", "share", file, "--page-url", PAGE, "--qr", "code.jpg"]);
    expect(badExt.code).to.equal(2);
    expect(jsonError(badExt).message).to.include("--qr");
    const tooLong = await cli([
      "--json",
      "share",
      file,
      "--page-url",
      PAGE,
      "--inline",
      "--qr",
      path.join(dir, "long.svg"),
    ]);
    expect(tooLong.code, tooLong.stderr).to.equal(2);
    expect(jsonError(tooLong).message).to.include("--ipfs");
  });

  it("pin: has the service keep an output folder's manifests and encrypted copies, once each", async () => {
    const folder = path.join(dir, "issued");
    await mkdir(path.join(folder, "credentials"), { recursive: true });
    const manifestCid = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
    const copies = [
      "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e",
      "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy",
    ];
    for (const [i, cid] of copies.entries()) {
      const proof = credential.proof as unknown as Record<string, unknown>;
      const holderFile = {
        ...credential,
        id: `urn:uuid:00000000-0000-4000-8000-00000000000${i}`,
        proof: {
          ...proof,
          anchor: { ...(proof.anchor as object), manifestCid },
          encryptedCopy: { cid, key: `0x${"cd".repeat(32)}` },
        },
      };
      await writeFile(
        path.join(folder, "credentials", `S-${i}.credential.json`),
        JSON.stringify(holderFile),
      );
    }
    const first = await cli(["--json", "pin", folder, "--pin-service", pins.url]);
    expect(first.code, first.stderr).to.equal(0);
    expect(jsonOf<{ asked: string[] }>(first).asked).to.deep.equal([manifestCid, ...copies]);
    const pinned = [...pins.pins.values()];
    expect(pinned.map((p) => p.cid).sort()).to.include.members([manifestCid, ...copies]);
    expect(JSON.stringify(pinned)).to.not.include(fullRecord.holderName);
    const again = await cli(["--json", "pin", folder, "--pin-service", pins.url]);
    const second = jsonOf<{ asked: string[]; alreadyPinned: string[] }>(again);
    expect(second.asked).to.deep.equal([]);
    expect(second.alreadyPinned).to.deep.equal([manifestCid, ...copies]);
  });

  it("asks for the pinning service's token before storing anything", async () => {
    const run = await runCli(
      [
        "--json",
        "share",
        file,
        "--page-url",
        PAGE,
        "--ipfs",
        "--kubo",
        kubo.url,
        "--pin-service",
        pins.url,
      ],
      {},
      dir,
    );
    expect(run.code).to.equal(2);
    expect(jsonError(run).message).to.include("CREDANCHOR_PINNING_TOKEN");
  });
});
