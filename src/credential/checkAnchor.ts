// The anchor data against the status slot: root, index, chain and registry must agree, in the hex
// rule of the file's version (v1: either case, compared case-insensitively; v2: one spelling).
// A file not yet anchored has no anchor, and then no batch root either.
import { isAddress, isBytes32, isObject } from "../values/index.ts";
import { CID_TEXT, MAX_BATCH_INDEX } from "./constants.ts";
import { isChecksummedAddress, isLowerBytes32 } from "./formatV2.ts";
import type { Fail } from "./integrityFailure.ts";
import { escapePointerToken } from "./jsonPointer.ts";
import type { ProofLayout } from "./readCredential.ts";

const ANCHOR_MEMBERS = [
  "chainId",
  "registryAddress",
  "merkleRoot",
  "leafIndex",
  "merkleProof",
  "transactionHash",
  "blockNumber",
  "manifestCid",
  "leafCount",
];

/** Anchor data of an anchored file agrees with its status slot; see the module comment. */
export function checkAnchor(
  credential: Record<string, unknown>,
  layout: ProofLayout & { version: 1 | 2 },
  fail: Fail,
): void {
  const v2 = layout.version === 2;
  const at = v2 ? "/proof/0" : "/proof";
  const name = v2 ? "proof[0]" : "proof";
  const status = credential.credentialStatus;
  const batchRoot = isObject(status) ? status.batchRoot : undefined;
  const anchor = layout.anchorProof.anchor;
  if (anchor === undefined) {
    if (batchRoot !== undefined) {
      fail(
        "ANCHOR_MISMATCH",
        `credentialStatus.batchRoot is set but ${name}.anchor is missing`,
        "/credentialStatus/batchRoot",
      );
    }
    return;
  }
  if (!isObject(anchor) || !isObject(status)) {
    fail("MALFORMED", `${name}.anchor and credentialStatus must be objects`, `${at}/anchor`);
    return;
  }
  for (const key of Object.keys(anchor)) {
    if (!ANCHOR_MEMBERS.includes(key))
      fail(
        "MALFORMED",
        `${name}.anchor has an unknown member "${key}"`,
        `${at}/anchor/${escapePointerToken(key)}`,
      );
  }
  const hex32 = v2 ? isLowerBytes32 : (value: unknown) => isBytes32(value);
  const hexRule = v2 ? "32-byte lowercase hex" : "32-byte hex";
  if (!hex32(anchor.merkleRoot))
    fail("MALFORMED", `${name}.anchor.merkleRoot must be ${hexRule}`, `${at}/anchor/merkleRoot`);
  if (!hex32(anchor.transactionHash))
    fail(
      "MALFORMED",
      `${name}.anchor.transactionHash must be ${hexRule}`,
      `${at}/anchor/transactionHash`,
    );
  if (!Array.isArray(anchor.merkleProof) || !anchor.merkleProof.every(hex32)) {
    fail(
      "MALFORMED",
      `${name}.anchor.merkleProof must be a list of ${hexRule}`,
      `${at}/anchor/merkleProof`,
    );
  }
  if (
    anchor.manifestCid !== undefined &&
    !(typeof anchor.manifestCid === "string" && CID_TEXT.test(anchor.manifestCid))
  ) {
    fail("MALFORMED", `${name}.anchor.manifestCid must be a CID`, `${at}/anchor/manifestCid`);
  }
  if (
    anchor.blockNumber !== undefined &&
    !(Number.isSafeInteger(anchor.blockNumber) && (anchor.blockNumber as number) >= 0)
  ) {
    fail(
      "MALFORMED",
      `${name}.anchor.blockNumber must be a non-negative integer`,
      `${at}/anchor/blockNumber`,
    );
  }
  if (
    anchor.leafCount !== undefined &&
    !(
      Number.isSafeInteger(anchor.leafCount) &&
      (anchor.leafCount as number) > 0 &&
      (anchor.leafCount as number) <= MAX_BATCH_INDEX + 1
    )
  ) {
    fail(
      "MALFORMED",
      `${name}.anchor.leafCount must be a positive integer`,
      `${at}/anchor/leafCount`,
    );
  }
  // v1 compared hex case-insensitively; v2 values have one spelling, so they compare exactly.
  const same = (a: unknown, b: unknown) =>
    typeof a === "string" &&
    typeof b === "string" &&
    (v2 ? a === b : a.toLowerCase() === b.toLowerCase());
  if (!same(anchor.merkleRoot, batchRoot)) {
    fail(
      "ANCHOR_MISMATCH",
      `${name}.anchor.merkleRoot differs from credentialStatus.batchRoot`,
      `${at}/anchor/merkleRoot`,
    );
  }
  if (anchor.leafIndex !== status.batchIndex) {
    fail(
      "ANCHOR_MISMATCH",
      `${name}.anchor.leafIndex differs from credentialStatus.batchIndex`,
      `${at}/anchor/leafIndex`,
    );
  }
  if (anchor.chainId !== status.chainId) {
    fail(
      "ANCHOR_MISMATCH",
      `${name}.anchor.chainId differs from credentialStatus.chainId`,
      `${at}/anchor/chainId`,
    );
  }
  const addressOk = v2
    ? isChecksummedAddress(anchor.registryAddress)
    : isAddress(anchor.registryAddress);
  if (!(addressOk && same(anchor.registryAddress, status.registryAddress))) {
    fail(
      "ANCHOR_MISMATCH",
      `${name}.anchor.registryAddress differs from credentialStatus.registryAddress`,
      `${at}/anchor/registryAddress`,
    );
  }
}
