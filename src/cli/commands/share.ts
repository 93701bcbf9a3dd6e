// `credanchor share` and `credanchor unshare`: the holder's link to the verifier page. The link
// carries the credential (or a disclosed copy) in its fragment, or the CID and key of an encrypted
// copy stored on the embedded IPFS node or Kubo and, with --pin-service, pinned by a remote
// service so the public network finds it. Encrypted copies are recorded beside the credential
// (<file>.shares.json, links and keys) so `unshare` can take them down and forget their keys.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { disclose, verifyIntegrity } from "../../credential/index.ts";
import { CredanchorError } from "../../errors.ts";
import {
  linkedInAddUrl,
  linkedInCertificationOf,
  readShareLink,
  type ShareStore,
  shareLink,
} from "../../share/index.ts";
import { addStoreOptions, openContentStore, type StoreOptions } from "../contentStore.ts";
import { PAGE_URL_VARIABLE, requiredPageUrl } from "../pageUrl.ts";
import { PINNING_TOKEN_VARIABLE, pinningServiceOf } from "../pinningService.ts";
import {
  readShareRecords,
  recordedStoreOf,
  type ShareRecord,
  saveShareRecord,
  shareRecordFileOf,
  takeDownShares,
} from "../shareRecords.ts";
import { OptionInvalidError } from "./args.ts";
import { CredentialFileError, readCredentialFile, readingOf } from "./credentialFiles.ts";
import { outputOf } from "./report.ts";

interface ShareOptions extends StoreOptions {
  pageUrl?: string;
  reveal?: string[];
  hide?: string[];
  inline?: boolean;
  ipfs?: boolean;
  gateway?: string[];
  qr?: string;
  pdf?: string;
  pinService?: string;
}

