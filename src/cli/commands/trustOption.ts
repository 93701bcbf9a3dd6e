// A --trust value of `credanchor verify` as a trust entry: a known deployment's name, then
// ./deployments/<name>.json, then a deployment record file, then a CAIP-10 registry id. Every
// error names the value and what to give instead.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { KNOWN_DEPLOYMENTS } from "../../chain/index.ts";
import { CredanchorError } from "../../errors.ts";
import {
  knownTrust,
  parseTrustEntry,
  type TrustedRegistry,
  trustFromDeployment,
  VerifyOptionsError,
} from "../../verifier/index.ts";

const DEPLOYMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * One --trust value as a trust entry: a known deployment's name, then ./deployments/<name>.json,
 * then a deployment record file, then a CAIP-10 registry id. Throws naming the value.
 */
export async function resolveTrust(value: string): Promise<TrustedRegistry> {
  const known = KNOWN_DEPLOYMENTS.find((d) => d.network === value);
  if (known !== undefined) return knownTrust([known])[0]!;
  const candidates = [
    ...(DEPLOYMENT_NAME.test(value) && !value.endsWith(".json")
      ? [path.join("deployments", `${value}.json`)]
      : []),
    value,
  ];
  for (const file of candidates) {
    const record = await readDeploymentFile(file, value);
    if (record === undefined) continue;
    try {
      return trustFromDeployment(record, file);
    } catch (error) {
      if (!(error instanceof CredanchorError)) throw error;
      throw new CredanchorError(error.code, `--trust "${value}": ${error.message}`, {
        option: "--trust",
        ...error.details,
      });
    }
  }
  if (!value.startsWith("eip155:")) {
    const names = KNOWN_DEPLOYMENTS.map((d) => d.network).join(", ") || "none yet";
    const problem =
      candidates.length > 1
        ? `no known deployment has that name (known: ${names}), there is no ${candidates[0]} here and no such file`
        : "no such file";
    throw new CredanchorError(
      "OPTION_INVALID",
      `--trust "${value}": ${problem}. Give a deployment name, a deployment record file or eip155:<chain id>:<CredentialRegistry address>.`,
      { option: "--trust", value },
    );
  }
  try {
    return parseTrustEntry(value);
  } catch (error) {
    if (!(error instanceof VerifyOptionsError)) throw error;
    throw new CredanchorError(
      "OPTION_INVALID",
      `--trust ${error.message.replace(/^verify option trust: /, "")}`,
      { option: "--trust", value },
    );
  }
}

/** The parsed JSON of a deployment record file; undefined when there is no such file. */
async function readDeploymentFile(file: string, value: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "ENAMETOOLONG") return undefined;
    throw new CredanchorError(
      "FILE_UNREADABLE",
      `--trust "${value}": ${file} cannot be read (${code ?? String(error)}).`,
      { option: "--trust", file },
    );
  }
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new CredanchorError(
      "DEPLOYMENT_INVALID",
      `--trust "${value}": ${file} is not JSON (${(error as Error).message}); give a deployments/<name>.json record.`,
      { option: "--trust", file },
    );
  }
}
