// `credanchor deliver` as a registrar runs it: an output folder issued by `credanchor issue`, the
// registrar's own export as the recipients file, and a real SMTP server on 127.0.0.1 (smtp-server)
// whose received mail is read back with mailparser. Also a server failure mid-way, a dropped
// connection, a rerun that mails nobody twice, bad rows, and .eml files for a mail merge.
import { execFileSync } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "chai";
import jsQRModule from "jsqr";
import { simpleParser } from "mailparser";
import { PNG } from "pngjs";
import { QR_CONTENT_ID } from "../../src/delivery/composeMessage.ts";
import type { DeliveryReport } from "../../src/delivery/index.ts";
import { openShare, readShareLink, shareableCredential } from "../../src/share/index.ts";
import { createEmbeddedStore, openEnvelope } from "../../src/storage/index.ts";
import {
  attachmentOf,
  type MailServer,
  SMTP_PASSWORD,
  startMailServer,
} from "../delivery/mailServer.ts";
import { type IssuedFolder, issueFolder } from "../helpers/issuedFolder.ts";
import { runCli } from "../helpers/runCli.ts";
import { startPinningServiceStandIn } from "../storage/pinningServiceStandIn.ts";

// jsqr is CommonJS whose module.exports is the function, with a `default` pointing to itself.
const jsQR = jsQRModule.default;