export function register(program: Command): void {
  addStoreOptions(
    program
      .command("share <file>")
      .description(
        "holder: print a link that opens the credential (or a disclosed copy) in the verifier page, a LinkedIn link, and a QR code",
      )
      .option(
        "--page-url <url>",
        `the verifier page the link opens (default: $${PAGE_URL_VARIABLE}), e.g. https://verify.example/`,
      )
      .option(
        "--reveal <pointers...>",
        "share a disclosed copy showing only these claims (as `disclose --reveal`)",
      )
      .option("--hide <pointers...>", "share a copy hiding these claims (as `disclose --hide`)")
      .option("--inline", "put the credential in the link however long (no copy is stored)")
      .option("--ipfs", "store an encrypted copy and put its CID and key in the link")
      .option("--gateway <urls...>", "trustless gateways the page should fetch the copy from")
      .option("--qr <file>", "write the link's QR code to this .svg or .png file")
      .option(
        "--pdf <file>",
        "write a printable certificate (PDF) with the link's QR code and the link in text",
      )
      .option(
        "--pin-service <url>",
        `have this IPFS Pinning Service API endpoint pin the copy (token in ${PINNING_TOKEN_VARIABLE})`,
      ),
  ).action(async (file: string, options: ShareOptions, command: Command) => {
    const pageUrl = requiredPageUrl(options.pageUrl);
    if (options.inline && options.ipfs) {
      throw new CredanchorError("OPTION_INVALID", "Choose --inline or --ipfs, not both.", {
        option: "--inline",
      });
    }
    const qrFormat = options.qr === undefined ? undefined : qrFormatOf(options.qr);
    const pinning =
      options.pinService === undefined
        ? undefined
        : { url: options.pinService, client: pinningServiceOf(options.pinService) };
    const shared = await sharedCredential(file, options);

    let store: Awaited<ReturnType<typeof openContentStore>> | undefined;
    let stored: string | undefined;
    const lazyStore: ShareStore = {
      async put(bytes, putOptions) {
        store ??= await openContentStore(options);
        const cid = await store.put(bytes, putOptions);
        stored = cid.toString();
        return cid;
      },
    };
    let link: string;
    try {
      link = await shareLink(shared.credential, {
        pageUrl,
        kind: options.inline ? "inline" : options.ipfs ? "ipfs" : "auto",
        store: lazyStore,
        gateways: options.gateway ?? [],
      });
    } finally {
      await store?.close();
    }

    // Recorded before the pin is asked for, so a copy stored is never left without its record.
    const recordFile = shareRecordFileOf(file);
    let pinned: ShareRecord["pinService"];
    if (stored !== undefined) {
      const record: ShareRecord = {
        cid: stored,
        link,
        created: new Date().toISOString(),
        store: recordedStoreOf(options),
      };
      await saveShareRecord(recordFile, record);
      if (pinning !== undefined) {
        const request = await pinning.client.addPin(stored, {
          name: "credanchor shared credential",
        });
        pinned = { url: pinning.url, requestid: request.requestid };
        await saveShareRecord(recordFile, { ...record, pinService: pinned });
      }
    }
    if (options.qr !== undefined) {
      await writeQr(options.qr, qrFormat!, link);
    }
    if (options.pdf !== undefined) await writePdf(options.pdf, shared.credential, link);
    const linkedIn = linkedInAddUrl(linkedInCertificationOf(shared.credential, link));
    outputOf(command).result(
      {
        file,
        link,
        kind: stored === undefined ? "inline" : "ipfs",
        ...(stored === undefined ? {} : { cid: stored, record: recordFile }),
        ...(pinned === undefined ? {} : { pinService: pinned }),
        linkedIn,
        ...(options.qr === undefined ? {} : { qr: options.qr }),
        ...(options.pdf === undefined ? {} : { pdf: options.pdf }),
        revealed: shared.revealed,
        hidden: shared.hidden,
      },
      (r) =>
        [
          r.link,
          "",
          `Add to LinkedIn: ${r.linkedIn}`,
          ...(r.qr === undefined ? [] : [`QR code: ${r.qr}`]),
          ...(r.pdf === undefined ? [] : [`Certificate: ${r.pdf}`]),
          r.kind === "inline"
            ? "The credential is in the link itself: anyone who has the link can read it, and it cannot be unshared."
            : `The link holds the CID and key of an encrypted copy (${r.cid}); \`credanchor unshare ${file}\` takes it down and forgets the key (recorded in ${r.record}).`,
          ...(r.kind === "ipfs" && r.pinService === undefined && options.kubo === undefined
            ? [
                "The copy is on this computer's IPFS node only: others can open the link once a public node holds it (--pin-service, or --kubo with a node that is online).",
              ]
            : []),
          `Whoever opens it sees ${r.revealed.length} claim(s), in ${claimGroups(r.revealed).join(", ")}${r.hidden.length > 0 ? `; ${r.hidden.length} stay hidden (${claimGroups(r.hidden).join(", ")}).` : "."}`,
        ].join("\n"),
    );
  });

  addStoreOptions(
    program
      .command("unshare <file>")
      .description(
        "holder or issuer: take down the encrypted copies shared from a credential (unpin, delete, remove pins on the pinning service) and forget their keys",
      )
      .option("--link <links...>", "only these shared links (or CIDs); default: every one recorded")
      .option(
        "--pin-service <url>",
        `also delete the copy's pins on this IPFS Pinning Service API endpoint (token in ${PINNING_TOKEN_VARIABLE})`,
      ),
  ).action(
    async (
      file: string,
      options: StoreOptions & { link?: string[]; pinService?: string },
      command: Command,
    ) => {
      const recordFile = shareRecordFileOf(file);
      const records = await readShareRecords(recordFile);
      const wanted =
        options.link === undefined ? undefined : new Set(options.link.map(cidOfLinkOption));
      const targets = [
        ...new Set([
          ...records.map((r) => r.cid).filter((cid) => wanted === undefined || wanted.has(cid)),
          ...(wanted ?? []),
        ]),
      ];
      const pinUrls = new Set(
        records
          .filter((r) => targets.includes(r.cid) && r.pinService !== undefined)
          .map((r) => r.pinService!.url),
      );
      if (options.pinService !== undefined) pinUrls.add(options.pinService);
      const services = [...pinUrls].map((url) => ({ url, client: pinningServiceOf(url) }));

      // Each copy is taken down from the node it went to, unless --kubo / --ipfs-dir say otherwise.
      const chosen = options.kubo !== undefined || options.ipfsDir !== undefined;
      const done = await takeDownShares(recordFile, targets, {
        ...(chosen ? { storeOverride: options } : {}),
        services,
      });
      outputOf(command).result({ file, unshared: done }, (r) =>
        r.unshared.length === 0
          ? `No shared copy of ${file} is recorded in ${recordFile}: nothing to take down. A link that carries the credential itself cannot be unshared.`
          : [
              ...r.unshared.map(
                (u) =>
                  `${u.cid}: taken down from ${u.store}${services.length > 0 ? `, ${u.pinsDeleted} pin(s) deleted` : ""}; its key is forgotten.`,
              ),
              "Links to these copies no longer open once no IPFS node holds them. This cannot reach what was already seen: whoever opened a link has read the credential and may have kept it, and gateways or nodes that fetched the copy may serve it for a while; the key in the link still opens any copy that survives.",
            ].join("\n"),
      );
    },
  );
}

