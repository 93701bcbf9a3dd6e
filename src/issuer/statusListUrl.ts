// Where a batch's status list is published: `<statusBase>/<listId>.json`. The list id is 16 bytes
// of SHA-256 over a label, the run's journaled permutation key and the batch number, so it tells
// nothing about the batch, and a rerun after a kill names the same URL.
import { createHash } from "node:crypto";
import { hexToBytes } from "@noble/hashes/utils.js";
import type { Hex } from "viem";
import { isHttpsUrl } from "../credential/index.ts";
import { IssueOptionError } from "./errors.ts";

const LIST_ID_LABEL = "credanchor status list";

/** Under the issuer's web site when no --status-base is given. */
export const DEFAULT_STATUS_PATH = "/credanchor/status";

/** 32 lowercase hex digits: the first 16 bytes of SHA-256(label || key || batch as uint32 BE). */
export function statusListId(indexKey: Hex, batch: number): string {
  const batchBytes = Buffer.alloc(4);
  batchBytes.writeUInt32BE(batch);
  return createHash("sha256")
    .update(LIST_ID_LABEL, "utf8")
    .update(hexToBytes(indexKey.slice(2)))
    .update(batchBytes)
    .digest("hex")
    .slice(0, 32);
}

export function statusListUrl(statusBase: string, indexKey: Hex, batch: number): string {
  return `${statusBase}/${statusListId(indexKey, batch)}.json`;
}

/**
 * The folder URL the lists are published under: `statusBase` as given, else the issuer's URL and
 * DEFAULT_STATUS_PATH; an https URL without a query, fragment or trailing slash.
 */
export function resolveStatusBase(statusBase: string | undefined, issuerUrl: string | undefined) {
  const option = statusBase === undefined ? "--issuer-url" : "--status-base";
  let given = statusBase;
  if (given === undefined) {
    if (issuerUrl === undefined) {
      throw new IssueOptionError(
        "--status-base",
        `is missing: give the https URL the batch's status lists will be hosted under (e.g. --status-base https://registrar.example.edu${DEFAULT_STATUS_PATH}), or an --issuer-url to host them under its ${DEFAULT_STATUS_PATH}`,
      );
    }
    given = `${issuerUrl.replace(/\/+$/, "")}${DEFAULT_STATUS_PATH}`;
  }
  const base = given.replace(/\/+$/, "");
  let url: URL | undefined;
  try {
    url = new URL(base);
  } catch {}
  if (url === undefined || url.search !== "" || !isHttpsUrl(`${base}/0.json`)) {
    throw new IssueOptionError(
      option,
      `"${given}" cannot hold status lists: they are published under an https URL without ?query or #fragment, e.g. https://registrar.example.edu${DEFAULT_STATUS_PATH}`,
    );
  }
  return base;
}
