// `credanchor deliver`: a registrar hands an issue run's holder files to the graduates, through
// the mail server it already has (--smtp) or as .eml files and a mail-merge CSV (--eml), over
// src/delivery. Addresses come from a recipients CSV kept beside the run, never from a
// credential. Rerunning the same command after a stop carries on without mailing anyone twice.
// Each encrypted copy a share link names is recorded beside the holder file, as `share` records
// its own, so `credanchor unshare <file>` takes it down.
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import type { Delivery, ShareForMessage } from "../../delivery/index.ts";
import { CredanchorError } from "../../errors.ts";
import type { PinningServiceClient } from "../../storage/index.ts";
import { openContentStore } from "../context.ts";
import { optionalPageUrl, PAGE_URL_VARIABLE } from "../pageUrl.ts";
import { PINNING_TOKEN_VARIABLE, pinningServiceOf } from "../pinningService.ts";
import {
  recordedStoreOf,
  type ShareRecord,
  saveShareRecord,
  shareRecordFileOf,
} from "../shareRecords.ts";
import { outputOf } from "./report.ts";

interface DeliverCommandOptions {
  recipients: string;
  idColumn?: string;
  emailColumn?: string;
  smtp?: string;
  eml?: string;
  from: string;
  replyTo?: string;
  subject?: string;
  pageUrl?: string;
  ipfsDir?: string;
  kubo?: string;
  gateway?: string[];
  pinService?: string;
  skipInvalid?: boolean;
  addressCheck?: boolean;
  dryRun?: boolean;
  certificate?: boolean;
  font?: string;
  resend?: string[];
  progress?: boolean;
}

