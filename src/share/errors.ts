// The errors a holder or a page meets making or opening a share link. A link that cannot be read
// is bad input (the link was cut or altered), never a verdict on the credential; a gateway that
// cannot be reached is the storage module's StoreUnreachableError, a network fault.
import { CredanchorError } from "../errors.ts";

/** The link's fragment is not a credanchor share link, or its contents are damaged. */
export class ShareLinkError extends CredanchorError {
  override readonly name = "ShareLinkError";
  constructor(reason: string, details: Record<string, unknown> = {}) {
    super(
      "SHARE_LINK_INVALID",
      `This share link cannot be opened: ${reason}. Ask the holder for the link again (a link cut short when copied fails this way).`,
      { ...details, reason },
    );
  }
}

/** The credential does not fit a link, and no store was given to keep an encrypted copy. */
export class ShareLinkTooLongError extends CredanchorError {
  override readonly name = "ShareLinkTooLongError";
  constructor(length: number, maxLength: number) {
    super(
      "SHARE_LINK_TOO_LONG",
      `The credential makes a link of ${length} characters, more than the ${maxLength} a QR code holds; share an encrypted copy on IPFS instead (give a store).`,
      { length, maxLength },
    );
  }
}
