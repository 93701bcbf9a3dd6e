// Sharing a credential with no server of ours: links that carry it (or the CID and key of an
// encrypted copy) in the URL fragment, the page's reader of those links, and LinkedIn's
// add-certification link. Browser-safe; QR codes are drawn on the CLI side (src/cli/qrCode.ts).
export { fromBase64url, toBase64url } from "./base64url.ts";
export { ShareLinkError, ShareLinkTooLongError } from "./errors.ts";
export {
  type LinkedInCertification,
  linkedInAddUrl,
  linkedInCertificationOf,
} from "./linkedIn.ts";
export {
  DEFAULT_SHARE_GATEWAYS,
  type OpenShareOptions,
  openShare,
  readShareLink,
  type ShareReference,
} from "./readShareLink.ts";
export {
  DEFAULT_MAX_LINK_LENGTH,
  type ShareLinkOptions,
  type ShareStore,
  shareableCredential,
  shareLink,
} from "./shareLink.ts";