export function register(program: Command): void {
  program
    .command("deliver <out>")
    .description(
      "issuer: send each graduate of an issue run's output folder their credential file by e-mail (with how to keep and share it), through an SMTP server or as .eml files with a mail-merge CSV; a rerun carries on and never mails anyone twice",
    )
    .requiredOption(
      "--recipients <csv>",
      "CSV with each graduate's holder file id and e-mail address (the issue export itself will do: see --id-column, --email-column); addresses never go into a credential",
    )
    .option("--id-column <name>", "column of the holder file id (<id>.credential.json)", "id")
    .option("--email-column <name>", "column of the e-mail address", "email")
    .option(
      "--smtp <url>",
      "send through this server: smtp://user@host:587 (STARTTLS) or smtps://user@host:465; password in CREDANCHOR_SMTP_PASSWORD",
    )
    .option(
      "--eml <folder>",
      "instead of sending, write one .eml file per graduate and mail-merge.csv into this folder",
    )
    .requiredOption("--from <address>", 'sender, e.g. "Registry <registry@uni.example>"')
    .option("--reply-to <address>", "where graduates' replies go")
    .option("--subject <text>", "subject line; {achievement}, {issuer} and {name} are filled in")
    .option(
      "--page-url <url>",
      `the verifier page share links open (e.g. https://verify.uni.example/; default ${PAGE_URL_VARIABLE}): each message then carries the graduate's share link, its QR code and an Add-to-LinkedIn link`,
    )
    .option(
      "--ipfs-dir <dir>",
      "store each share link's encrypted copy on this embedded IPFS node, so the link is short enough for a QR code (without a store the link carries the whole credential: no QR code)",
    )
    .option("--kubo <url>", "store the encrypted copies on a Kubo node's RPC API instead")
    .option("--gateway <urls...>", "trustless gateways share links name for their copies")
    .option(
      "--pin-service <url>",
      `have this IPFS Pinning Service API endpoint pin each copy, so the links open from the public network (token in ${PINNING_TOKEN_VARIABLE})`,
    )
    .option(
      "--skip-invalid",
      "mail the usable rows and report the others (default: they stop the run)",
    )
    .option(
      "--certificate",
      "attach each graduate's printable PDF certificate (the default template), with their share link and its QR code when there is one",
    )
    .option(
      "--font <file>",
      "with --certificate: a TrueType/OpenType font for names the standard PDF fonts cannot print (Ł, Cyrillic, CJK…)",
    )
    .option(
      "--no-address-check",
      "send to addresses other than the e-mail identifier the credentials were issued to (e.g. personal addresses after graduation)",
    )
    .option(
      "--resend <ids...>",
      "mail these graduates again although the journal says sent (a corrected address, a lost message)",
    )
    .option(
      "--dry-run",
      "check the recipients and the journal and list who would be mailed; send, store and write nothing",
    )
    .option("--no-progress", "no progress on stderr")
    .action(async (outDir: string, options: DeliverCommandOptions, command: Command) => {
      const out = outputOf(command);
      if ((options.smtp === undefined) === (options.eml === undefined)) {
        throw new CredanchorError(
          options.smtp === undefined ? "OPTION_MISSING" : "OPTION_CONFLICT",
          "Give one of --smtp <url> (send) and --eml <folder> (write .eml files to send yourself).",
          { options: ["--smtp", "--eml"] },
        );
      }
      options.pageUrl = optionalPageUrl(options.pageUrl);
      if (options.font !== undefined && options.certificate !== true) {
        throw new CredanchorError(
          "OPTION_MISSING",
          "--font is the certificate's font: give --certificate too.",
          { option: "--font" },
        );
      }
      if (options.pageUrl === undefined) {
        for (const [given, option] of [
          [options.pinService, "--pin-service"],
          [options.gateway, "--gateway"],
        ] as const) {
          if (given !== undefined) {
            throw new CredanchorError(
              "OPTION_MISSING",
              `${option} is about share links: give --page-url, the verifier page they open.`,
              { option },
            );
          }
        }
      }
      const delivery = await import("../../delivery/index.ts");
      if (!delivery.isMailAddress(/<([^>]*)>\s*$/.exec(options.from)?.[1] ?? options.from.trim())) {
        throw new CredanchorError(
          "OPTION_INVALID",
          `--from "${options.from}" is not an e-mail address (e.g. "Registry <registry@uni.example>").`,
          { option: "--from", value: options.from },
        );
      }
      const recipients = await delivery.readRecipients(options.recipients, {
        id: options.idColumn,
        email: options.emailColumn,
      });
      const progress = new DeliveryProgress(
        process.stderr,
        options.progress !== false && !out.json,
      );
      const destination =
        options.smtp !== undefined
          ? {
              kind: "smtp" as const,
              sender: delivery.smtpSender(
                options.smtp,
                process.env[delivery.SMTP_PASSWORD_VARIABLE],
              ),
            }
          : { kind: "eml" as const, dir: options.eml! };
      let report: Awaited<ReturnType<typeof delivery.deliverCredentials>>;
      const sharer =
        options.pageUrl === undefined || options.dryRun === true
          ? undefined
          : await openSharer(options);
      try {
        report = await delivery.deliverCredentials({
          outDir,
          recipients,
          destination,
          message: {
            from: options.from,
            ...(options.replyTo === undefined ? {} : { replyTo: options.replyTo }),
            ...(options.subject === undefined ? {} : { subject: options.subject }),
            ...(options.pageUrl === undefined ? {} : { pageUrl: options.pageUrl }),
          },
          ...(sharer === undefined ? {} : { share: sharer.share }),
          ...(options.certificate === true && options.dryRun !== true
            ? { certificate: await certificateMaker(options.font) }
            : {}),
          dryRun: options.dryRun === true,
          skipInvalid: options.skipInvalid === true,
          checkAddresses: options.addressCheck !== false,
          resend: options.resend ?? [],
          onEvent: (event) => progress.show(event),
        });
      } catch (error) {
        if (error instanceof delivery.RecipientsUnusableError && !out.json) {
          for (const problem of error.problems) {
            process.stderr.write(`  ${delivery.describeRecipientProblem(problem)}\n`);
          }
        }
        throw error;
      } finally {
        if (destination.kind === "smtp") destination.sender.close();
        await sharer?.close();
      }
      out.result(report, delivery.formatDeliveryReport);
      if (report.stoppedBy !== null) {
        throw new delivery.MailServerError(
          "MAIL_SERVER_UNREACHABLE",
          `Delivery stopped: ${report.stoppedBy}. ${report.counts.sent} sent by this run; run the same command again later to send the other ${report.counts["not-sent"] + report.counts.failed} (nobody is mailed twice).`,
          { report: report.outDir },
        );
      }
    });
}

