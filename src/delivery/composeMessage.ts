// The message a graduate receives: their holder file attached as it is, their share link and its
// QR code when the run makes them, and how to keep and share the credential. Plain text first (it
// is what every client shows), with an HTML alternative carrying the QR code inline.
import type { SendMailOptions } from "nodemailer";
import type { Delivery } from "./planDelivery.ts";

/** The graduate's share link, the QR code that opens it, and LinkedIn's add-certification link. */
export interface ShareForMessage {
  link: string;
  /** The QR code as PNG; absent when the link is too long for one (an inline full credential). */
  qrPng?: Uint8Array;
  /** LinkedIn's "add certification" URL with the share link as the credential URL. */
  linkedIn?: string;
}

export interface MessageSettings {
  /** The sender, e.g. "Registry <registry@uni.example>". */
  from: string;
  replyTo?: string;
  /** Subject line; {achievement}, {issuer} and {name} are filled in. */
  subject?: string;
  /** The verifier page named in the message (also where share links open). */
  pageUrl?: string;
}

export const DEFAULT_SUBJECT = "Your {achievement} credential from {issuer}";
export const QR_CONTENT_ID = "share-qr@credanchor";

/** The nodemailer message for one graduate, with the Message-ID the journal records. */
export function composeMessage(
  delivery: Delivery,
  settings: MessageSettings,
  messageId: string,
  share?: ShareForMessage,
  certificatePdf?: Uint8Array,
): SendMailOptions {
  const name = delivery.holderName ?? "graduate";
  const fill = (template: string) =>
    template
      .replaceAll("{achievement}", delivery.achievement)
      .replaceAll("{issuer}", delivery.issuerName)
      .replaceAll("{name}", name);
  const attachmentName = `${delivery.id}.credential.json`;
  const text = messageText(delivery, settings, attachmentName, share, certificatePdf !== undefined);
  const attachments: NonNullable<SendMailOptions["attachments"]> = [
    {
      filename: attachmentName,
      content: delivery.bytes,
      contentType: "application/json",
    },
  ];
  if (certificatePdf !== undefined) {
    attachments.push({
      filename: `${delivery.id}.certificate.pdf`,
      content: Buffer.from(certificatePdf),
      contentType: "application/pdf",
    });
  }
  if (share?.qrPng !== undefined) {
    attachments.push({
      filename: `${delivery.id}.share-qr.png`,
      content: Buffer.from(share.qrPng),
      contentType: "image/png",
      cid: QR_CONTENT_ID,
    });
  }
  const message: SendMailOptions = {
    from: settings.from,
    to: delivery.to.email,
    subject: fill(settings.subject ?? DEFAULT_SUBJECT),
    messageId,
    text,
    html: messageHtml(text, share),
    attachments,
    headers: { "X-Credanchor-Credential": delivery.credentialId },
  };
  if (settings.replyTo !== undefined) message.replyTo = settings.replyTo;
  return message;
}

function messageText(
  delivery: Delivery,
  settings: MessageSettings,
  attachmentName: string,
  share: ShareForMessage | undefined,
  withCertificate: boolean,
): string {
  const issuer = delivery.issuerName;
  const lines = [
    `Dear ${delivery.holderName ?? "graduate"},`,
    "",
    `${issuer} has issued your credential "${delivery.achievement}", awarded on ${delivery.awardDate}. It is attached to this message as ${attachmentName}.`,
    "",
  ];
  if (withCertificate) {
    lines.push(
      `A printable certificate is attached too (${delivery.id}.certificate.pdf)${share === undefined ? "" : ": its QR code opens your share link, below"}. The certificate is for people to read; the file is what proves it.`,
      "",
    );
  }
  if (share !== undefined) {
    lines.push(
      "SHARE IT",
      `Your share link: ${share.link}`,
      `Anyone who opens it (an employer, a school) sees your whole credential, checked in their own browser, with no account and without asking us. What the link carries comes after the '#', which browsers never send to any server. To show fewer fields, open your file in the verifier page${settings.pageUrl === undefined ? "" : ` (${settings.pageUrl})`}: "Choose what to show" makes a link of a copy with only the fields you pick.`,
    );
    if (share.qrPng !== undefined) {
      lines.push(
        `The QR code attached (${delivery.id}.share-qr.png) opens the same link: put it on your CV or print it.`,
      );
    }
    if (share.linkedIn !== undefined) {
      lines.push(`Add it to your LinkedIn profile: ${share.linkedIn}`);
    }
    lines.push("");
  }
  lines.push(
    "KEEP IT",
    `- Save ${attachmentName} somewhere safe, with a backup copy: it is your credential, and it stays valid and checkable even if you lose access to this mailbox.`,
    "- The file holds everything the credential says about you, and the key to an encrypted copy kept on IPFS. Do not post the file itself publicly: share the link, or a copy showing only the fields you choose.",
    settings.pageUrl === undefined
      ? "- Anyone can check the file with the credanchor verifier page or the `credanchor verify` command."
      : `- Anyone can check the file at ${settings.pageUrl} (open the file there), or with the \`credanchor verify\` command.`,
    "",
    `If anything in it is wrong, reply to this message.`,
    "",
    issuer,
  );
  return lines.join("\n");
}

function messageHtml(text: string, share: ShareForMessage | undefined): string {
  const escapeHtml = (s: string) =>
    s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
  const paragraphs = text
    .split("\n\n")
    .map((block) => {
      let html = escapeHtml(block).replaceAll("\n", "<br>\n");
      for (const url of [share?.link, share?.linkedIn]) {
        if (url === undefined) continue;
        const shown = escapeHtml(url);
        html = html.replace(shown, `<a href="${shown.replaceAll('"', "&quot;")}">${shown}</a>`);
      }
      return `<p>${html}</p>`;
    })
    .join("\n");
  const qr =
    share?.qrPng === undefined
      ? ""
      : `\n<p><img src="cid:${QR_CONTENT_ID}" alt="QR code of your share link" width="240" height="240"></p>`;
  return `<!doctype html>\n<html><body>\n${paragraphs}${qr}\n</body></html>\n`;
}
