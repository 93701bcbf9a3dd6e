// Gives a credential back its lost Merkle proof: finds the batch manifest (the request's CID, the
// credential's anchor, or the anchoring event on chain), rebuilds the proof from it, checks the
// manifest describes this very credential, and attaches the anchor (and, when it was rebuilt from
// its encrypted copy, the copy's link and key). Node only, like recoverProof (it builds a tree).
import { CID } from "multiformats/cid";
import { type Address, type Hex, hexToBytes } from "viem";
import type { BatchAnchorEvent, BatchRef } from "../chain/index.ts";
import {
  type AnyCredanchorCredential,
  attachAnchor,
  attachEncryptedCopy,
  type EncryptedCopy,
} from "../credential/index.ts";
import { CredanchorError } from "../errors.ts";
import type { ContentSource } from "../storage/index.ts";
import { chainIdOfCaip2, toCaip2 } from "../values/index.ts";
import { type RecoveredProof, recoverProof } from "./recoverProof.ts";

/** Where a credential says it is anchored; a credential that lost its proof may lack the root. */
export interface CredentialPlace {
  chainId: number;
  registry: Address;
  issuer: Address;
  root?: Hex;
  index: number;
}

export interface RecoverCredentialRequest {
  credential: AnyCredanchorCredential;
  place: CredentialPlace;
  /** Names the credential in errors (its file). */
  name: string;
  /** CID of the batch manifest; default: the credential's anchor, else the chain's event. */
  manifestCid?: string;
  /** The copy the credential was rebuilt from: its link and key go back into the proof. */
  encryptedCopy?: EncryptedCopy;
  /** The event that anchored a batch, read from the chain; asked only when the file lacks it. */
  findAnchor(batch: BatchRef): Promise<BatchAnchorEvent | undefined>;
  /**
   * When the batch was anchored (Unix seconds), read from the chain: a v2 anchor proof records it
   * as `created`. Asked only for a v2 credential whose file no longer says it.
   */
  anchoredAt?(batch: BatchRef): Promise<number>;
}

export interface RecoveredCredential {
  credential: AnyCredanchorCredential;
  manifestCid: string;
  recovered: RecoveredProof;
  transactionHash: Hex;
}

export async function recoverCredential(
  source: ContentSource,
  request: RecoverCredentialRequest,
): Promise<RecoveredCredential> {
  const { credential, place, name } = request;
  const proof = anchorProofOf(credential);
  let transactionHash = proof.anchor?.transactionHash;
  let blockNumber: number | undefined;
  let manifestCid = request.manifestCid ?? proof.anchor?.manifestCid;
  if (manifestCid === undefined) {
    if (place.root === undefined) {
      throw new CredanchorError(
        "OPTION_MISSING",
        `recover needs --manifest <cid>: ${name} no longer names its batch root.`,
      );
    }
    const anchor = await anchorOf(request, place.root);
    manifestCid = cidOf(anchor.manifestCid, place.root);
    transactionHash ??= anchor.transactionHash;
    blockNumber = Number(anchor.blockNumber);
  }

  const recovered = await recoverProof(source, manifestCid, place.index);
  checkMatches(request, recovered);
  if (transactionHash === undefined) {
    const anchor = await anchorOf(request, recovered.root.toLowerCase() as Hex);
    transactionHash = anchor.transactionHash;
    blockNumber = Number(anchor.blockNumber);
  }
  const blockTime = Array.isArray(credential.proof)
    ? await blockTimeOf(request, recovered.root.toLowerCase() as Hex)
    : undefined;
  const anchored = attachAnchor(withoutAnchor(credential), {
    merkleRoot: recovered.root,
    merkleProof: recovered.proof,
    transactionHash,
    manifestCid,
    leafCount: recovered.leafCount,
    ...(blockNumber !== undefined ? { blockNumber } : {}),
    ...(blockTime !== undefined ? { blockTime } : {}),
  });
  return {
    credential:
      request.encryptedCopy === undefined
        ? anchored
        : attachEncryptedCopy(anchored, request.encryptedCopy),
    manifestCid,
    recovered,
    transactionHash,
  };
}