/** The credential to share: the file's, or a disclosed copy with --reveal / --hide. */
async function sharedCredential(
  file: string,
  options: ShareOptions,
): Promise<{ credential: object; revealed: string[]; hidden: string[] }> {
  const loaded = await readCredentialFile(file);
  const reading = readingOf(loaded);
  if (options.reveal === undefined && options.hide === undefined) {
    const integrity =
      reading.version === "foreign" ? undefined : verifyIntegrity(loaded.credential);
    return {
      credential: loaded.credential,
      revealed: integrity?.ok ? integrity.disclosed : [],
      hidden: integrity?.ok ? integrity.hidden : [],
    };
  }
  if (reading.version === "foreign") {
    throw new CredentialFileError(
      file,
      `is a credential signed by ${reading.issuerId}, not a credanchor credential: it has no salted claims to hide; share it whole`,
    );
  }
  const copy = disclose(reading.credential, options.reveal ?? [""], { hide: options.hide ?? [] });
  const integrity = verifyIntegrity(copy);
  return {
    credential: copy,
    revealed: integrity.ok ? integrity.disclosed : [],
    hidden: integrity.ok ? integrity.hidden : [],
  };
}

/** Where claims sit, one entry per part of the credential: "credentialSubject/result", "issuer". */
function claimGroups(pointers: readonly string[]): string[] {
  const groups = pointers.map((pointer) => {
    const [first = "", second] = pointer.slice(1).split("/");
    return first === "credentialSubject" && second !== undefined ? `${first}/${second}` : first;
  });
  return [...new Set(groups)].filter((g) => !["@context", "type", "proof"].includes(g));
}

function qrFormatOf(file: string): "svg" | "png" {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".svg" || ext === ".png") return ext.slice(1) as "svg" | "png";
  throw new OptionInvalidError("--qr", file, "must end in .svg or .png");
}

async function writeQr(file: string, format: "svg" | "png", link: string): Promise<void> {
  // qrcode loads only when a QR code is asked for.
  const { qrPng, qrSvg } = await import("../qrCode.ts");
  try {
    await writeFile(file, format === "svg" ? await qrSvg(link) : await qrPng(link, { scale: 6 }));
  } catch (error) {
    if (error instanceof CredanchorError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) {
      // qrcode refuses data larger than a version-40 code holds.
      throw new CredanchorError(
        "OPTION_INVALID",
        `The link (${link.length} characters) does not fit a QR code: share with --ipfs for a short link, or leave out --qr.`,
        { option: "--qr", length: link.length },
      );
    }
    throw new OptionInvalidError(
      "--qr",
      file,
      `could not be written (${code}): check its folder exists`,
    );
  }
}

/** The certificate of `credential` (the default template) carrying `link` and its QR code. */
async function writePdf(file: string, credential: object, link: string): Promise<void> {
  // pdfkit and qrcode load only when a certificate is asked for.
  const [{ credentialCertificatePdf }, { qrSvg }] = await Promise.all([
    import("../../certificate/certificatePdf.ts"),
    import("../qrCode.ts"),
  ]);
  // A link too long for any QR code is printed in text only.
  const qr = await qrSvg(link, { margin: 2 }).catch(() => undefined);
  const { pdf } = await credentialCertificatePdf(credential, {
    link,
    ...(qr === undefined ? {} : { qrSvg: qr }),
  });
  try {
    await writeFile(file, pdf);
  } catch (error) {
    throw new OptionInvalidError(
      "--pdf",
      file,
      `could not be written (${(error as NodeJS.ErrnoException).code ?? String(error)}): check its folder exists`,
    );
  }
}

function cidOfLinkOption(value: string): string {
  try {
    const reference = readShareLink(value);
    if (reference?.kind === "ipfs") return reference.cid;
  } catch {
    // not a share link: maybe a bare CID
  }
  if (/^b[a-z2-7]{20,}$/.test(value) || /^Qm[1-9A-HJ-NP-Za-km-z]{44}$/.test(value)) return value;
  throw new OptionInvalidError(
    "--link",
    value,
    "is neither the link of an encrypted copy (#cid=…) nor a CID",
  );
}
