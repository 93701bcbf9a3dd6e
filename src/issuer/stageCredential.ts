// One record -> one staged credential: the credential (salted, digested, not yet anchored), its
// body sealed under a fresh key, the CID the sealed body gets, and the staging line that keeps
// all of it in the output folder until the holder files are written. Staging is what makes a
// rerun rebuild nothing: the random salts, ids and keys are drawn once and read back after a kill.
// The sealed body is the unsigned credential: the issuer signs after anchoring (holderFiles.ts), so
// a credential recovered from its encrypted copy carries the anchor proof only, like a disclosed
// copy, and still verifies against the chain.
import { hexToBytes } from "@noble/hashes/utils.js";
import type { Hex } from "viem";
import { buildValidatedCredential } from "../credential/buildCredential.ts";
import {
  type NormalizedContext,
  validateIssuanceContext,
  validateRecord,
} from "../credential/index.ts";
import type { CredanchorCredentialV2, IssuanceContextV2 } from "../credential/types.ts";
import { encodeContent } from "../storage/encodeContent.ts";
import { sealCredentialNative } from "../storage/sealEnvelopeNative.ts";
import { recordLabel } from "./validateInput.ts";

/** A record and its place: what a build job carries. */
export interface RecordJob {
  /** Index in the batch (the leaf index). */
  index: number;
  /** Line of the input row. */
  line: number;
  /** The registrar's row id, when the input has one. */
  id?: string;
  record: unknown;
}

/** One line of a staging file, exactly as written. */
export interface StagedCredential {
  index: number;
  line: number;
  /** Names the holder files: the row id, or the credential's UUID when rows have no id. */
  id: string;
  /** CID of the encrypted body in the content store. */
  cid: string;
  /** The holder's key to the encrypted body (32 bytes, 0x-hex). */
  key: Hex;
  /** The credential without its anchor and signature. */
  credential: CredanchorCredentialV2;
}

/** What the pipeline needs from a staged credential besides its staging line. */
export interface StagedOutput {
  index: number;
  /** The staging line, JSON and no newline. */
  line: string;
  /** The credential digest, 32 bytes. */
  digest: Uint8Array;
  /** The sealed body to put into the content store. */
  envelope: Uint8Array;
  cid: string;
}

/**
 * Contexts already validated. The pool hands every record of a batch the same context object, so
 * the batch-wide context is checked once per batch, not once per row.
 */
const validatedContexts = new WeakMap<IssuanceContextV2, NormalizedContext>();

function validatedContext(context: IssuanceContextV2): NormalizedContext & { v2: object } {
  let valid = validatedContexts.get(context);
  if (valid === undefined) {
    valid = validateIssuanceContext(context);
    validatedContexts.set(context, valid);
  }
  if (valid.v2 === undefined) throw new Error("a staging context names its status list (v2)");
  return valid as NormalizedContext & { v2: object };
}

/**
 * `context` is the batch's: it names the batch's status list. The record is validated here (the
 * staging pass reads the input again, and a record is built from what validation makes of it).
 */
export async function stageCredential(
  job: RecordJob,
  context: IssuanceContextV2,
): Promise<StagedOutput> {
  const label = recordLabel(job.line);
  const credential = buildValidatedCredential({
    record: validateRecord(job.record, label),
    index: job.index,
    context: validatedContext(context),
    recordLabel: label,
  });
  const body = JSON.stringify(credential);
  const { envelope, key } = sealCredentialNative(new TextEncoder().encode(body));
  const cid = (await encodeContent(envelope, async () => {})).toString();
  const id = job.id ?? credential.id.replace(/^urn:uuid:/, "");
  // Written by hand so the credential is serialised once; field order is StagedCredential's.
  const line = `{"index":${job.index},"line":${job.line},"id":${JSON.stringify(id)},"cid":"${cid}","key":"0x${Buffer.from(key).toString("hex")}","credential":${body}}`;
  return {
    index: job.index,
    line,
    digest: hexToBytes(credential.proof[0].credentialDigest.slice(2)),
    envelope,
    cid,
  };
}
