// What a caller asks of a run (IssueCredentialsOptions) resolved once into the run's plan: the
// credential type, issuer profile, batch size, status base, signing key and input source, each
// checked and defaulted here and frozen, so every step reads one settled value and the options
// object goes no further. Nothing here touches the disk or the chain.
import { resolve } from "node:path";
import { type Address, getAddress, type Hex } from "viem";
import type { RegistryWriter } from "../chain/index.ts";
import { credentialTypeId, validateIssuanceContext } from "../credential/index.ts";
import type { ContentStore } from "../storage/index.ts";
import type { IssuerProfileInput, LoadedMapping } from "./columnMapping.ts";
import { IssueOptionError } from "./errors.ts";
import type { IssueEvent } from "./issueEvents.ts";
import { type IssuerKey, issuerKeyOf } from "./issuerKey.ts";
import type { BatchRange, RunFingerprint } from "./journal.ts";
import { type InputFormat, inputFormatOf } from "./readRecords.ts";
import { resolveStatusBase } from "./statusListUrl.ts";
import type { InputSource, ValidatedInput } from "./validateInput.ts";

/** Credentials per anchor unless --batch-size says otherwise. */
export const DEFAULT_BATCH_SIZE = 100_000;
/** The registry counts leaves in a uint32. */
const MAX_BATCH_SIZE = 2 ** 32 - 1;

export interface IssueCredentialsOptions {
  /** The CSV, JSON or JSON Lines file. */
  input: string;
  /** Default: from the file's extension. */
  format?: InputFormat;
  mapping?: LoadedMapping;
  /** The output folder: journal, report, holder files (folders 0700, files 0600: owner only). */
  outDir: string;
  /** Default: the mapping's credentialType. */
  credentialType?: string;
  /** Merged over the mapping's issuer profile; a name is required from one of them. */
  issuerProfile?: IssuerProfileInput;
  /** The issuer to anchor for; default: the writer's account (else it must be an operator). */
  issuer?: Address;
  /**
   * The 32-byte Ed25519 seed of the issuer's signing key: its did:key is the credentials' issuer
   * and it signs every holder file. It is copied to the worker threads in-process (workerData)
   * and nowhere else: never journaled, reported or written.
   */
  signingSeed: Uint8Array;
  /**
   * The https folder URL the batches' status lists are published under (batch b's list at
   * `<statusBase>/<list id>.json`); default: the issuer profile's url + "/credanchor/status".
   */
  statusBase?: string;
  chainId: number;
  registry: Address;
  writer: RegistryWriter;
  /**
   * Where encrypted bodies and manifests go; not needed for a dry run. A function is called only
   * once the input is valid and the output folder made (so a bad input leaves no store behind),
   * and the store it opens is closed at the end of the run.
   */
  store?: ContentStore | ((outDir: string) => Promise<ContentStore>);
  /** Credentials per anchor (default DEFAULT_BATCH_SIZE). */
  batchSize?: number;
  /** Issue the valid rows and list the others in this CSV file, instead of stopping. */
  rejectsFile?: string;
  /** The same steps with nothing stored, anchored or written but the rejects file: gas estimates. */
  dryRun?: boolean;
  /** Threads building credentials (default: one per core). */
  threads?: number;
  /**
   * Pin every encrypted body in the store (default true). Manifests are always pinned. A store
   * that never collects garbage (the embedded node) can skip it: pinning costs a datastore
   * write per body.
   */
  pinBodies?: boolean;
  onEvent?: (event: IssueEvent) => void;
}

type IssuanceContext = ReturnType<typeof validateIssuanceContext>;