/** Draws a graduate's certificate as a PDF (the certificate template and PDF), with the share link's QR code. */
async function certificateMaker(
  fontFile: string | undefined,
): Promise<(delivery: Delivery, share: ShareForMessage | undefined) => Promise<Uint8Array>> {
  const { credentialCertificatePdf } = await import("../../certificate/certificatePdf.ts");
  const { qrSvg } = await import("../qrCode.ts");
  let font: Uint8Array | undefined;
  if (fontFile !== undefined) {
    try {
      font = await readFile(fontFile);
    } catch (error) {
      throw new CredanchorError(
        "FILE_UNREADABLE",
        `--font ${fontFile}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
        { option: "--font", file: fontFile },
      );
    }
  }
  return certificateOf;

  async function certificateOf(
    delivery: Delivery,
    share: ShareForMessage | undefined,
  ): Promise<Uint8Array> {
    const { pdf } = await credentialCertificatePdf(delivery.credential, {
      source: delivery.file,
      ...(font === undefined ? {} : { font }),
      // A link too long for the message's QR code (an inline credential) is printed, with no code.
      ...(share === undefined ? {} : { link: share.link }),
      ...(share?.qrPng === undefined ? {} : { qrSvg: await qrSvg(share.link, { margin: 2 }) }),
    });
    return pdf;
  }
}

/**
 * Makes each graduate's share link (shareLink over the page URL), its QR code and LinkedIn
 * link. With a store, the link names an encrypted copy and fits a QR code; without one it
 * carries the whole credential (4 to 5 kB: fine in a browser, too long for a QR code).
 */
async function openSharer(
  options: DeliverCommandOptions,
): Promise<{ share: (delivery: Delivery) => Promise<ShareForMessage>; close(): Promise<void> }> {
  const {
    DEFAULT_MAX_LINK_LENGTH,
    linkedInAddUrl,
    linkedInCertificationOf,
    readShareLink,
    shareLink,
  } = await import("../../share/index.ts");
  const { qrPng } = await import("../qrCode.ts");
  const pinning = pinningOf(options);
  const store =
    options.ipfsDir === undefined && options.kubo === undefined
      ? undefined
      : await openContentStore(options);
  const pageUrl = options.pageUrl!;
  return {
    async share(delivery) {
      const link = await shareLink(delivery.credential, {
        pageUrl,
        kind: store === undefined ? "inline" : "auto",
        ...(store === undefined ? {} : { store }),
        gateways: options.gateway ?? [],
      });
      const reference = readShareLink(link);
      const cid = reference?.kind === "ipfs" ? reference.cid : undefined;
      if (cid !== undefined) {
        // Recorded beside the holder file, as `share` does, so `unshare <file>` finds the copy;
        // recorded before the pin is asked for, so a copy stored never lacks its record.
        const recordFile = shareRecordFileOf(delivery.file);
        const record: ShareRecord = {
          cid,
          link,
          created: new Date().toISOString(),
          store: recordedStoreOf(options),
        };
        await saveShareRecord(recordFile, record);
        if (pinning !== undefined) {
          const request = await pinning.client.addPin(cid, {
            name: `credanchor shared credential ${delivery.id}`,
          });
          const pinService = { url: pinning.url, requestid: request.requestid };
          await saveShareRecord(recordFile, { ...record, pinService });
        }
      }
      const share: ShareForMessage = {
        link,
        linkedIn: linkedInAddUrl(linkedInCertificationOf(delivery.credential, link)),
      };
      if (link.length <= DEFAULT_MAX_LINK_LENGTH) share.qrPng = await qrPng(link);
      return share;
    },
    close: async () => {
      await store?.close();
    },
  };
}

/** The pinning service of --pin-service, which pins the copies a store holds (so it needs one). */
function pinningOf(
  options: DeliverCommandOptions,
): { url: string; client: PinningServiceClient } | undefined {
  if (options.pinService === undefined) return undefined;
  if (options.ipfsDir === undefined && options.kubo === undefined) {
    throw new CredanchorError(
      "OPTION_MISSING",
      "--pin-service pins the encrypted copies share links name: give the store they go to (--ipfs-dir or --kubo).",
      { option: "--pin-service" },
    );
  }
  return {
    url: options.pinService,
    client: pinningServiceOf(options.pinService, "--pin-service", process.env, "nothing was sent"),
  };
}

/** Progress on stderr: redrawn in place on a terminal, a line per tenth of the way in logs. */
class DeliveryProgress {
  private readonly stream: NodeJS.WriteStream;
  private readonly enabled: boolean;
  private loggedStep = -1;
  private verb = "mailing graduates";

  constructor(stream: NodeJS.WriteStream, enabled: boolean) {
    this.stream = stream;
    this.enabled = enabled;
  }

  show(event: import("../../delivery/index.ts").DeliveryEvent): void {
    if (!this.enabled) return;
    if (event.type === "planned") {
      if (event.mode === "eml") {
        this.verb = "writing messages";
        return;
      }
      const before = event.total - event.toSend;
      this.stream.write(
        `${event.toSend} of ${event.total} graduate(s) to mail${event.resumed ? ` (resuming: ${before} sent or uncertain before)` : ""}\n`,
      );
      return;
    }
    const line = `${this.verb}: ${event.done}/${event.total} (${event.id}: ${event.state})`;
    if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[2K${line}${event.done === event.total ? "\n" : ""}`);
      return;
    }
    const step = Math.floor((10 * event.done) / event.total);
    if (step === this.loggedStep && event.done !== event.total) return;
    this.loggedStep = step;
    this.stream.write(`${line}\n`);
  }
}
