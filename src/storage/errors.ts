// The errors a caller meets when storing, fetching or opening off-chain content. "Unreachable"
// and "not found" are separate codes on purpose: a store that could not be asked, or did not
// answer in time, says nothing about whether the content exists, so a verifier must report
// "unverifiable", never "missing". Pure module: the browser verifier imports it.
import { CredanchorError } from "../errors.ts";

/** The input is not a CID, or names a codec or hash this package cannot verify. */
export class InvalidCidError extends CredanchorError {
  override readonly name = "InvalidCidError";
  constructor(input: string, store: string, reason: string) {
    super(
      "STORAGE_CID_INVALID",
      `"${input}" is not a CID ${store} can fetch: ${reason}. Check the CID you were given.`,
      { cid: input, store, reason },
    );
  }
}

/** The store answered, and it does not hold the content. */
export class ContentNotFoundError extends CredanchorError {
  override readonly name = "ContentNotFoundError";
  constructor(cid: string, store: string, details: Record<string, unknown> = {}) {
    super(
      "STORAGE_CONTENT_NOT_FOUND",
      `${cid} is not in ${store}. Check the CID, or fetch it from a store that holds it.`,
      { ...details, cid, store },
    );
  }
}

/** Why a store could not answer: no connection, no answer in time, or an error response. */
export type UnreachableReason = "connection" | "timeout" | "http" | "io";

/** The store could not be asked, or did not answer in time: the content may well exist. */
export class StoreUnreachableError extends CredanchorError {
  override readonly name = "StoreUnreachableError";
  constructor(
    cid: string | undefined,
    store: string,
    reason: UnreachableReason,
    cause: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    const what = cid === undefined ? "" : ` for ${cid}`;
    const next =
      reason === "io"
        ? "Retry once that is fixed."
        : "Check that it is running and reachable, then retry.";
    super(
      "STORAGE_UNREACHABLE",
      `Could not reach ${store}${what}: ${cause}. ${next}`,
      { ...details, cid, store, reason },
      options,
    );
  }
}

/** Bytes that do not hash to the CID they were asked for: the source is not trusted. */
export class ContentIntegrityError extends CredanchorError {
  override readonly name = "ContentIntegrityError";
  constructor(cid: string, store: string, reason: string, details: Record<string, unknown> = {}) {
    super(
      "STORAGE_CONTENT_INTEGRITY",
      `${store} returned bytes that do not match ${cid} (${reason}); they were rejected. Fetch it from another store.`,
      { ...details, cid, store, reason },
    );
  }
}

/** The CID names something other than a file of bytes (a directory, a symlink, an HAMT). */
export class UnsupportedContentError extends CredanchorError {
  override readonly name = "UnsupportedContentError";
  constructor(cid: string, store: string, reason: string) {
    super(
      "STORAGE_CONTENT_UNSUPPORTED",
      `${cid} from ${store} is not a single file of bytes (${reason}).`,
      { cid, store, reason },
    );
  }
}

/** Content larger than the reader allows: a guard against DAGs that claim huge sizes. */
export class ContentTooLargeError extends CredanchorError {
  override readonly name = "ContentTooLargeError";
  constructor(cid: string, store: string, size: number, maxBytes: number) {
    super(
      "STORAGE_CONTENT_TOO_LARGE",
      `${cid} from ${store} is ${size} bytes, more than the ${maxBytes} allowed. Raise maxBytes if it is expected.`,
      { cid, store, size, maxBytes },
    );
  }
}

/** The envelope bytes are not a credanchor envelope (wrong magic, too short). */
export class EnvelopeFormatError extends CredanchorError {
  override readonly name = "EnvelopeFormatError";
  constructor(label: string, reason: string) {
    super("ENVELOPE_MALFORMED", `${label} is not a credanchor envelope: ${reason}.`, {
      envelope: label,
      reason,
    });
  }
}

/** An envelope written by a newer (or unknown) format version. */
export class EnvelopeVersionError extends CredanchorError {
  override readonly name = "EnvelopeVersionError";
  constructor(label: string, version: number, supported: readonly number[]) {
    super(
      "ENVELOPE_VERSION_UNSUPPORTED",
      `${label} uses envelope version ${version}; this SDK reads version ${supported.join(", ")}. Upgrade credanchor.`,
      { envelope: label, version, supported },
    );
  }
}

/** The key is not 32 bytes. */
export class EnvelopeKeyError extends CredanchorError {
  override readonly name = "EnvelopeKeyError";
  constructor(label: string, length: number) {
    super(
      "ENVELOPE_KEY_INVALID",
      `The key for ${label} is ${length} bytes; a credential key is 32 bytes. Check the key the issuer gave you.`,
      { envelope: label, length },
    );
  }
}

/**
 * Authentication failed: the key is wrong, or the ciphertext was altered or truncated. The AEAD
 * cannot tell these apart, and that is the point: nothing is decrypted unless it is intact.
 */
export class EnvelopeDecryptionError extends CredanchorError {
  override readonly name = "EnvelopeDecryptionError";
  constructor(label: string) {
    super(
      "ENVELOPE_DECRYPTION_FAILED",
      `${label} could not be opened: the key is wrong or the envelope was altered or truncated.`,
      { envelope: label },
    );
  }
}

/** The manifest bytes do not follow the batch manifest format. */
export class ManifestFormatError extends CredanchorError {
  override readonly name = "ManifestFormatError";
  constructor(label: string, reason: string) {
    super("MANIFEST_MALFORMED", `Batch manifest ${label} is malformed: ${reason}.`, {
      manifest: label,
      reason,
    });
  }
}

/** The credential digests in the manifest do not build the root the manifest claims. */
export class ManifestRootMismatchError extends CredanchorError {
  override readonly name = "ManifestRootMismatchError";
  constructor(label: string, expected: string, actual: string) {
    super(
      "MANIFEST_ROOT_MISMATCH",
      `Batch manifest ${label} claims root ${expected} but its credential digests build ${actual}; it was rejected.`,
      { manifest: label, expected, actual },
    );
  }
}

/** A credential index outside the batch. */
export class ManifestIndexError extends CredanchorError {
  override readonly name = "ManifestIndexError";
  constructor(label: string, index: number, leafCount: number) {
    super(
      "MANIFEST_INDEX_OUT_OF_RANGE",
      `Index ${index} is not in batch manifest ${label}, which holds ${leafCount} credentials (0 to ${leafCount - 1}).`,
      { manifest: label, index, leafCount },
    );
  }
}