/** Every setting of a run, resolved and checked: what the steps read. */
export interface IssuePlan {
  readonly input: Readonly<InputSource>;
  /** The mapping file's hash, for the journal's fingerprint (null without a mapping). */
  readonly mappingSha256: Hex | null;
  readonly context: IssuanceContext;
  readonly credentialTypeId: Hex;
  readonly key: IssuerKey;
  /** The key's seed, for the worker threads only. */
  readonly signingSeed: Uint8Array;
  readonly statusBase: string;
  readonly batchSize: number;
  /** Reads, estimates and (unless a dry run) sends through it. */
  readonly writer: RegistryWriter;
  /** The account that signs the transactions: the issuer or one of its operators. */
  readonly signer: Address;
  /** Absolute. */
  readonly outDir: string;
  readonly rejectsFile: string | undefined;
  readonly dryRun: boolean;
  readonly threads: number | undefined;
  readonly pinBodies: boolean;
}

export function resolveIssuePlan(options: IssueCredentialsOptions): IssuePlan {
  const mapping = options.mapping?.mapping;
  const credentialType = options.credentialType ?? mapping?.credentialType;
  if (credentialType === undefined) {
    throw new IssueOptionError(
      "--type",
      'is missing: name the credential type the batch is anchored under (e.g. --type BachelorDegree), or set "credentialType" in the mapping file',
    );
  }
  const profile: IssuerProfileInput = { ...mapping?.issuer };
  for (const [key, value] of Object.entries(options.issuerProfile ?? {})) {
    if (value !== undefined) profile[key as keyof IssuerProfileInput] = value;
  }
  if (profile.name === undefined) {
    throw new IssueOptionError(
      "--issuer-name",
      'is missing: give the issuer\'s name as credentials show it, or set "issuer": {"name": ...} in the mapping file',
    );
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new IssueOptionError(
      "--batch-size",
      `must be a whole number from 1 to ${MAX_BATCH_SIZE}`,
    );
  }
  const context = validateIssuanceContext({
    chainId: options.chainId,
    registryAddress: options.registry,
    issuerAddress: options.issuer ?? options.writer.wallet.account.address,
    credentialType,
    issuerProfile: profile,
  });
  const input: InputSource = {
    file: options.input,
    format: options.format ?? inputFormatOf(options.input),
  };
  if (options.mapping !== undefined) {
    input.mapping = options.mapping.mapping;
    input.mappingFile = options.mapping.file;
  }
  return Object.freeze({
    input: Object.freeze(input),
    mappingSha256: options.mapping?.sha256 ?? null,
    context: Object.freeze(context),
    credentialTypeId: credentialTypeId(credentialType),
    key: issuerKeyOf(options.signingSeed),
    signingSeed: options.signingSeed,
    statusBase: resolveStatusBase(options.statusBase, profile.url),
    batchSize,
    writer: options.writer,
    signer: getAddress(options.writer.wallet.account.address),
    outDir: resolve(options.outDir),
    rejectsFile: options.rejectsFile,
    dryRun: options.dryRun === true,
    threads: options.threads,
    pinBodies: options.pinBodies ?? true,
  });
}

/** What makes two runs the same run: the journal keeps it, a rerun must match it. */
export function fingerprintOf(plan: IssuePlan, input: ValidatedInput): RunFingerprint {
  const { context } = plan;
  return {
    input: { sha256: input.sha256, bytes: input.bytes, format: plan.input.format },
    mapping: plan.mappingSha256 === null ? null : { sha256: plan.mappingSha256 },
    chainId: context.chainId,
    registry: context.registryAddress,
    issuer: context.issuerAddress,
    credentialType: context.credentialType,
    issuerProfile: context.issuerProfile as Record<string, string>,
    batchSize: plan.batchSize,
    skipInvalid: plan.rejectsFile !== undefined,
    signingKey: plan.key.didKey,
    statusBase: plan.statusBase,
  };
}

/** Splits `valid` credentials into batches of at most `size`. */
export function planBatches(valid: number, size: number): BatchRange[] {
  const batches: BatchRange[] = [];
  for (let first = 0, batch = 0; first < valid; first += size, batch++) {
    batches.push({ batch, first, count: Math.min(size, valid - first) });
  }
  return batches;
}
