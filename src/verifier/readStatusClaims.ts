// Reads where a credential says its status lives (chain, registry, issuer, type, root, index) and
// checks each value is well formed, so the chain is only ever asked about well-formed slots. The
// values are claims: integrity proves the issuer committed to them.
import type { Address, Hex } from "viem";
import {
  credentialTypeId,
  MAX_BATCH_INDEX,
  parseCaip2ChainId,
  STATUS_TYPE,
} from "../credential/index.ts";

export type StatusClaims = {
  caip2: string;
  chainId: number;
  registry: Address;
  issuer: Address;
  credentialType: string;
  /** credentialTypeId(credentialType): what the batch must be anchored under. */
  typeId: Hex;
  index: number;
  /** Absent while the credential's batch is not anchored. */
  root: Hex | undefined;
};

export type StatusProblem = { pointer: string; message: string };

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function readStatusClaims(
  credential: unknown,
): { ok: true; claims: StatusClaims } | { ok: false; problems: StatusProblem[] } {
  const problems: StatusProblem[] = [];
  const status = isObject(credential) ? credential.credentialStatus : undefined;
  if (!isObject(status)) {
    return {
      ok: false,
      problems: [{ pointer: "/credentialStatus", message: "is missing or not an object" }],
    };
  }
  const problem = (member: string, message: string) =>
    problems.push({ pointer: `/credentialStatus/${member}`, message });
  if (status.type !== STATUS_TYPE) problem("type", `must be "${STATUS_TYPE}"`);
  const caip2 = status.chainId;
  const chainId = typeof caip2 === "string" ? parseCaip2ChainId(caip2) : undefined;
  if (chainId === undefined)
    problem("chainId", 'must be a CAIP-2 EVM chain id, e.g. "eip155:8453"');
  const registry = status.registryAddress;
  if (typeof registry !== "string" || !ADDRESS.test(registry))
    problem("registryAddress", "must be an address (0x and 40 hex digits)");
  const issuer = status.issuerAddress;
  if (typeof issuer !== "string" || !ADDRESS.test(issuer))
    problem("issuerAddress", "must be an address (0x and 40 hex digits)");
  const credentialType = status.credentialType;
  let typeId: Hex | undefined;
  try {
    typeId = credentialTypeId(credentialType as string);
  } catch (error) {
    problem("credentialType", (error as Error).message);
  }
  const index = status.batchIndex;
  if (!Number.isSafeInteger(index) || (index as number) < 0 || (index as number) > MAX_BATCH_INDEX)
    problem("batchIndex", `must be an integer from 0 to ${MAX_BATCH_INDEX}`);
  const root = status.batchRoot;
  if (root !== undefined && (typeof root !== "string" || !BYTES32.test(root)))
    problem("batchRoot", "must be 0x and 64 hex digits");
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    claims: {
      caip2: caip2 as string,
      chainId: chainId!,
      registry: registry as Address,
      issuer: issuer as Address,
      credentialType: credentialType as string,
      typeId: typeId!,
      index: index as number,
      root: root as Hex | undefined,
    },
  };
}
