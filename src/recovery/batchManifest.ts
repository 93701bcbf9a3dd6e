// The batch manifest: the public record of one anchored batch, stored on IPFS, from which anyone
// can rebuild the whole tree and any lost proof. It holds no personal data: only the chain, the
// registry, the issuer, the credential type, the root, and every credential digest (salted
// hashes) in index order. A million digests are 32 MB, so they are packed as bytes after a small
// JSON header rather than written as 66-character hex strings. Pure: browsers can read it.
//
// Format, version 1 (offsets in bytes):
//   0      4        magic "CAMF" (0x43 0x41 0x4d 0x46)
//   4      1        version = 0x01
//   5      4        H, byte length of the header, uint32 big-endian
//   9      H        header: UTF-8 JSON object with exactly the keys, in this order,
//                   chain, registry, issuer, credentialType, root, leafCount (BatchManifestHeader)
//   9+H    32 * N   credential digests, N = leafCount, digest of index i at 9 + H + 32 i
// Nothing follows. Leaf i is merkleLeaf(i, digest i) (src/merkle); the tree over the leaves must
// have `root`.
import type { CID } from "multiformats/cid";
import type { Address, Hex } from "viem";
// Browser-safe: the store's interface and errors only, not storage/index.ts (which loads Helia).
import type {
  ContentSource,
  ContentStore,
  PutOptions,
  ReadOptions,
} from "../storage/contentStore.ts";
import { ManifestFormatError } from "../storage/errors.ts";
import { isAddress, isBytes32 } from "../values/index.ts";

export const MANIFEST_MAGIC: Readonly<Uint8Array> = Uint8Array.of(0x43, 0x41, 0x4d, 0x46);
export const MANIFEST_VERSION = 1;
const PREFIX_BYTES = MANIFEST_MAGIC.length + 1 + 4;
const MAX_HEADER_BYTES = 64 * 1024;

/** The manifest's JSON header, exactly as written. */
export interface BatchManifestHeader {
  /** CAIP-2 id of the chain the batch is anchored on, e.g. "eip155:8453". */
  chain: string;
  /** Address of the CredentialRegistry holding the anchor. */
  registry: Address;
  /** Address of the issuer the batch is anchored for. */
  issuer: Address;
  /** Credential type name, as the credentials carry it. */
  credentialType: string;
  /** Merkle root anchored on chain, lowercase 0x-hex. */
  root: Hex;
  /** Number of credentials (and leaves) in the batch. */
  leafCount: number;
}

export interface BatchManifest extends BatchManifestHeader {
  /** The credential digests packed 32 bytes each, in index order: leafCount * 32 bytes. */
  credentialDigests: Uint8Array;
}

const HEADER_KEYS = ["chain", "registry", "issuer", "credentialType", "root", "leafCount"] as const;
const CAIP2 = /^[-a-z0-9]{3,8}:[-_a-zA-Z0-9]{1,32}$/;