async function anchorOf(request: RecoverCredentialRequest, root: Hex): Promise<BatchAnchorEvent> {
  const batch = { registry: request.place.registry, issuer: request.place.issuer, root };
  const anchor = await request.findAnchor(batch);
  if (anchor === undefined) {
    throw new CredanchorError(
      "BATCH_NOT_ANCHORED",
      `${request.name}: issuer ${batch.issuer} never anchored batch ${root} in registry ${batch.registry}.`,
      { file: request.name, root, issuer: batch.issuer },
    );
  }
  return anchor;
}

/** The text form of the binary CIDv1 the anchor recorded (undecodable bytes are kept as hex). */
function cidOf(bytes: Hex, root: Hex): string {
  if (bytes === "0x") {
    throw new CredanchorError(
      "OPTION_MISSING",
      `recover needs --manifest <cid>: the anchor of batch ${root} records no manifest.`,
    );
  }
  try {
    return CID.decode(hexToBytes(bytes)).toString();
  } catch {
    return bytes;
  }
}

/** The anchor proof: v1's proof object, or the first member of v2's proof set. */
function anchorProofOf(credential: AnyCredanchorCredential) {
  return Array.isArray(credential.proof) ? credential.proof[0] : credential.proof;
}

function withoutAnchor(credential: AnyCredanchorCredential): AnyCredanchorCredential {
  if (!Array.isArray(credential.proof)) {
    const { anchor: _lost, ...proof } = credential.proof;
    return { ...credential, proof } as AnyCredanchorCredential;
  }
  const [first, ...rest] = credential.proof;
  const { anchor: _lost, created: _time, ...proof } = first;
  return { ...credential, proof: [proof, ...rest] } as AnyCredanchorCredential;
}

/**
 * The v2 anchor proof's `created`: what the file still says, else the chain's anchoring time.
 * A copy rebuilt from its encrypted copy has neither, so the chain is asked.
 */
async function blockTimeOf(request: RecoverCredentialRequest, root: Hex): Promise<string> {
  const proof = anchorProofOf(request.credential);
  const kept = "created" in proof ? proof.created : undefined;
  if (typeof kept === "string") return kept;
  if (request.anchoredAt === undefined) {
    throw new CredanchorError(
      "OPTION_MISSING",
      `${request.name}: a v2 credential needs its batch's anchoring time, and no chain reader was given.`,
      { file: request.name },
    );
  }
  const { registry, issuer } = request.place;
  const seconds = await request.anchoredAt({ registry, issuer, root });
  if (seconds === 0) {
    throw new CredanchorError(
      "BATCH_NOT_ANCHORED",
      `${request.name}: issuer ${issuer} never anchored batch ${root} in registry ${registry}.`,
      { file: request.name, root, issuer },
    );
  }
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

/** The manifest must describe this very credential: same chain, registry, issuer and digest. */
function checkMatches(request: RecoverCredentialRequest, recovered: RecoveredProof): void {
  const { name, place } = request;
  const mismatch = (field: string, file: string, manifest: string) =>
    new CredanchorError(
      "RECOVERED_PROOF_MISMATCH",
      `${name}: its ${field} is ${file}, but manifest ${recovered.manifestCid} says ${manifest} for index ${recovered.index}: wrong manifest or index, nothing was written.`,
      { file: name, field, expected: file, actual: manifest },
    );
  const digest = anchorProofOf(request.credential).credentialDigest?.toLowerCase();
  if (digest !== recovered.credentialDigest.toLowerCase()) {
    throw mismatch("credentialDigest", String(digest), recovered.credentialDigest);
  }
  if (place.root !== undefined && place.root !== recovered.root.toLowerCase()) {
    throw mismatch("batchRoot", place.root, recovered.root);
  }
  if (place.issuer.toLowerCase() !== recovered.issuer.toLowerCase()) {
    throw mismatch("issuerAddress", place.issuer, recovered.issuer);
  }
  if (place.registry.toLowerCase() !== recovered.registry.toLowerCase()) {
    throw mismatch("registryAddress", place.registry, recovered.registry);
  }
  if (chainIdOfCaip2(recovered.chain) !== place.chainId) {
    throw mismatch("chainId", toCaip2(place.chainId), recovered.chain);
  }
}