/** What a phone's camera reads from a PNG: the QR code found and decoded. */
function decodeQr(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

const GRADUATES = 5;
const FROM = "Northwind Registry <registry@northwind-poly.example>";

describe("credanchor deliver", function () {
  this.timeout(120_000);
  let issued: IssuedFolder;
  let server: MailServer;

  before(async () => {
    issued = await issueFolder(GRADUATES);
    server = await startMailServer();
  });
  after(async () => {
    await server?.close();
    await issued?.remove();
  });
  beforeEach(() => {
    server.received.length = 0;
    server.failAt = undefined;
    server.dropAt = undefined;
    server.unknownMailboxes.clear();
  });

  const deliver = (out: string, ...extra: string[]) =>
    runCli(
      [
        "deliver",
        out,
        "--recipients",
        issued.export,
        "--id-column",
        "Student number",
        "--email-column",
        "Email",
        "--from",
        FROM,
        ...extra,
      ],
      { CREDANCHOR_SMTP_PASSWORD: SMTP_PASSWORD },
    );
  const report = async (out: string) =>
    JSON.parse(await readFile(join(out, "delivery-report.json"), "utf8")) as DeliveryReport;
  const receivedBy = (address: string) =>
    server.received.filter((m) => m.to.includes(address)).length;

  it("mails each graduate their own credential file, with how to keep and share it", async () => {
    const out = await issued.fresh("mailed");
    const run = await deliver(out, "--smtp", server.url, "--page-url", "https://verify.example/");
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include(`${GRADUATES} sent now`);
    expect(run.stderr).to.include(`mailing graduates: ${GRADUATES}/${GRADUATES}`);

    expect(server.received).to.have.length(GRADUATES);
    const { deliveries, complete } = await report(out);
    expect(complete).to.equal(true);
    for (const [id, address] of issued.addresses) {
      const mails = server.received.filter((m) => m.to.includes(address));
      expect(mails, address).to.have.length(1);
      const mail = mails[0]!;
      const file = await readFile(join(out, "credentials", `${id}.credential.json`));
      const attachment = attachmentOf(mail, `${id}.credential.json`);
      expect(attachment, id).to.not.equal(undefined);
      expect(attachment!.contentType).to.equal("application/json");
      expect(Buffer.compare(attachment!.content, file), id).to.equal(0);
      const credential = JSON.parse(file.toString("utf8"));
      const name = credential.credentialSubject.identifier[0].identityHash;
      expect(mail.parsed.subject).to.equal(
        `Your ${credential.credentialSubject.achievement.name} credential from Northwind Polytechnic`,
      );
      expect(mail.parsed.text).to.include(`Dear ${name},`);
      expect(mail.parsed.text).to.include("KEEP IT");
      expect(mail.parsed.text).to.include("https://verify.example/");
      expect(mail.parsed.from?.value[0]).to.include({
        name: "Northwind Registry",
        address: "registry@northwind-poly.example",
      });
      // The address stays out of the credential: only its salted hash is there.
      expect(file.toString("utf8")).to.not.include(address);
      const line = deliveries.find((d) => d.id === id)!;
      expect(line).to.include({ state: "sent", to: address, credentialId: credential.id });
      expect(mail.parsed.messageId).to.equal(line.messageId);
    }
  });

  it("carries each graduate's share link, its QR code and an Add-to-LinkedIn link", async () => {
    const out = await issued.fresh("shared");
    const ipfsDir = join(issued.dir, "share-ipfs");
    const run = await deliver(
      out,
      "--smtp",
      server.url,
      "--page-url",
      "https://verify.northwind-poly.example/",
      "--ipfs-dir",
      ipfsDir,
    );
    expect(run.code, run.stderr).to.equal(0);
    expect(server.received).to.have.length(GRADUATES);
    const { deliveries } = await report(out);
    const store = await createEmbeddedStore({ directory: ipfsDir });
    try {
      for (const [id, address] of issued.addresses) {
        const mail = server.received.find((m) => m.to.includes(address))!;
        const link = deliveries.find((d) => d.id === id)!.shareLink!;
        expect(link).to.match(/^https:\/\/verify\.northwind-poly\.example\/#cid=/);
        expect(link).to.not.include(address);
        expect(mail.parsed.text).to.include(`Your share link: ${link}`);
        expect(mail.parsed.html).to.include('alt="QR code of your share link"');
        // What a phone reads from the QR code is the link.
        const qr = attachmentOf(mail, `${id}.share-qr.png`)!;
        expect(qr).to.include({ contentType: "image/png", cid: QR_CONTENT_ID });
        expect(decodeQr(qr.content), id).to.equal(link);
        // The link opens the graduate's credential (without the issuer's copy key), stored sealed.
        const reference = readShareLink(link);
        if (reference?.kind !== "ipfs") throw new Error(`not an IPFS share link: ${link}`);
        const opened = openEnvelope(await store.get(reference.cid), reference.key);
        const file = JSON.parse(
          await readFile(join(out, "credentials", `${id}.credential.json`), "utf8"),
        );
        expect(JSON.parse(new TextDecoder().decode(opened))).to.deep.equal(
          shareableCredential(file),
        );
        const linkedIn = /Add it to your LinkedIn profile: (\S+)/.exec(mail.parsed.text ?? "")?.[1];
        const query = new URL(linkedIn!).searchParams;
        expect(query.get("certUrl")).to.equal(link);
        expect(query.get("organizationName")).to.equal("Northwind Polytechnic");
        expect(query.get("name")).to.equal(file.credentialSubject.achievement.name);
      }
    } finally {
      await store.close();
    }
    // A rerun mails nobody and still reports each graduate's link.
    const again = await deliver(out, "--smtp", server.url, "--page-url", "https://verify.example/");
    expect(again.code, again.stderr).to.equal(0);
    expect(server.received).to.have.length(GRADUATES);
    expect((await report(out)).deliveries.map((d) => [d.state, d.shareLink])).to.deep.equal(
      deliveries.map((d) => ["already-sent", d.shareLink]),
    );
  });

  it("has each graduate's copy pinned by a pinning service (stand-in), and unshare takes one down by its link", async () => {
    const pins = await startPinningServiceStandIn({ token: "pin-token" });
    try {
      const out = await issued.fresh("pinned");
      const run = await runCli(
        [
          "deliver",
          out,
          "--recipients",
          issued.export,
          "--id-column",
          "Student number",
          "--email-column",
          "Email",
          "--from",
          FROM,
          "--eml",
          join(issued.dir, "pinned-eml"),
          "--page-url",
          "https://verify.example/",
          "--ipfs-dir",
          join(issued.dir, "pinned-ipfs"),
          "--pin-service",
          pins.url,
        ],
        { CREDANCHOR_PINNING_TOKEN: "pin-token" },
      );
      expect(run.code, run.stderr).to.equal(0);
      const links = (await report(out)).deliveries.map((d) => d.shareLink!);
      const cids = links.map((link) => new URLSearchParams(link.split("#")[1]).get("cid"));
      expect([...pins.pins.values()].map((p) => p.cid)).to.have.members(cids);
      expect(pins.requests.every((r) => r.authorization === "Bearer pin-token")).to.equal(true);

      // An erasure request: the graduate's shared copy comes down by the link in the report.
      const [first] = (await report(out)).deliveries;
      const unshare = await runCli(
        [
          "unshare",
          first!.file,
          "--link",
          first!.shareLink!,
          "--ipfs-dir",
          join(issued.dir, "pinned-ipfs"),
          "--pin-service",
          pins.url,
        ],
        { CREDANCHOR_PINNING_TOKEN: "pin-token" },
      );
      expect(unshare.code, unshare.stderr).to.equal(0);
      expect([...pins.pins.values()].map((p) => p.cid)).to.have.members(cids.slice(1));
    } finally {
      await pins.close();
    }
  });

  it("records each delivered copy beside its holder file, so unshare <file> alone takes it down and unpins it", async () => {
    const pins = await startPinningServiceStandIn({ token: "pin-token" });
    try {
      const out = await issued.fresh("recorded");
      const ipfsDir = join(issued.dir, "recorded-ipfs");
      const run = await runCli(
        [
          "deliver",
          out,
          "--recipients",
          issued.export,
          "--id-column",
          "Student number",
          "--email-column",
          "Email",
          "--from",
          FROM,
          "--eml",
          join(issued.dir, "recorded-eml"),
          "--page-url",
          "https://verify.example/",
          "--ipfs-dir",
          ipfsDir,
          "--pin-service",
          pins.url,
        ],
        { CREDANCHOR_PINNING_TOKEN: "pin-token" },
      );
      expect(run.code, run.stderr).to.equal(0);
      const [first, second] = (await report(out)).deliveries;
      const cidOf = (link: string) => new URLSearchParams(link.split("#")[1]).get("cid")!;
      const recordFile = first!.file.replace(/\.json$/, ".shares.json");
      const recorded = JSON.parse(await readFile(recordFile, "utf8")) as Array<{
        cid: string;
        link: string;
        pinService?: { url: string };
      }>;
      expect(recorded.map((r) => [r.cid, r.link, r.pinService?.url])).to.deep.equal([
        [cidOf(first!.shareLink!), first!.shareLink, pins.url],
      ]);

      // The graduate's copy comes down by the holder file alone: no link, store or service given.
      const unshare = await runCli(["--json", "unshare", first!.file], {
        CREDANCHOR_PINNING_TOKEN: "pin-token",
      });
      expect(unshare.code, unshare.stderr).to.equal(0);
      expect(JSON.parse(unshare.stdout).unshared.map((u: { cid: string }) => u.cid)).to.deep.equal([
        cidOf(first!.shareLink!),
      ]);
      const pinned = [...pins.pins.values()].map((p) => p.cid);
      expect(pinned).to.not.include(cidOf(first!.shareLink!));
      expect(pinned).to.include(cidOf(second!.shareLink!));
      const store = await createEmbeddedStore({ directory: ipfsDir });
      try {
        expect(await store.has(cidOf(first!.shareLink!))).to.equal(false);
        expect(await store.has(cidOf(second!.shareLink!))).to.equal(true);
      } finally {
        await store.close();
      }
      await readFile(recordFile).then(
        () => expect.fail("the record of the delivered copy is still there"),
        (error: NodeJS.ErrnoException) => expect(error.code).to.equal("ENOENT"),
      );
    } finally {
      await pins.close();
    }
  });

  it("attaches a printable certificate whose QR code, printed, opens the share link", async () => {
    const out = await issued.fresh("certificate");
    const run = await deliver(
      out,
      "--smtp",
      server.url,
      "--page-url",
      "https://verify.northwind-poly.example/",
      "--ipfs-dir",
      join(issued.dir, "certificate-ipfs"),
      "--certificate",
    );
    expect(run.code, run.stderr).to.equal(0);
    const [id, address] = [...issued.addresses][0]!;
    const mail = server.received.find((m) => m.to.includes(address))!;
    const link = (await report(out)).deliveries.find((d) => d.id === id)!.shareLink!;
    const pdf = attachmentOf(mail, `${id}.certificate.pdf`)!;
    expect(pdf.contentType).to.equal("application/pdf");
    expect(pdf.content.subarray(0, 5).toString("latin1")).to.equal("%PDF-");
    expect(mail.parsed.text).to.include("A printable certificate is attached too");
    // Printed as a person would print it, then read by a phone's camera.
    const pdfFile = join(issued.dir, `${id}.certificate.pdf`);
    await writeFile(pdfFile, pdf.content);
    execFileSync("pdftoppm", [
      "-png",
      "-r",
      "150",
      "-f",
      "1",
      "-l",
      "1",
      pdfFile,
      join(issued.dir, id),
    ]);
    const page = (await readdir(issued.dir)).find(
      (f) => f.startsWith(`${id}-`) && f.endsWith(".png"),
    )!;
    expect(decodeQr(await readFile(join(issued.dir, page)))).to.equal(link);
  });

  it("without a store, the link carries the whole credential and no QR code is attached", async () => {
    const out = await issued.fresh("inline");
    const run = await deliver(out, "--smtp", server.url, "--page-url", "https://verify.example/");
    expect(run.code, run.stderr).to.equal(0);
    const [id, address] = [...issued.addresses][0]!;
    const mail = server.received.find((m) => m.to.includes(address))!;
    const link = /Your share link: (\S+)/.exec(mail.parsed.text ?? "")?.[1] ?? "";
    const reference = readShareLink(link);
    expect(reference?.kind).to.equal("inline");
    const file = JSON.parse(
      await readFile(join(out, "credentials", `${id}.credential.json`), "utf8"),
    );
    expect(JSON.parse(await openShare(reference!))).to.deep.equal(shareableCredential(file));
    expect(attachmentOf(mail, `${id}.share-qr.png`)).to.equal(undefined);
    expect(mail.parsed.attachments).to.have.length(1);
  });

  it("sends nothing new when run again, and a dry run says so first", async () => {
    const out = await issued.fresh("rerun");
    const dry = await deliver(out, "--smtp", server.url, "--dry-run");
    expect(dry.code, dry.stderr).to.equal(0);
    expect(dry.stdout).to.include(
      `Dry run for ${out} (nothing sent, stored or written): ${GRADUATES} would be sent`,
    );
    expect(server.received).to.have.length(0);
    const files = await readdir(out);
    expect(files).to.not.include("delivery.jsonl");
    expect(files).to.not.include("delivery-report.json");

    expect((await deliver(out, "--smtp", server.url)).code).to.equal(0);
    expect(server.received).to.have.length(GRADUATES);

    const again = await deliver(out, "--smtp", server.url);
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout).to.include(`0 sent now, ${GRADUATES} sent before`);
    expect(server.received).to.have.length(GRADUATES);
    const { counts, resumed } = await report(out);
    expect(resumed).to.equal(true);
    expect(counts["already-sent"]).to.equal(GRADUATES);

    const [id] = [...issued.addresses.keys()];
    const dryResend = await deliver(out, "--smtp", server.url, "--dry-run", "--resend", id!);
    expect(dryResend.stdout).to.include(`1 would be sent, ${GRADUATES - 1} sent before`);
    expect(server.received).to.have.length(GRADUATES);
  });

  it("stops when the server fails mid-way, and a rerun completes with nobody mailed twice", async () => {
    const out = await issued.fresh("failure");
    server.failAt = 3;
    const stopped = await deliver(out, "--smtp", server.url);
    expect(stopped.code, stopped.stderr).to.equal(3);
    expect(stopped.stderr).to.match(/Delivery stopped: .*451 Service busy/);
    expect(stopped.stderr).to.include("run the same command again");
    expect(server.received).to.have.length(2);
    const first = await report(out);
    expect(first.counts).to.include({ sent: 2, failed: 1, "not-sent": GRADUATES - 3 });
    expect(first.stoppedBy).to.include("451");

    server.failAt = undefined;
    const rerun = await deliver(out, "--smtp", server.url);
    expect(rerun.code, rerun.stderr).to.equal(0);
    expect(server.received).to.have.length(GRADUATES);
    for (const address of issued.addresses.values()) {
      expect(receivedBy(address), address).to.equal(1);
    }
    const second = await report(out);
    expect(second.counts).to.include({ sent: GRADUATES - 2, "already-sent": 2 });
    expect(second.complete).to.equal(true);
  });

  it("goes on past an address the server does not know, and tries it again on the next run", async () => {
    const out = await issued.fresh("unknown-mailbox");
    const [id, address] = [...issued.addresses][1]!;
    server.unknownMailboxes.add(address);
    const run = await deliver(out, "--smtp", server.url);
    expect(run.code, run.stderr).to.equal(0);
    expect(server.received).to.have.length(GRADUATES - 1);
    const first = await report(out);
    expect(first.complete).to.equal(false);
    expect(first.counts).to.include({ sent: GRADUATES - 1, failed: 1 });
    const refused = first.deliveries.find((d) => d.id === id)!;
    expect(refused).to.include({ state: "failed", to: address });
    expect(refused.response).to.include("550");
    expect(run.stdout).to.include("No such mailbox");

    server.unknownMailboxes.clear(); // the graduate's mailbox exists now (or the row was fixed)
    const rerun = await deliver(out, "--smtp", server.url);
    expect(rerun.code, rerun.stderr).to.equal(0);
    expect(server.received.map((m) => m.to[0])).to.have.members([...issued.addresses.values()]);
    expect((await report(out)).complete).to.equal(true);
  });

  it("never resends on its own a message the connection dropped in flight; --resend does", async () => {
    const out = await issued.fresh("dropped");
    server.dropAt = 2;
    const stopped = await deliver(out, "--smtp", server.url);
    expect(stopped.code, stopped.stderr).to.equal(3);
    expect(server.received).to.have.length(2); // the server had the second one
    const first = await report(out);
    const uncertain = first.deliveries.filter((d) => d.state === "uncertain");
    expect(uncertain).to.have.length(1);
    expect(uncertain[0]!.reason).to.include(uncertain[0]!.messageId!);
    expect(server.received[1]!.parsed.messageId).to.equal(uncertain[0]!.messageId);

    server.dropAt = undefined;
    const rerun = await deliver(out, "--smtp", server.url);
    expect(rerun.code, rerun.stderr).to.equal(0);
    expect(rerun.stdout).to.include("Uncertain:");
    for (const address of issued.addresses.values()) {
      expect(receivedBy(address), address).to.equal(1);
    }
    expect((await report(out)).counts).to.include({ uncertain: 1 });

    const resent = await deliver(out, "--smtp", server.url, "--resend", uncertain[0]!.id);
    expect(resent.code, resent.stderr).to.equal(0);
    expect(receivedBy(uncertain[0]!.to!)).to.equal(2);
    expect(server.received).to.have.length(GRADUATES + 1);
    expect((await report(out)).complete).to.equal(true);
  });

  it("names every unusable row and sends nothing; --skip-invalid mails the others", async () => {
    const out = await issued.fresh("bad-rows");
    const ids = [...issued.addresses.keys()];
    const recipients = join(issued.dir, "bad-recipients.csv");
    await writeFile(
      recipients,
      [
        "id,email",
        `${ids[0]},${issued.addresses.get(ids[0]!)}`,
        `${ids[1]},not-an-address`,
        `${ids[2]},${issued.addresses.get(ids[3]!)}`, // another graduate's address
        `${ids[3]},${issued.addresses.get(ids[3]!)}`,
        "",
      ].join("\n"),
    );
    const args = ["deliver", out, "--recipients", recipients, "--from", FROM, "--smtp", server.url];
    const env = { CREDANCHOR_SMTP_PASSWORD: SMTP_PASSWORD };
    const refused = await runCli(args, env);
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.include(
      `line 3 (${ids[1]}): "not-an-address" is not an e-mail address`,
    );
    expect(refused.stderr).to.include(`line 4 (${ids[2]}):`);
    expect(refused.stderr).to.include("is not the hashed address");
    expect(refused.stderr).to.include(`no row of ${recipients} has id ${ids[4]}`);
    expect(refused.stderr).to.include("[RECIPIENTS_UNUSABLE]");
    expect(server.received).to.have.length(0);

    const skipping = await runCli([...args, "--skip-invalid"], env);
    expect(skipping.code, skipping.stderr).to.equal(0);
    expect(server.received.map((m) => m.to[0])).to.have.members([
      issued.addresses.get(ids[0]!),
      issued.addresses.get(ids[3]!),
    ]);
    const { counts, deliveries } = await report(out);
    expect(counts).to.include({ sent: 2, skipped: 3 });
    expect(deliveries.find((d) => d.id === ids[2])).to.include({ state: "skipped" });

    // Another address of the same graduate (a personal one, after graduation) is sent to when
    // the registrar says so.
    const personal = join(issued.dir, "personal-recipients.csv");
    await writeFile(
      personal,
      `id,email
${ids[2]},graduate.${ids[2]}@personal.example
`,
    );
    const other = await runCli(
      [...args.slice(0, 3), personal, ...args.slice(4), "--skip-invalid", "--no-address-check"],
      env,
    );
    expect(other.code, other.stderr).to.equal(0);
    expect(server.received.map((m) => m.to[0])).to.include(`graduate.${ids[2]}@personal.example`);
    const last = await report(out);
    expect(last.deliveries.find((d) => d.id === ids[2])).to.include({ state: "sent" });
    // Those without a row this time were mailed before, and the report says so.
    expect(last.deliveries.find((d) => d.id === ids[0])).to.include({
      state: "already-sent",
      to: issued.addresses.get(ids[0]!),
    });
    expect(last.counts).to.include({ sent: 1, "already-sent": 2, skipped: 2 });
    expect(last.complete).to.equal(false);
  });

  it("names the option at fault before reading anything", async () => {
    const out = issued.out;
    const cases: Array<[string[], string]> = [
      [["--smtp", server.url, "--eml", issued.dir], "Give one of --smtp <url> (send) and --eml"],
      [[], "Give one of --smtp <url> (send) and --eml"],
      [["--smtp", "http://mail.example"], "is not an SMTP URL"],
      [["--eml", issued.dir, "--page-url", "verify.example"], '--page-url "verify.example"'],
      [["--eml", issued.dir, "--pin-service", "https://pins.example"], "give --page-url"],
      [["--eml", issued.dir, "--font", "serif.ttf"], "give --certificate too"],
    ];
    for (const [args, message] of cases) {
      const run = await deliver(out, ...args);
      expect(run.code, args.join(" ")).to.equal(2);
      expect(run.stderr, args.join(" ")).to.include(message);
    }
    const badFrom = await runCli([
      "deliver",
      out,
      "--recipients",
      issued.export,
      "--from",
      "Registry",
      "--eml",
      issued.dir,
    ]);
    expect(badFrom.stderr).to.include('--from "Registry" is not an e-mail address');
    expect(server.received).to.have.length(0);
  });

  it("refuses a wrong SMTP password before sending anything", async () => {
    const out = await issued.fresh("wrong-password");
    const run = await runCli(
      [
        "deliver",
        out,
        "--recipients",
        issued.export,
        "--id-column",
        "Student number",
        "--email-column",
        "Email",
        "--from",
        FROM,
        "--smtp",
        server.url,
      ],
      { CREDANCHOR_SMTP_PASSWORD: "wrong" },
    );
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include("refused the login");
    expect(run.stderr).to.include("[MAIL_LOGIN_FAILED]");
    expect(server.received).to.have.length(0);
  });

  it("writes one .eml per graduate and a mail-merge CSV for registrars who send mail themselves", async () => {
    const out = await issued.fresh("eml");
    const emlDir = join(issued.dir, "eml");
    const run = await deliver(
      out,
      "--eml",
      emlDir,
      "--page-url",
      "https://verify.example/",
      "--ipfs-dir",
      join(issued.dir, "eml-ipfs"),
    );
    expect(run.code, run.stderr).to.equal(0);
    expect(server.received).to.have.length(0);
    const files = (await readdir(emlDir)).filter((f) => f.endsWith(".eml")).sort();
    expect(files).to.deep.equal([...issued.addresses.keys()].map((id) => `${id}.eml`).sort());
    for (const [id, address] of issued.addresses) {
      const mail = await simpleParser(await readFile(join(emlDir, `${id}.eml`)));
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").to.equal(address);
      const attachment = mail.attachments.find((a) => a.filename === `${id}.credential.json`);
      const file = await readFile(join(out, "credentials", `${id}.credential.json`));
      expect(Buffer.compare(attachment!.content, file), id).to.equal(0);
    }
    const merge = (await readFile(join(emlDir, "mail-merge.csv"), "utf8")).trim().split("\r\n");
    expect(merge[0]).to.equal(
      "id,email,name,subject,share_link,credential_file,qr_file,certificate_file,eml_file",
    );
    expect(merge).to.have.length(GRADUATES + 1);
    const [id, address] = [...issued.addresses][0]!;
    const row = merge.find((l) => l.startsWith(`${id},`))!.split(",");
    const { deliveries, counts } = await report(out);
    const link = deliveries.find((d) => d.id === id)!.shareLink!;
    expect(row.slice(0, 2)).to.deep.equal([id, address]);
    expect(row[4]).to.equal(link);
    expect(row[5]).to.equal(join(out, "credentials", `${id}.credential.json`));
    expect(decodeQr(await readFile(row[6]!))).to.equal(link);
    expect(row[7]).to.equal("");
    expect(row[8]).to.equal(join(emlDir, `${id}.eml`));
    expect(counts.written).to.equal(GRADUATES);
  });
});
