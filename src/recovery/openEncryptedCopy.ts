// The credential sealed on IPFS when it was issued (its body, no anchor yet), opened with the
// link and key the holder kept apart from the file: how a holder rebuilds a lost credential file.
import { hexToBytes } from "viem";
import type { AnyCredanchorCredential, EncryptedCopy } from "../credential/index.ts";
import { CredanchorError } from "../errors.ts";
import { type ContentSource, fetchAndOpen } from "../storage/index.ts";

/** `name` says what the credential will become (the file to write), for errors. */
export async function openEncryptedCopy(
  source: ContentSource,
  copy: EncryptedCopy,
  name: string,
): Promise<AnyCredanchorCredential> {
  const bytes = await fetchAndOpen(source, copy.cid, hexToBytes(copy.key));
  const invalid = (problem: string) =>
    new CredanchorError("CREDENTIAL_FILE_INVALID", `${name}: ${problem}.`, {
      file: name,
      cid: copy.cid,
    });
  let credential: AnyCredanchorCredential;
  try {
    credential = JSON.parse(new TextDecoder().decode(bytes)) as AnyCredanchorCredential;
  } catch {
    throw invalid(`the encrypted copy ${copy.cid} is not JSON`);
  }
  if (typeof credential?.id !== "string" || typeof credential.proof !== "object") {
    throw invalid(`the encrypted copy ${copy.cid} holds no credential`);
  }
  return credential;
}