export function encodeManifest(manifest: BatchManifest, label = "being written"): Uint8Array {
  const header = checkHeader(Object.fromEntries(HEADER_KEYS.map((k) => [k, manifest[k]])), label);
  header.root = header.root.toLowerCase() as Hex;
  if (manifest.credentialDigests.byteLength !== 32 * header.leafCount) {
    throw new ManifestFormatError(
      label,
      `credentialDigests holds ${manifest.credentialDigests.byteLength} bytes, not 32 x ${header.leafCount}`,
    );
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(
    PREFIX_BYTES + json.byteLength + manifest.credentialDigests.byteLength,
  );
  out.set(MANIFEST_MAGIC, 0);
  out[4] = MANIFEST_VERSION;
  new DataView(out.buffer).setUint32(5, json.byteLength, false);
  out.set(json, PREFIX_BYTES);
  out.set(manifest.credentialDigests, PREFIX_BYTES + json.byteLength);
  return out;
}

export function decodeManifest(bytes: Uint8Array, label = "given"): BatchManifest {
  if (bytes.byteLength < PREFIX_BYTES || MANIFEST_MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new ManifestFormatError(label, "it does not start with the magic bytes CAMF");
  }
  if (bytes[4] !== MANIFEST_VERSION) {
    throw new ManifestFormatError(
      label,
      `version ${bytes[4]} is not ${MANIFEST_VERSION}; upgrade credanchor`,
    );
  }
  const headerBytes = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(
    5,
    false,
  );
  if (headerBytes > MAX_HEADER_BYTES || PREFIX_BYTES + headerBytes > bytes.byteLength) {
    throw new ManifestFormatError(label, `header length ${headerBytes} does not fit`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(
      new TextDecoder("utf-8", { fatal: true }).decode(
        bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerBytes),
      ),
    );
  } catch (err) {
    throw new ManifestFormatError(label, `header is not UTF-8 JSON: ${(err as Error).message}`);
  }
  const header = checkHeader(parsed, label);
  const body = bytes.subarray(PREFIX_BYTES + headerBytes);
  if (body.byteLength !== 32 * header.leafCount) {
    throw new ManifestFormatError(
      label,
      `it holds ${body.byteLength} bytes of digests; leafCount ${header.leafCount} needs ${32 * header.leafCount}`,
    );
  }
  return { ...header, credentialDigests: body };
}

/** The digest of credential `index` as 0x-hex. */
export function manifestDigest(manifest: BatchManifest, index: number): Hex {
  let hex = "0x";
  for (const b of manifest.credentialDigests.subarray(32 * index, 32 * index + 32)) {
    hex += b.toString(16).padStart(2, "0");
  }
  return hex as Hex;
}

/** Stores the manifest and returns its CID (anchored on chain with the root). */
export async function putManifest(
  store: ContentStore,
  manifest: BatchManifest,
  options: PutOptions = {},
): Promise<CID> {
  return store.put(encodeManifest(manifest), options);
}

/** Fetches and decodes the manifest at `cid`; its bytes are checked against the CID. */
export async function getManifest(
  source: ContentSource,
  cid: CID | string,
  options: ReadOptions = {},
): Promise<BatchManifest> {
  const bytes = await source.get(cid, options);
  return decodeManifest(bytes, `${cid.toString()} from ${source.label}`);
}

function checkHeader(value: unknown, label: string): BatchManifestHeader {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ManifestFormatError(label, "header is not a JSON object");
  }
  const header = value as Record<string, unknown>;
  const extra = Object.keys(header).filter((k) => !(HEADER_KEYS as readonly string[]).includes(k));
  if (extra.length > 0)
    throw new ManifestFormatError(label, `header has unknown field ${extra[0]}`);
  const field = (name: string, ok: boolean, expected: string) => {
    if (!ok)
      throw new ManifestFormatError(
        label,
        `header field ${name} must be ${expected}, got ${JSON.stringify(header[name])}`,
      );
  };
  const { chain, registry, issuer, credentialType, root, leafCount } = header;
  field(
    "chain",
    typeof chain === "string" && CAIP2.test(chain),
    'a CAIP-2 chain id such as "eip155:8453"',
  );
  field("registry", isAddress(registry), "a 0x-address");
  field("issuer", isAddress(issuer), "a 0x-address");
  field(
    "credentialType",
    typeof credentialType === "string" && credentialType.length > 0,
    "a non-empty string",
  );
  field("root", isBytes32(root), "32 bytes of 0x-hex");
  field(
    "leafCount",
    typeof leafCount === "number" &&
      Number.isInteger(leafCount) &&
      leafCount >= 1 &&
      leafCount <= 2 ** 32 - 1,
    "a whole number from 1 to 2^32 - 1",
  );
  return { chain, registry, issuer, credentialType, root, leafCount } as BatchManifestHeader;
}
