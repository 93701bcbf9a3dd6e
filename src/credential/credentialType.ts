// The on-chain id of a credential type: CredentialRegistry and AccreditationRegistry key types by
// bytes20. Short names stay readable on chain (a block explorer shows "BachelorDegree"); long
// ones are hashed.

import type { Hex } from "viem";
import { bytesToHex } from "../hash/hex.ts";
import { keccak256 } from "../hash/keccak256.ts";
import { CredentialTypeError } from "./errors.ts";
import { describeTextProblem, findTextProblem, utf8Bytes } from "./text.ts";

const MAX_TYPE_NAME_BYTES = 256;

/**
 * bytes20 of a credential type name: its UTF-8 bytes right-padded with zeros when they fit in
 * 20 bytes, else the first 20 bytes of keccak256 of them. Names must be non-empty, without
 * surrounding whitespace or control characters (so no two spellings share an id by padding).
 */
export function credentialTypeId(name: string): Hex {
  if (typeof name !== "string" || name.length === 0) {
    throw new CredentialTypeError(String(name), "must be a non-empty string");
  }
  const problem = findTextProblem(name, false);
  if (problem) throw new CredentialTypeError(name, describeTextProblem(problem));
  if (name.trim() !== name) {
    throw new CredentialTypeError(name, "must not start or end with whitespace");
  }
  const bytes = utf8Bytes(name);
  if (bytes.length > MAX_TYPE_NAME_BYTES) {
    throw new CredentialTypeError(name, `is longer than ${MAX_TYPE_NAME_BYTES} UTF-8 bytes`);
  }
  const id = new Uint8Array(20);
  id.set(bytes.length <= 20 ? bytes : keccak256(bytes).subarray(0, 20));
  return `0x${bytesToHex(id)}`;
}
